"""The packing video on screen: the board's player (``panel``, ``player``), the
counter's camera preview and test (``camera_box``), and their words (``words``)."""
