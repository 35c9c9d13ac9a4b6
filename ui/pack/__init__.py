"""The pack page and what it is made of: the station that runs the scans off the GUI
thread (``station``), the page (``page``), its lines (``lines_model``), the verdict's
look and banner (``verdict_look``, ``verdict_banner``), the engine's words in the
packer's language (``engine_words``), and the watch over a closed order's documents
(``documents_watch``)."""
