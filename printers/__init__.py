"""Documents and labels: layout, ZPL/TSPL/PDF/PNG rendering, transports, status.

Takes plain data; knows neither Qt nor the database.
"""
