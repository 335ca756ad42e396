"""The audit key: an HMAC key kept outside the database, like the data keys.

Whoever can write to the database but does not hold this key cannot rewrite an entry and
recompute the chain after it: every entry's hash is an HMAC under this key. It lives in a file
readable only by its owner (PALERMO_AUDIT_KEY_FILE) or in PALERMO_AUDIT_KEY (base64, 32 bytes).
"""

import base64
import binascii
import hashlib
import hmac
import stat
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def audit_key() -> bytes:
    if settings.PALERMO_AUDIT_KEY:
        return _key_from_text(settings.PALERMO_AUDIT_KEY, "PALERMO_AUDIT_KEY")
    path = Path(settings.PALERMO_AUDIT_KEY_FILE)
    try:
        modified = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise ImproperlyConfigured(
            f"No audit key at {path}: run `palermo demo --seed-only` for a development one, "
            "or set PALERMO_AUDIT_KEY_FILE."
        ) from None
    return _key_from_file(str(path), modified)


def sign(purpose: str, message: bytes) -> str:
    """HMAC-SHA256 of `message` under a key derived for `purpose` (entries, checkpoints)."""
    derived = hmac.new(audit_key(), purpose.encode(), hashlib.sha256).digest()
    return hmac.new(derived, message, hashlib.sha256).hexdigest()


@cache
def _key_from_file(path: str, modified: int) -> bytes:
    if Path(path).stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ImproperlyConfigured(f"{path} must be readable by its owner only (chmod 600).")
    return _key_from_text(Path(path).read_text().strip(), path)


@cache
def _key_from_text(text: str, origin: str) -> bytes:
    try:
        key = base64.b64decode(text, validate=True)
    except (ValueError, binascii.Error):
        raise ImproperlyConfigured(f"The audit key in {origin} is not base64.") from None
    if len(key) != 32:
        raise ImproperlyConfigured(f"The audit key in {origin} must be 32 bytes (base64-encoded).")
    return key
