"""Keyed hashes of normalised values, so exact-match search works without decrypting anything."""

import hashlib
import hmac
import re
import unicodedata

from palermo.privacy.keys import Keyring, current_keyring


def normalise_name(value: str) -> str:
    """Case, accents, punctuation and word order stop mattering: 'Văn-An Lê' = 'an le van'."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = re.findall(r"\w+", without_marks.replace("đ", "d"))
    return " ".join(sorted(words))


def normalise_document(value: str) -> str:
    """Document numbers compare without spaces, dashes or case: 'ab-123 456' = 'AB123456'."""
    return re.sub(r"[^0-9A-Za-z]", "", unicodedata.normalize("NFKC", value)).upper()


def blind_index(kind: str, normalised: str, ring: Keyring | None = None) -> str:
    ring = ring or current_keyring()
    message = f"{kind}\x00{normalised}".encode()
    return hmac.new(ring.index_key, message, hashlib.sha256).hexdigest()
