"""Marshmallow fields with the project's input rules (NFC text, VN phones, S10, coordinates)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import phonenumbers
from marshmallow import ValidationError, fields, validate

from postal_service.s10 import is_valid

DOSSIER_CODE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$")
# Vietnam's territory (mainland and islands) inside a generous box.
VN_LAT = (8.0, 23.5)
VN_LON = (102.0, 117.5)


class Text(fields.String):
    """Trimmed text that must be NFC-normalised (precomposed Vietnamese) and not too long."""

    def __init__(self, *, max_length: int, min_length: int = 1, **kwargs: Any) -> None:
        kwargs.setdefault("validate", validate.Length(min=min_length, max=max_length))
        metadata = kwargs.pop("metadata", {})
        metadata.setdefault("maxLength", max_length)
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(
        self, value: Any, attr: str | None, data: Any, **kwargs: Any
    ) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs)
        if unicodedata.normalize("NFC", text) != text:
            raise ValidationError(
                "Text must be in Unicode NFC form (precomposed Vietnamese letters)."
            )
        if any(unicodedata.category(c) == "Cc" for c in text):
            raise ValidationError("Text must not contain control characters.")
        return text.strip()


class Phone(fields.String):
    """A Vietnamese phone number, returned in E.164 form (+84...)."""

    def _deserialize(
        self, value: Any, attr: str | None, data: Any, **kwargs: Any
    ) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            number = phonenumbers.parse(text, "VN")
        except phonenumbers.NumberParseException as exc:
            raise ValidationError("Not a phone number.") from exc
        if len(text) > 20 or not phonenumbers.is_valid_number_for_region(number, "VN"):
            raise ValidationError("Not a valid Vietnamese phone number.")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class S10Code(fields.String):
    """An S10 item code with a correct check digit."""

    def _deserialize(
        self, value: Any, attr: str | None, data: Any, **kwargs: Any
    ) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs).strip().upper()
        if not is_valid(text):
            raise ValidationError("Not a valid S10 item code (e.g. RR123456785VN).")
        return text


class DossierCode(fields.String):
    """A one-stop dossier code such as 000.00.15.H10-230615-0001."""

    def _deserialize(
        self, value: Any, attr: str | None, data: Any, **kwargs: Any
    ) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if not DOSSIER_CODE.match(text):
            raise ValidationError(
                "Not a one-stop dossier code (e.g. 000.00.15.H10-230615-0001)."
            )
        return text


def latitude(**kwargs: Any) -> fields.Float:
    """A latitude inside Vietnam."""
    return fields.Float(
        validate=validate.Range(
            *VN_LAT, error="Latitude must be inside Vietnam (8 to 23.5)."
        ),
        allow_nan=False,
        **kwargs,
    )


def longitude(**kwargs: Any) -> fields.Float:
    """A longitude inside Vietnam."""
    return fields.Float(
        validate=validate.Range(
            *VN_LON, error="Longitude must be inside Vietnam (102 to 117.5)."
        ),
        allow_nan=False,
        **kwargs,
    )


class AwareDateTime(fields.AwareDateTime):
    """An ISO 8601 time with its offset; a time without one is refused, not guessed."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="iso", **kwargs)
