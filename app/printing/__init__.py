"""Printing in the application: printers in the database, documents built from orders,
and the spool that takes jobs to printers (rows before bytes)."""
