"""Who may read what, declared as data. Scope (agency, referral, court) lives in each app's
access module; this table only says which roles can ever reach an object type."""

from palermo.accounts.roles import Role

READERS: dict[str, frozenset[str]] = {
    "screening": frozenset({Role.SCREENER}),
    "victim_case": frozenset({Role.CASE_WORKER, Role.SCREENER}),
    "referral": frozenset({Role.CASE_WORKER}),
    "person": frozenset(
        {Role.CASE_WORKER, Role.SCREENER, Role.INVESTIGATOR, Role.PROSECUTOR, Role.JUDICIAL_OFFICER}
    ),
    "criminal_case": frozenset({Role.INVESTIGATOR, Role.PROSECUTOR, Role.JUDICIAL_OFFICER}),
    "authorisation": frozenset({Role.INVESTIGATOR, Role.PROSECUTOR, Role.JUDICIAL_OFFICER}),
    "audit_entry": frozenset({Role.AUDITOR}),
    "statistics": frozenset({Role.ANALYST}),
    "exchange": frozenset({Role.ANALYST}),
    "configuration": frozenset({Role.ADMINISTRATOR}),
    "linkage_pair": frozenset({Role.LINKAGE_REVIEWER}),
    # The committee's own work (plan, meetings, prevention): its members' staff; scope by agency.
    "coordination": frozenset(
        {Role.SCREENER, Role.CASE_WORKER, Role.INVESTIGATOR, Role.PROSECUTOR, Role.ANALYST}
    ),
    "tip": frozenset({Role.SCREENER, Role.INVESTIGATOR, Role.CASE_WORKER}),
}


def may_read(user: object, object_type: str) -> bool:
    has_role = getattr(user, "has_role", None)
    return bool(has_role and has_role(*READERS[object_type]))
