"""Palermo: an open platform for the bodies that fight human trafficking in a jurisdiction."""

__version__ = "0.1.0"
