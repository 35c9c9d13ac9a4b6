"""Make the pack station's sounds: ``python resources/sounds/make_sounds.py``.

Each verdict has its own sound, so a packer who is looking at the box, not the
screen, still knows what happened: a short high beep for an accepted item, a rising
chime when the order is complete, a low double buzz for a wrong item, a falling
two-tone for too many, three short low beeps for a code that is unknown or not a
code at all, a soft click for commands and sign-in; at the dock, a long loud siren
for a parcel that must not leave (intercepted). 16-bit mono WAV, 22,050 Hz.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
HERE = Path(__file__).resolve().parent

# (frequency Hz or 0 for silence, milliseconds, waveform)
Tone = tuple[float, int, str]

SOUNDS: dict[str, list[Tone]] = {
    "accepted": [(1760, 90, "sine")],
    "complete": [(1047, 110, "sine"), (1319, 110, "sine"), (1568, 110, "sine"), (2093, 260, "sine")],
    "wrong_item": [(180, 220, "square"), (0, 70, "sine"), (180, 320, "square")],
    "over_scan": [(880, 180, "square"), (440, 320, "square")],
    "unknown": [(330, 90, "square"), (0, 60, "sine"), (330, 90, "square"), (0, 60, "sine"),
                (330, 90, "square")],
    "info": [(1200, 30, "sine")],
    # the dock: a parcel that must not leave (intercepted): the loudest, a long siren
    "stop": [(1400, 160, "square"), (700, 160, "square")] * 4 + [(1400, 400, "square")],
    # the supervisor's board: an order newly stuck (a two-tone bell, not a packer's sound)
    "alert": [(660, 160, "sine"), (0, 40, "sine"), (990, 160, "sine"), (0, 40, "sine"),
              (660, 160, "sine")],
}


LOUDER = {"stop": 0.95}  # the rest at 0.6


def samples(tones: list[Tone], volume: float = 0.6) -> list[int]:
    out: list[int] = []
    for freq, ms, shape in tones:
        n = RATE * ms // 1000
        fade = min(n // 8, RATE // 200)  # 5 ms ramps: no clicks between tones
        for i in range(n):
            if freq == 0:
                out.append(0)
                continue
            phase = math.sin(2 * math.pi * freq * i / RATE)
            value = phase if shape == "sine" else (0.5 if phase >= 0 else -0.5)
            ramp = min(1.0, i / fade if fade else 1.0, (n - i) / fade if fade else 1.0)
            out.append(int(value * ramp * volume * 32767))
    return out


def write(name: str, tones: list[Tone]) -> Path:
    path = HERE / f"{name}.wav"
    data = samples(tones, LOUDER.get(name, 0.6))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(struct.pack(f"<{len(data)}h", *data))
    return path


if __name__ == "__main__":
    for sound, tones in SOUNDS.items():
        print(write(sound, tones))
