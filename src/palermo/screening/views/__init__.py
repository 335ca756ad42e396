"""Views of the screening pages, one module per page family."""
