"""Status and kind enumerations shared by models, services and schemas."""

from enum import StrEnum


class Role(StrEnum):
    """Who a user is; decides what they may see and change."""

    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    CLERK = "clerk"
    COURIER = "courier"
    AGENCY_OFFICER = "agency_officer"
    INTEGRATION = "integration"


class PostalPointKind(StrEnum):
    """Kinds of postal points that take dossiers and return results."""

    POST_OFFICE = "post_office"
    CULTURAL_POST_POINT = "cultural_post_point"
    TRANSACTION_CENTER = "transaction_center"


class AgencyLevel(StrEnum):
    """Administrative level of a state agency (two levels since July 2025)."""

    PROVINCE = "province"
    COMMUNE = "commune"


class Vehicle(StrEnum):
    """What a courier rides."""

    MOTORBIKE = "motorbike"
    BICYCLE = "bicycle"
    CAR = "car"
    ON_FOOT = "on_foot"


class ServiceType(StrEnum):
    """What the citizen asked the post to carry."""

    SEND = "send"  # dossier to the agency only
    RECEIVE = "receive"  # result back home only
    BOTH = "both"


class LegKind(StrEnum):
    """The direction an item travels."""

    DOSSIER = "dossier"  # citizen -> agency
    RESULT = "result"  # agency -> citizen
    RETURN = "return"  # undeliverable result -> agency


class EndpointKind(StrEnum):
    """What an item's origin or destination is."""

    POSTAL_POINT = "postal_point"
    AGENCY = "agency"
    ADDRESS = "address"


class ItemState(StrEnum):
    """Where an item is in its chain of custody."""

    AWAITING_PICKUP = "awaiting_pickup"
    AT_POSTAL_POINT = "at_postal_point"
    IN_TRANSIT = "in_transit"
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    DELIVERY_FAILED = "delivery_failed"
    DELIVERED = "delivered"
    RETURNED = "returned"
    CANCELLED = "cancelled"


class EventType(StrEnum):
    """Facts recorded along the chain of custody."""

    ACCEPTED_AT_COUNTER = "accepted_at_counter"
    PICKUP_REQUESTED = "pickup_requested"
    RESULT_READY = "result_ready"
    RETURN_REGISTERED = "return_registered"
    PICKED_UP = "picked_up"
    RECEIVED_AT_POSTAL_POINT = "received_at_postal_point"
    DISPATCHED = "dispatched"
    HANDED_OVER = "handed_over"
    RECEIPT_CONFIRMED = "receipt_confirmed"
    RECEIPT_REFUSED = "receipt_refused"
    DELIVERED = "delivered"
    DELIVERY_FAILED = "delivery_failed"
    COLLECTED_AT_COUNTER = "collected_at_counter"
    RETURNED_TO_AGENCY = "returned_to_agency"
    CANCELLED = "cancelled"


class FailureReason(StrEnum):
    """Why a delivery attempt failed."""

    NOT_HOME = "not_home"
    WRONG_ADDRESS = "wrong_address"
    REFUSED = "refused"
    ID_MISMATCH = "id_mismatch"
    NO_AUTHORISATION = "no_authorisation"
    OTHER = "other"


class IdType(StrEnum):
    """Identity documents checked at delivery."""

    CCCD = "cccd"
    PASSPORT = "passport"


class TransitScope(StrEnum):
    """How far a leg travels, which sets its J+n transit target."""

    SAME_COMMUNE = "same_commune"
    SAME_PROVINCE = "same_province"
    OTHER_PROVINCE = "other_province"


class NotificationChannel(StrEnum):
    """How a notification leaves the outbox."""

    SMS = "sms"
    SUPERVISOR_ALERT = "supervisor_alert"


class HandoverKind(StrEnum):
    """Which way the bags go at an agency's desk."""

    TO_AGENCY = "to_agency"  # dossiers (and returned results) handed to the agency
    FROM_AGENCY = "from_agency"  # results collected from the agency


class HandoverStatus(StrEnum):
    """Whether the agency has signed."""

    OPEN = "open"
    CONFIRMED = "confirmed"


class LineOutcome(StrEnum):
    """What the officer found for one item of a handover."""

    PENDING = "pending"
    RECEIVED = "received"
    MISSING = "missing"
    DAMAGED = "damaged"


class PlanStatus(StrEnum):
    """A planning run's life: queued, running, then an outcome."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"


class StopAction(StrEnum):
    """What a courier does at a planned stop."""

    PICKUP = "pickup"
    DELIVERY = "delivery"


class AttachmentKind(StrEnum):
    """What an uploaded image proves."""

    SIGNATURE = "signature"
    PHOTO = "photo"
    AUTHORISATION_LETTER = "authorisation_letter"
