"""The criminal case pages, one small module per part of the case file."""
