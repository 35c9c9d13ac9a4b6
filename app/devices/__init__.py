"""Devices at the counter that are not printers: serial scanners (and later scales)."""
