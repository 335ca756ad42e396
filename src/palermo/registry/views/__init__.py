"""Views of the victim case pages, one small module per thing a person does."""
