"""Data tables (CSV); a package so that they ship with the wheel."""
