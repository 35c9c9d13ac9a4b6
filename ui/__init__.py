"""Everything Qt: windows, pages, models, scanner input, sounds."""
