"""Data files for screening: indicator lists, loaded by :mod:`palermo.screening.ilo`."""
