"""A network camera served by the test itself over RTSP, as IP cameras serve it: RTSP
1.0 on 127.0.0.1 (OPTIONS, DESCRIBE with an SDP, SETUP, PLAY, GET_PARAMETER as a
keep-alive, TEARDOWN), H.264 in RTP (RFC 6184: a NAL unit a packet, or FU-A fragments
for the bigger ones) interleaved in the RTSP connection (RTP over TCP, what the
recorder asks for). An optional user and password are asked for with HTTP Basic
(a 401 first, as a camera does).

The pictures are FFmpeg's ``testsrc`` encoded once with libx264 (key frame every
second, no B-frames) and sent again and again at ``rate`` with growing timestamps.
Only what FFmpeg's RTSP client says and needs is answered; anything else gets 501.
"""

from __future__ import annotations

import base64
import random
import socketserver
import struct
import threading
import time
from fractions import Fraction

import av

MAX_PAYLOAD = 1400  # an RTP packet's payload, as over UDP (a NAL unit past it: FU-A)
CLOCK = 90_000  # H.264's RTP clock (Hz)


def h264_pictures(size: tuple[int, int], rate: int, seconds: int = 2) -> list[list[bytes]]:
    """``seconds`` of FFmpeg's test pattern in H.264: each picture's NAL units (no start
    codes), the first of each second with its SPS and PPS."""
    source = av.open(f"testsrc=size={size[0]}x{size[1]}:rate={rate}", format="lavfi")
    encoder = av.CodecContext.create("libx264", "w")
    encoder.width, encoder.height, encoder.pix_fmt = size[0], size[1], "yuv420p"
    encoder.time_base = Fraction(1, rate)
    encoder.gop_size = rate
    encoder.max_b_frames = 0
    encoder.options = {"preset": "ultrafast", "tune": "zerolatency", "threads": "1"}
    stream: list[bytes] = []
    try:
        for number, frame in enumerate(source.decode(video=0)):
            if number == rate * seconds:
                break
            picture = frame.reformat(format="yuv420p")
            picture.pts = number
            stream.extend(bytes(packet) for packet in encoder.encode(picture))
        stream.extend(bytes(packet) for packet in encoder.encode(None))
    finally:
        source.close()
    return [nal_units(access_unit) for access_unit in stream]


def nal_units(annex_b: bytes) -> list[bytes]:
    """An Annex B byte stream's NAL units, without their start codes."""
    units = []
    for chunk in annex_b.split(b"\x00\x00\x01"):
        unit = chunk.rstrip(b"\x00")  # (a four-byte start code leaves a zero behind)
        if unit:
            units.append(unit)
    return units


def rtp_packets(units: list[bytes], sequence: int, timestamp: int, ssrc: int) -> list[bytes]:
    """One picture's RTP packets (payload type 96), the marker bit on its last."""
    payloads: list[bytes] = []
    for unit in units:
        if len(unit) <= MAX_PAYLOAD:
            payloads.append(unit)
            continue
        indicator, kind = (unit[0] & 0xE0) | 28, unit[0] & 0x1F  # FU-A
        rest = unit[1:]
        pieces = [rest[i : i + MAX_PAYLOAD - 2] for i in range(0, len(rest), MAX_PAYLOAD - 2)]
        for n, piece in enumerate(pieces):
            header = kind | (0x80 if n == 0 else 0) | (0x40 if n == len(pieces) - 1 else 0)
            payloads.append(bytes([indicator, header]) + piece)
    packets = []
    for n, payload in enumerate(payloads):
        marker = 0x80 if n == len(payloads) - 1 else 0
        seq = (sequence + n) & 0xFFFF
        head = struct.pack("!BBHII", 0x80, marker | 96, seq, timestamp & 0xFFFFFFFF, ssrc)
        packets.append(head + payload)
    return packets


