"""One date format per language (settings.FORMAT_MODULE_PATH): a page never mixes "12/01/2026"
and "Dec. 1, 2026". Each language's long and short formats are the same, so whichever a
template asks for, the reader sees one form; English is ISO 8601 (no US month-first order)."""
