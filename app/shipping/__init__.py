"""After the counter: scales and weights (and, to come, parcels, tracking numbers,
the dock and manifests)."""
