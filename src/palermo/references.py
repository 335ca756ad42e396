"""Pseudonymous references: what URLs, logs and the audit trail show instead of database ids."""

import secrets

# Crockford's base 32: no I, L, O or U, so a reference read aloud over a phone is not misheard.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference(prefix: str) -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(10))
    return f"{prefix}-{body[:5]}-{body[5:]}"
