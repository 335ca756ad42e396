"""How long free text may be, in one place: models, forms and API schemas all read these.

Generous for what a person writes by hand, small enough that nobody can store megabytes in a
reason (every read of a case would carry it)."""

NAME = 200  # a person's name, an alias, a file name
REASON = 2000  # why a case moved, why the glass was broken
NOTE = 4000  # a referral or service note, an identification decision, a screening note
SUMMARY = 20000  # a case summary, a narrative, a judicial authorisation's scope

# Numbers with a sane range: beyond these a value is a mistake (or an attack), never a fact.
MAX_PAGE = 1_000_000  # pages of 25: far beyond any list Palermo holds
MAX_DAYS_AHEAD = 36_500  # a hundred years
FIRST_YEAR, LAST_YEAR = 1900, 2999  # a year a list may be filtered by (a record's year)
MAX_PRISON_MONTHS = 1_200  # a hundred years; a life sentence is recorded as such, not in months
