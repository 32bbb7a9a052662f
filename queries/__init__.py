"""Data files shipped with cepa-kg (read through importlib.resources)."""
