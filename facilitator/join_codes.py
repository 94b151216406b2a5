"""Join codes: six characters from an alphabet without look-alikes. Pure Python."""

from __future__ import annotations

import secrets

# No 0/O/Q/D, 1/I/L/J, 2/Z, 5/S, 8/B, U/V: easy to read from the back of a room and to type.
ALPHABET = "ACEFGHKMNPRTWXY34679"
LENGTH = 6


def new_code() -> str:
    """A random code (20^6 = 64 million possibilities)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(raw: str) -> str:
    """Upper-case and drop spaces and dashes ("ac e-f9" → "ACEF9")."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def is_well_formed(code: str) -> bool:
    """Six characters, all from the alphabet."""
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code)
