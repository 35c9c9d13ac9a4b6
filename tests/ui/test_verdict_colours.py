"""The verdict banner's tones tell apart without colour vision's red-green axis: each
pair differs enough after a simulated deuteranopia and protanopia (Machado, Oliveira
and Fernandes 2009, severity 1), OK and error differ in lightness as well, and the
words on each tone are easy to read (WCAG contrast)."""

from __future__ import annotations

import itertools
import math

import pytest

from ui.pack.verdict_look import TONES, background, text_colour

# linear-RGB matrices simulating full deuteranopia and protanopia
DEUTERANOPIA = (
    (0.367322, 0.860646, -0.227968),
    (0.280085, 0.672501, 0.047413),
    (-0.011820, 0.042940, 0.968881),
)
PROTANOPIA = (
    (0.152286, 1.052583, -0.204868),
    (0.114503, 0.786281, 0.099216),
    (-0.003882, -0.048116, 1.051998),
)
NORMAL = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))

Rgb = tuple[float, float, float]


def _linear(hex_colour: str) -> Rgb:
    def one(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    h = hex_colour.lstrip("#")
    r, g, b = (one(int(h[i : i + 2], 16)) for i in (0, 2, 4))
    return r, g, b


def _seen(hex_colour: str, matrix: tuple[Rgb, Rgb, Rgb]) -> Rgb:
    rgb = _linear(hex_colour)
    r, g, b = (
        min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix
    )
    return r, g, b


def _lab(rgb: Rgb) -> Rgb:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _luminance(hex_colour: str) -> float:
    r, g, b = _linear(hex_colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize(
    "vision", [NORMAL, DEUTERANOPIA, PROTANOPIA], ids=["normal", "deuteranopia", "protanopia"]
)
def test_every_two_tones_look_different(vision: tuple[Rgb, Rgb, Rgb]) -> None:
    close = []
    for one, two in itertools.combinations(TONES, 2):
        difference = math.dist(
            _lab(_seen(background(one), vision)), _lab(_seen(background(two), vision))
        )
        if difference < 25:  # CIE76: about 2.3 is just noticeable; 25 is plain at a glance
            close.append((one, two, round(difference)))
    assert close == []


def test_ok_and_error_differ_in_lightness_for_everyone() -> None:
    for vision in (NORMAL, DEUTERANOPIA, PROTANOPIA):
        ok = _lab(_seen(background("ok"), vision))[0]
        error = _lab(_seen(background("error"), vision))[0]
        assert ok - error >= 30  # OK light, error dark: a grey-scale photo tells them apart


@pytest.mark.parametrize("tone", TONES)
def test_the_words_on_every_tone_are_easy_to_read(tone: str) -> None:
    light, dark = sorted((_luminance(background(tone)), _luminance(text_colour(tone))))[::-1]
    assert (light + 0.05) / (dark + 0.05) >= 4.5
