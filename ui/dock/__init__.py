"""The dock: a loader scans each parcel's label onto a carrier's truck."""