class RtspCamera:
    """``with RtspCamera() as camera:`` serves ``camera.url`` until the end of the block."""

    def __init__(
        self,
        size: tuple[int, int] = (320, 240),
        rate: int = 15,
        *,
        user: str | None = None,
        password: str | None = None,
    ) -> None:
        self.size, self.rate = size, rate
        self.pictures = h264_pictures(size, rate)
        self.closed = threading.Event()
        self.methods: list[str] = []  # the requests' methods, in order (what the client did)
        self.sent = 0  # pictures sent, to every client
        camera = self
        wanted = None
        if user is not None:
            wanted = "Basic " + base64.b64encode(f"{user}:{password or ''}".encode()).decode()

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                self.writing = threading.Lock()
                self.playing: threading.Thread | None = None
                try:
                    while not camera.closed.is_set():
                        first = self.rfile.read(1)
                        if not first:
                            return
                        if first == b"$":  # the client's RTCP, interleaved: read and let go
                            _channel, length = struct.unpack("!BH", self.rfile.read(3))
                            self.rfile.read(length)
                            continue
                        if not self.request_(first + self.rfile.readline()):
                            return
                except (ConnectionError, OSError, struct.error):
                    pass

            def request_(self, line: bytes) -> bool:
                method, url, _version = line.decode("ascii").split()
                headers = {}
                while (header := self.rfile.readline().decode("latin-1").strip()) != "":
                    name, _, value = header.partition(":")
                    headers[name.strip().lower()] = value.strip()
                length = int(headers.get("content-length", "0"))
                if length:
                    self.rfile.read(length)
                camera.methods.append(method)
                cseq = headers.get("cseq", "0")
                refused = wanted is not None and headers.get("authorization") != wanted
                if refused and method != "OPTIONS":
                    self.reply(
                        cseq,
                        "401 Unauthorized",
                        {"WWW-Authenticate": 'Basic realm="packdesk test camera"'},
                    )
                    return True
                base = url.rstrip("/")
                if method == "OPTIONS":
                    public = "OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER, TEARDOWN"
                    self.reply(cseq, "200 OK", {"Public": public})
                elif method == "DESCRIBE":
                    sdp = camera.sdp().encode("ascii")
                    self.reply(
                        cseq,
                        "200 OK",
                        {"Content-Base": base + "/", "Content-Type": "application/sdp"},
                        sdp,
                    )
                elif method == "SETUP":
                    transport = headers.get("transport", "")
                    if "RTP/AVP/TCP" not in transport:  # (this camera serves TCP alone)
                        self.reply(cseq, "461 Unsupported Transport")
                        return True
                    self.reply(
                        cseq,
                        "200 OK",
                        {
                            "Transport": "RTP/AVP/TCP;unicast;interleaved=0-1",
                            "Session": "5eb15e55;timeout=60",
                        },
                    )
                elif method == "PLAY":
                    self.reply(cseq, "200 OK", {"Session": "5eb15e55", "Range": "npt=0.000-"})
                    if self.playing is None:
                        self.playing = threading.Thread(target=self.play, daemon=True)
                        self.playing.start()
                elif method == "GET_PARAMETER":
                    self.reply(cseq, "200 OK", {"Session": "5eb15e55"})
                elif method == "TEARDOWN":
                    self.reply(cseq, "200 OK", {"Session": "5eb15e55"})
                    return False
                else:
                    self.reply(cseq, "501 Not Implemented")
                return True

            def reply(
                self,
                cseq: str,
                status: str,
                headers: dict[str, str] | None = None,
                body: bytes = b"",
            ) -> None:
                lines = [f"RTSP/1.0 {status}", f"CSeq: {cseq}"]
                lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
                if body:
                    lines.append(f"Content-Length: {len(body)}")
                self.send(("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + body)

            def send(self, data: bytes) -> None:
                with self.writing:
                    self.wfile.write(data)
                    self.wfile.flush()

            def play(self) -> None:
                sequence, ssrc = random.randrange(1 << 16), random.randrange(1 << 32)
                started, number = time.monotonic(), 0
                step = CLOCK // camera.rate
                try:
                    while not camera.closed.is_set():
                        units = camera.pictures[number % len(camera.pictures)]
                        packets = rtp_packets(units, sequence, number * step, ssrc)
                        sequence += len(packets)
                        self.send(
                            b"".join(b"$\x00" + struct.pack("!H", len(p)) + p for p in packets)
                        )
                        camera.sent += 1
                        number += 1
                        wait = started + number / camera.rate - time.monotonic()
                        if wait > 0:
                            time.sleep(wait)
                except (ConnectionError, OSError, ValueError):
                    pass  # (the client went away)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = int(self._server.server_address[1])
        credentials = f"{user}:{password}@" if user is not None else ""
        self.url = f"rtsp://{credentials}127.0.0.1:{self.port}/stream"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def sdp(self) -> str:
        sps = next(u for units in self.pictures for u in units if u[0] & 0x1F == 7)
        pps = next(u for units in self.pictures for u in units if u[0] & 0x1F == 8)
        sets = ",".join(base64.b64encode(u).decode("ascii") for u in (sps, pps))
        lines = [
            "v=0",
            "o=- 0 0 IN IP4 127.0.0.1",
            "s=packdesk test camera",
            "c=IN IP4 0.0.0.0",
            "t=0 0",
            "m=video 0 RTP/AVP 96",
            f"a=rtpmap:96 H264/{CLOCK}",
            f"a=fmtp:96 packetization-mode=1;profile-level-id={sps[1:4].hex()};"
            f"sprop-parameter-sets={sets}",
            "a=control:track1",
        ]
        return "\r\n".join(lines) + "\r\n"

    def __enter__(self) -> RtspCamera:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.closed.set()
        self._server.shutdown()
        self._server.server_close()
