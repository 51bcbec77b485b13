"""Vietnamese text helpers: search keys and masking of personal data."""

from __future__ import annotations

import unicodedata


def search_key(text: str) -> str:
    """Lower-case, diacritics removed, spaces collapsed: 'Cấp đổi' -> 'cap doi'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(plain.lower().split())


def mask_name(full_name: str) -> str:
    """'Nguyễn Văn An' -> 'Nguyễn V. A.': family name kept, the rest as initials."""
    parts = full_name.split()
    if not parts:
        return ""
    return " ".join([parts[0], *(p[0] + "." for p in parts[1:])])


def mask_phone(phone: str) -> str:
    """Only the last three digits are shown: '*******678'."""
    digits = [c for c in phone if c.isdigit()]
    return "*" * max(len(digits) - 3, 0) + "".join(digits[-3:])


def mask_id(last4: str | None) -> str | None:
    """An ID number is never shown whole: '••••1234'."""
    return None if not last4 else "••••" + last4
