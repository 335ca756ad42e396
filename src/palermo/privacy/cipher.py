"""Authenticated encryption of one field value with AES-256-GCM.

A stored value reads `v1:<key id>:<base64 of nonce + ciphertext>`. The associated data binds a
ciphertext to its column, so a value copied into another column does not decrypt.
"""

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from palermo.privacy.keys import Keyring, current_keyring

PREFIX = "v1"


class DecryptionError(Exception):
    """A stored value could not be decrypted: wrong key, tampering, or a missing key id."""


def encrypt(plaintext: str, context: str, ring: Keyring | None = None) -> str:
    ring = ring or current_keyring()
    nonce = os.urandom(12)
    sealed = AESGCM(ring.primary_key()).encrypt(nonce, plaintext.encode(), context.encode())
    return f"{PREFIX}:{ring.primary}:{base64.b64encode(nonce + sealed).decode()}"


def decrypt(token: str, context: str, ring: Keyring | None = None) -> str:
    ring = ring or current_keyring()
    try:
        _, key_id, payload = token.split(":", 2)
        key = ring.encryption_keys[key_id]
        raw = base64.b64decode(payload)
        return AESGCM(key).decrypt(raw[:12], raw[12:], context.encode()).decode()
    except (ValueError, KeyError, InvalidTag) as error:
        raise DecryptionError(f"cannot decrypt a value of {context}") from error


def key_id_of(token: str) -> str:
    return token.split(":", 2)[1]


# Binary values (uploaded documents) use the same scheme without base64: `v1:<key id>:` followed by
# the raw nonce and ciphertext, so a 10 MB file does not grow by a third at rest.


def encrypt_bytes(data: bytes, context: str, ring: Keyring | None = None) -> bytes:
    ring = ring or current_keyring()
    nonce = os.urandom(12)
    sealed = AESGCM(ring.primary_key()).encrypt(nonce, data, context.encode())
    return f"{PREFIX}:{ring.primary}:".encode() + nonce + sealed


def decrypt_bytes(token_bytes: bytes, context: str, ring: Keyring | None = None) -> bytes:
    ring = ring or current_keyring()
    try:
        prefix, key_id, raw = bytes(token_bytes).split(b":", 2)
        if prefix != PREFIX.encode():
            raise ValueError("unknown format")
        key = ring.encryption_keys[key_id.decode()]
        return AESGCM(key).decrypt(raw[:12], raw[12:], context.encode())
    except (ValueError, KeyError, InvalidTag, UnicodeDecodeError) as error:
        raise DecryptionError(f"cannot decrypt a value of {context}") from error
