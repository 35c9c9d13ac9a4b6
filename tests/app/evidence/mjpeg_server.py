"""A network camera served by the test itself: HTTP MJPEG (``multipart/x-mixed-replace``,
as most IP cameras and ``mjpg-streamer`` serve it) on 127.0.0.1, with JPEG pictures
drawn by Pillow at a given rate. ``freeze()`` keeps the connection open and sends
nothing more: a camera that stops answering. Leaving the ``with`` closes its
connections (a camera unplugged); another one on the same ``port`` is the camera
plugged back."""

from __future__ import annotations

import io
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image, ImageDraw

BOUNDARY = "packdeskframe"


def jpeg(number: int, size: tuple[int, int]) -> bytes:
    picture = Image.new("RGB", size, (40 + number * 7 % 200, 90, 160))
    ImageDraw.Draw(picture).rectangle((number * 9 % size[0], 40, number * 9 % size[0] + 60, 100))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=80)
    return out.getvalue()


class MjpegCamera:
    def __init__(
        self, size: tuple[int, int] = (640, 360), rate: float = 15.0, port: int = 0
    ) -> None:
        self.size, self.rate = size, rate
        self.frozen = threading.Event()
        self.closed = threading.Event()
        camera = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", f"multipart/x-mixed-replace;boundary={BOUNDARY}")
                self.end_headers()
                number = 0
                try:
                    while not camera.closed.is_set():
                        if camera.frozen.is_set():
                            time.sleep(0.05)
                            continue
                        body = jpeg(number, camera.size)
                        head = (
                            f"--{BOUNDARY}\r\nContent-Type: image/jpeg\r\n"
                            f"Content-Length: {len(body)}\r\n\r\n"
                        )
                        self.wfile.write(head.encode() + body + b"\r\n")
                        self.wfile.flush()
                        number += 1
                        time.sleep(1 / camera.rate)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self.url = f"http://127.0.0.1:{self.port}/video.mjpg"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> MjpegCamera:
        self._thread.start()
        return self

    def freeze(self) -> None:
        self.frozen.set()

    def __exit__(self, *exc: object) -> None:
        self.closed.set()
        self._server.shutdown()
        self._server.server_close()


def free_port() -> int:
    """A port nobody listens on (for a camera that is not there)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
