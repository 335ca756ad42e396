"""The keyring for personal data: AES-256-GCM keys by id, and an HMAC key for blind indexes.

Keys live outside the database: in a JSON file readable only by its owner (0600), or in the
PALERMO_DATA_KEYS environment variable holding the same JSON. The primary key encrypts; every key
in the ring still decrypts, which is what lets `palermo rotate-keys` re-encrypt without downtime.
"""

import base64
import binascii
import json
import os
import stat
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Keyring:
    primary: str
    encryption_keys: dict[str, bytes]
    index_key: bytes

    def primary_key(self) -> bytes:
        return self.encryption_keys[self.primary]

    def to_json(self) -> str:
        return json.dumps(
            {
                "primary": self.primary,
                "encryption_keys": {k: _b64(v) for k, v in self.encryption_keys.items()},
                "index_key": _b64(self.index_key),
            },
            indent=2,
        )


def parse_keyring(text: str, origin: str) -> Keyring:
    try:
        raw = json.loads(text)
        keys = {key_id: _unb64(value) for key_id, value in raw["encryption_keys"].items()}
        ring = Keyring(raw["primary"], keys, _unb64(raw["index_key"]))
    except (ValueError, KeyError, TypeError, binascii.Error) as error:
        raise ImproperlyConfigured(f"The data keyring in {origin} is malformed: {error}") from None
    if ring.primary not in ring.encryption_keys:
        raise ImproperlyConfigured(f"The primary key {ring.primary!r} is missing in {origin}.")
    if any(len(key) != 32 for key in [*keys.values(), ring.index_key]):
        raise ImproperlyConfigured(f"Every key in {origin} must be 32 bytes (base64-encoded).")
    return ring


def current_keyring() -> Keyring:
    """The configured keyring. The file is re-read when it changes, so a running server picks up
    a rotated key without a restart."""
    if settings.PALERMO_DATA_KEYS:
        return _keyring_from_text(settings.PALERMO_DATA_KEYS)
    path = Path(settings.PALERMO_DATA_KEY_FILE)
    try:
        modified = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise ImproperlyConfigured(
            f"No data-encryption keyring at {path}: run `palermo demo --seed-only` for a "
            "development one, or set PALERMO_DATA_KEY_FILE."
        ) from None
    return _keyring_from_file(str(path), modified)


@cache
def _keyring_from_text(text: str) -> Keyring:
    return parse_keyring(text, "PALERMO_DATA_KEYS")


@cache
def _keyring_from_file(path: str, modified: int) -> Keyring:
    _refuse_readable_by_others(Path(path))
    return parse_keyring(Path(path).read_text(), path)


def forget_keyring() -> None:
    _keyring_from_text.cache_clear()
    _keyring_from_file.cache_clear()


def write_keyring(ring: Keyring, path: Path) -> None:
    """Replace the key file atomically, keeping it private to its owner."""
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(ring.to_json())
    os.replace(temporary, path)
    forget_keyring()


def _refuse_readable_by_others(path: Path) -> None:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ImproperlyConfigured(f"{path} must be readable by its owner only (chmod 600).")


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode()


def _unb64(value: str) -> bytes:
    return base64.b64decode(value, validate=True)
