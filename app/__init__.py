"""Packdesk core: domain, database, services, importers and CLI. Never imports Qt."""

__version__ = "0.1.0"
