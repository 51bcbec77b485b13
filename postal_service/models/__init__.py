"""All mapped entities; importing this module registers every table on ``Base.metadata``."""

from postal_service.models.auth import ApiToken, User
from postal_service.models.items import Dossier, Item, TrackingEvent
from postal_service.models.operations import (
    CalendarOverride,
    JobRun,
    Notification,
    TransitTarget,
)
from postal_service.models.records import IdempotencyRecord, SerialCounter
from postal_service.models.reference import Agency, Courier, PostalPoint, Procedure

__all__ = [
    "Agency",
    "ApiToken",
    "CalendarOverride",
    "Courier",
    "Dossier",
    "IdempotencyRecord",
    "Item",
    "JobRun",
    "Notification",
    "PostalPoint",
    "Procedure",
    "SerialCounter",
    "TrackingEvent",
    "TransitTarget",
    "User",
]
