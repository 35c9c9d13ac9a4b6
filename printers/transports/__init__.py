"""Getting bytes to printers, chosen by URI:

``tcp://host:9100``, ``serial:///dev/ttyUSB0?baudrate=9600``, ``usb:///dev/usb/lp0``,
``cups://QUEUE`` (``cups://QUEUE?server=HOST:PORT`` on a print server),
``windows://Printer Name``, ``file:///folder`` and ``preview`` (the preview folder;
``preview:///folder`` names another one).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from printers.errors import PrinterUriError
from printers.transports.base import DEFAULT_TIMEOUT, Transport
from printers.transports.cups import CupsTransport
from printers.transports.device import DeviceTransport
from printers.transports.folder import FolderTransport
from printers.transports.serial_port import SerialTransport
from printers.transports.tcp import TcpTransport
from printers.transports.windows import WindowsTransport

SCHEMES = ("tcp", "serial", "usb", "cups", "windows", "file", "preview")
EXAMPLES = (
    "tcp://192.168.1.50:9100, serial:///dev/ttyUSB0?baudrate=9600, usb:///dev/usb/lp0, "
    "cups://QUEUE, windows://Printer Name, file:///folder, preview"
)

__all__ = ["DEFAULT_TIMEOUT", "EXAMPLES", "SCHEMES", "Transport", "open_transport"]


def _bad(uri: str, why: str) -> PrinterUriError:
    return PrinterUriError(f"Printer address {uri!r}: {why}. Examples: {EXAMPLES}.")


def _number(uri: str, options: dict[str, list[str]], key: str, default: float) -> float:
    if key not in options:
        return default
    try:
        return float(options[key][-1])
    except ValueError:
        raise _bad(uri, f"{key} must be a number") from None


def open_transport(
    uri: str, *, preview_folder: Path | None = None, timeout: float = DEFAULT_TIMEOUT
) -> Transport:
    """The transport for ``uri``, or a ``PrinterUriError`` that says what is wrong."""
    text = uri.strip()
    if text == "preview":
        if preview_folder is None:
            raise _bad(uri, "no preview folder is configured")
        return FolderTransport(preview_folder, scheme="preview")
    if "://" not in text:
        raise _bad(uri, "it needs a scheme such as tcp:// or usb://")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    options = parse_qs(parts.query)
    timeout = _number(uri, options, "timeout", timeout)
    if scheme == "tcp":
        if not parts.hostname:
            raise _bad(uri, "tcp:// needs a host")
        try:
            port = parts.port or 9100
        except ValueError:
            raise _bad(uri, "the port must be a number from 1 to 65535") from None
        return TcpTransport(parts.hostname, port, timeout)
    path = unquote(parts.netloc + parts.path)
    if scheme == "serial":
        if not path:
            raise _bad(uri, "serial:// needs a port such as /dev/ttyUSB0 or COM3")
        parity = options.get("parity", ["N"])[-1].upper()[:1]
        if parity not in "NEOMS":
            raise _bad(uri, "parity is N, E, O, M or S")
        return SerialTransport(
            path,
            baudrate=int(_number(uri, options, "baudrate", 9600)),
            bytesize=int(_number(uri, options, "bytesize", 8)),
            parity=parity,
            stopbits=_number(uri, options, "stopbits", 1),
            rtscts=options.get("rtscts", ["0"])[-1] in ("1", "true", "yes"),
            xonxoff=options.get("xonxoff", ["0"])[-1] in ("1", "true", "yes"),
            timeout=timeout,
        )
    if scheme == "usb":
        if not path:
            raise _bad(uri, "usb:// needs a device file such as /dev/usb/lp0")
        return DeviceTransport(path, timeout)
    if scheme == "cups":
        if not path.strip("/"):
            raise _bad(uri, "cups:// needs a queue name")
        server = options.get("server", [""])[-1].strip() or None  # a print server's HOST:PORT
        return CupsTransport(path.strip("/"), timeout, server=server)
    if scheme == "windows":
        if not path:
            raise _bad(uri, "windows:// needs the printer's name")
        return WindowsTransport(path.strip("/"))
    if scheme in ("file", "preview"):
        if not path:
            raise _bad(uri, f"{scheme}:// needs a folder")
        return FolderTransport(Path(path), scheme="file" if scheme == "file" else "preview")
    raise _bad(uri, f"unknown kind {scheme!r}")
