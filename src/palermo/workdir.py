"""The working folder (PALERMO_HOME, default ./var): database, keys and media for development.

Nothing here runs at import time; `palermo` calls `prepare_working_folder()` before Django starts.
"""

import base64
import json
import os
import secrets
from pathlib import Path


def working_folder() -> Path:
    return Path(os.environ.get("PALERMO_HOME", "var")).resolve()


def prepare_working_folder() -> None:
    """Create ./var with a secret key, a data-key file and an audit key (0600) in development."""
    if os.environ.get("PALERMO_PRODUCTION", "") == "1":
        return
    home = working_folder()
    home.mkdir(parents=True, exist_ok=True)
    _write_private_file_once(home / "secret_key", secrets.token_urlsafe(50))
    if not os.environ.get("PALERMO_DATA_KEYS") and not os.environ.get("PALERMO_DATA_KEY_FILE"):
        _write_private_file_once(home / "data_keys.json", new_keyring_json())
    if not os.environ.get("PALERMO_AUDIT_KEY") and not os.environ.get("PALERMO_AUDIT_KEY_FILE"):
        _write_private_file_once(home / "audit_key", _random_key())


def new_keyring_json() -> str:
    """A fresh keyring: one AES-256-GCM key (primary) and one HMAC key for blind indexes."""
    key_id = "k" + secrets.token_hex(4)
    return json.dumps(
        {
            "primary": key_id,
            "encryption_keys": {key_id: _random_key()},
            "index_key": _random_key(),
        },
        indent=2,
    )


def _random_key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


def _write_private_file_once(path: Path, content: str) -> None:
    if path.exists():
        return
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(content)
