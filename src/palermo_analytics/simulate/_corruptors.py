"""Corruptors after published models: GeCo (Tran, Vatsalan & Christen 2013) and FEBRL's generator.

Each corruptor takes a value and a `random.Random` and returns the value as a careless or hurried
clerk, a phone line or a document scanner would leave it. They are independent of the linker's
own folding rules: typos follow the keyboard, OCR errors follow glyph shapes, phonetic errors
follow GeCo's rule list (English-centred, as GeCo's is).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _keyboard_neighbours() -> dict[str, str]:
    """Letters next to each letter on a QWERTY keyboard (same row and the rows above and below)."""
    where = {ch: (r, c) for r, row in enumerate(_KEYBOARD_ROWS) for c, ch in enumerate(row)}
    near: dict[str, str] = {}
    for ch, (r, c) in where.items():
        near[ch] = "".join(
            other
            for other, (r2, c2) in where.items()
            if other != ch and abs(r - r2) <= 1 and abs(c - c2) <= 1
        )
    return near


_NEIGHBOURS = _keyboard_neighbours()

# GeCo-style phonetic rules (a small selection of its English rule list): what a listener writes.
PHONETIC_RULES = (
    ("ph", "f"), ("f", "ph"), ("ck", "k"), ("c", "k"), ("k", "c"), ("ee", "i"), ("ie", "y"),
    ("y", "i"), ("i", "y"), ("oo", "u"), ("ou", "u"), ("z", "s"), ("s", "z"), ("th", "t"),
    ("ch", "sh"), ("sh", "ch"), ("gh", "g"), ("ai", "ay"), ("ei", "ay"), ("wh", "w"),
    ("dd", "d"), ("ll", "l"), ("nn", "n"), ("ss", "s"), ("tt", "t"), ("d", "t"), ("g", "k"),
)  # fmt: skip

# Characters an OCR engine confuses, both ways (FEBRL's and GeCo's OCR tables).
OCR_CONFUSIONS = (
    ("0", "O"), ("O", "0"), ("1", "I"), ("I", "1"), ("1", "l"), ("5", "S"), ("S", "5"),
    ("8", "B"), ("B", "8"), ("2", "Z"), ("Z", "2"), ("6", "G"), ("G", "6"), ("m", "rn"),
    ("rn", "m"), ("D", "0"), ("Q", "O"), ("7", "1"), ("4", "A"),
)  # fmt: skip


def keyboard_typo(text: str, rnd: random.Random) -> str:
    """One slip: a neighbouring key, a letter dropped, doubled or two letters transposed."""
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(letters) < 2:
        return text
    i = rnd.choice(letters)
    kind = rnd.randrange(4)
    if kind == 0:
        near = _NEIGHBOURS.get(text[i].lower(), "")
        if near:
            new = rnd.choice(near)
            return text[:i] + (new.upper() if text[i].isupper() else new) + text[i + 1 :]
    if kind == 1 and len(text) > 3:
        return text[:i] + text[i + 1 :]
    if kind == 2:
        return text[:i] + text[i] + text[i:]
    j = i + 1 if i + 1 < len(text) else i - 1
    lo, hi = sorted((i, j))
    return text[:lo] + text[hi] + text[lo] + text[hi + 1 :]


def phonetic_error(text: str, rnd: random.Random) -> str:
    """One GeCo phonetic substitution that applies to `text`, or `text` unchanged."""
    lower = text.lower()
    options = [(old, new) for old, new in PHONETIC_RULES if old in lower[1:]]
    if not options:
        return text
    old, new = rnd.choice(options)
    at = lower.index(old, 1)
    changed = lower[:at] + new + lower[at + len(old) :]
    return _same_case(changed, text)


def _same_case(changed: str, original: str) -> str:
    if original.isupper():
        return changed.upper()
    return " ".join(part[:1].upper() + part[1:] for part in changed.split(" "))


def ocr_error(text: str, rnd: random.Random) -> str:
    """One character misread by a scanner: O for 0, I for 1, S for 5, rn for m..."""
    options = [(old, new) for old, new in OCR_CONFUSIONS if old in text]
    if not options:
        return text
    old, new = rnd.choice(options)
    places = [i for i in range(len(text)) if text.startswith(old, i)]
    at = rnd.choice(places)
    return text[:at] + new + text[at + len(old) :]


def digit_error(text: str, rnd: random.Random) -> str:
    """One digit mistyped (FEBRL's integer-field corruption)."""
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if not digits:
        return text
    i = rnd.choice(digits)
    return text[:i] + str((int(text[i]) + rnd.choice((1, 9, 3))) % 10) + text[i + 1 :]


def swap_day_month(day: date) -> date:
    """Day and month transposed (a DD/MM form read as MM/DD), when that is still a date."""
    if day.day <= 12 and day.day != day.month:
        return day.replace(month=day.day, day=day.month)
    return day


def date_error(day: date, rnd: random.Random) -> date:
    """A wrong date of birth: day and month swapped, the year off by one, or the day mistyped."""
    kind = rnd.randrange(3)
    if kind == 0 and swap_day_month(day) != day:
        return swap_day_month(day)
    if kind == 1:
        try:
            return day.replace(year=day.year + rnd.choice((-1, 1)))
        except ValueError:  # 29 February
            return day - timedelta(days=1)
    return day + timedelta(days=rnd.choice((-11, -10, -1, 1, 10, 11)))


def middle_initial(given: str, rnd: random.Random) -> str:
    """A middle initial added to a given name, as some forms ask for one: Noel -> Noel T."""
    return f"{given} {rnd.choice('ABCDEGJLMRST')}."


def join_or_hyphenate(given: str, rnd: random.Random) -> str:
    """A two-part given name joined, hyphenated or cut to its first part: Mary Joy -> Maryjoy."""
    parts = given.split(" ")
    if len(parts) < 2:
        return given
    kind = rnd.randrange(3)
    if kind == 0:
        return parts[0] + "".join(part.lower() for part in parts[1:])
    if kind == 1:
        return "-".join(parts)
    return parts[0]
