"""Uploading proof-of-delivery images."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from api import deps
from api.idempotency import idempotent
from api.rest.items import _code
from postal_service.enums import AttachmentKind
from postal_service.errors import InvalidInput
from postal_service.services import attachments
from postal_service.services.attachments import StoredAttachment

blp = Blueprint(
    "attachments", __name__, url_prefix="/api/v1/items", description="Delivery proofs"
)


class AttachmentFormIn(Schema):
    """The kind of image; the file itself is the multipart part ``file``."""

    kind = fields.Enum(AttachmentKind, by_value=True, required=True)


class AttachmentOut(Schema):
    """A stored image; reference its id in a delivery's proof."""

    id = fields.Integer()
    item_code = fields.String()
    kind = fields.Enum(AttachmentKind, by_value=True)
    content_type = fields.String()
    size = fields.Integer()
    sha256 = fields.String()
    created_at = fields.AwareDateTime()


@blp.post("/<code>/attachments")
@idempotent
@blp.arguments(AttachmentFormIn, location="form")
@blp.response(201, AttachmentOut)
@blp.doc(
    requestBody={
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["kind", "file"],
                    "properties": {
                        "kind": {
                            "type": "string",
                            "enum": [k.value for k in AttachmentKind],
                        },
                        "file": {"type": "string", "format": "binary"},
                    },
                }
            }
        }
    }
)
def upload(form: dict[str, Any], code: str) -> tuple[StoredAttachment, int]:
    """Upload a signature, a photo or an authorisation letter (PNG/JPEG/WebP, ≤ 1 MB).

    With an ``Idempotency-Key`` (a phone's offline queue), a retry of the same image
    gets the first answer instead of storing it twice.
    """
    upload = request.files.get("file")
    if upload is None:
        raise InvalidInput(
            "Attach the image as the multipart part 'file'", field="file"
        )
    stored = attachments.store(
        deps.uow(),
        deps.caller(),
        _code(code),
        kind=form["kind"],
        data=upload.read(attachments.MAX_BYTES + 1),
        now=deps.now(),
    )
    return stored, 201
