"""English: ISO 8601, unambiguous whatever the reader's country."""

DATE_FORMAT = SHORT_DATE_FORMAT = "Y-m-d"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "Y-m-d H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "Y-m"
MONTH_DAY_FORMAT = "m-d"
FIRST_DAY_OF_WEEK = 1  # Monday
# What a date box accepts: ISO only, so "12/01/2026" is refused rather than read as December.
DATE_INPUT_FORMATS = ["%Y-%m-%d"]
