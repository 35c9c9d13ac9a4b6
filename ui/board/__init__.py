"""The supervisors' board: its page, cards, order detail and the wall display."""
