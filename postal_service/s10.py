"""UPU S10 item identifiers: two letters, an 8-digit serial, a check digit, ``VN``."""

from __future__ import annotations

import re

WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
S10_PATTERN = re.compile(r"^[A-Z]{2}\d{9}[A-Z]{2}$")
COUNTRY = "VN"
MAX_SERIAL = 99_999_999


def check_digit(serial: str) -> int:
    """Return the S10 check digit of an 8-digit serial."""
    if len(serial) != 8 or not serial.isdigit():
        raise ValueError("an S10 serial has exactly 8 digits")
    check = 11 - sum(int(d) * w for d, w in zip(serial, WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(check, check)


def make_code(prefix: str, serial: int) -> str:
    """Build the full S10 code for ``prefix`` and a numeric serial."""
    if not (len(prefix) == 2 and prefix.isalpha() and prefix.isupper()):
        raise ValueError("an S10 prefix is two upper-case letters")
    if not 0 < serial <= MAX_SERIAL:
        raise ValueError("S10 serials run from 1 to 99,999,999")
    digits = f"{serial:08d}"
    return f"{prefix}{digits}{check_digit(digits)}{COUNTRY}"


def is_valid(code: str) -> bool:
    """True when ``code`` is a well-formed S10 identifier with the right check digit."""
    if not S10_PATTERN.match(code):
        return False
    return check_digit(code[2:10]) == int(code[10])
