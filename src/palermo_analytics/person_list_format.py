"""The person-list format's columns (docs/person-list-format.md), in one place.

The linkage reads lists in this format and the simulator writes them; both take the columns from
here, so a column added to the format reaches both. Kept apart from the linkage package so the
simulator does not load the linkage's dependencies to name them.
"""

REQUIRED_COLUMNS = ("record_id", "source")
NAME_COLUMNS = ("given_name", "family_name", "full_name")
OPTIONAL_COLUMNS = (
    "aliases",
    "sex",
    "date_of_birth",
    "age",
    "nationality",
    "document_number",
    "phone",
    "recorded_on",
)
PERSON_LIST_COLUMNS = REQUIRED_COLUMNS + NAME_COLUMNS + OPTIONAL_COLUMNS
