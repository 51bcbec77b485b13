"""All mapped entities; importing this module registers every table on ``Base.metadata``."""

from postal_service.models.attachments import Attachment
from postal_service.models.auth import ApiToken, User
from postal_service.models.handovers import Handover, HandoverLine, Incident
from postal_service.models.items import Dossier, Item, TrackingEvent
from postal_service.models.operations import (
    CalendarOverride,
    JobRun,
    Notification,
    TransitTarget,
)
from postal_service.models.plans import CourierRoute, RoutePlan, RouteStop
from postal_service.models.records import IdempotencyRecord, SerialCounter
from postal_service.models.reference import Agency, Courier, PostalPoint, Procedure

__all__ = [
    "Agency",
    "ApiToken",
    "Attachment",
    "CalendarOverride",
    "Courier",
    "CourierRoute",
    "Dossier",
    "Handover",
    "HandoverLine",
    "IdempotencyRecord",
    "Incident",
    "Item",
    "JobRun",
    "Notification",
    "PostalPoint",
    "Procedure",
    "RoutePlan",
    "RouteStop",
    "SerialCounter",
    "TrackingEvent",
    "TransitTarget",
    "User",
]
