"""Traditional Chinese: year, month, day, as written in Macao, Hong Kong and Taiwan."""

DATE_FORMAT = SHORT_DATE_FORMAT = "Y年n月j日"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "Y年n月j日 H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "Y年n月"
MONTH_DAY_FORMAT = "n月j日"
FIRST_DAY_OF_WEEK = 0  # Sunday
# Amounts grouped by thousands with a comma, as Macao, Hong Kong and Taiwan write money
# (Django's default for zh-Hant groups by ten thousands with no separator).
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
