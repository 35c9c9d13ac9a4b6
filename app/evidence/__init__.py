"""Packing evidence: a video of every box, keyed to the order from its first scan.

- ``cameras``: a camera SOURCE (a device, a URL, a DirectShow name, an FFmpeg filter
  graph) parsed and opened with PyAV, with time-outs on every wait.
- ``recorder``: one station's recorder, on threads of its own; ``start``, ``mark``,
  ``split``, ``photo`` and ``stop`` return at once.
- ``clip_file``: one clip being written (H.264 in MP4) and sealed (SHA-256, timeline).
- ``overlay``: the order, station, packer, time and last scan burnt into the picture.
- ``store``: the clips' index in the database, the seal in the audit trail, retention.
- ``export``: finding an order's clips, exporting them with a manifest, verifying files.
"""
