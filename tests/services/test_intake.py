"""Counter intake as a use case: due times, personal data at rest, S10 prefixes."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text
from support import COMMUNE, FakeClock, World

from postal_service.access import Caller
from postal_service.calendar import due_at
from postal_service.config import Settings
from postal_service.enums import IdType, Role, ServiceType
from postal_service.errors import Forbidden, InvalidInput
from postal_service.models import Dossier
from postal_service.security import IdNumberVault
from postal_service.services.intake import (
    Citizen,
    DossierRequest,
    register_at_counter,
    transit_days,
)
from postal_service.unit_of_work import UnitOfWork


def _request(**changes: object) -> DossierRequest:
    fields: dict[str, object] = {
        "procedure_code": "1.002804",
        "service_type": ServiceType.SEND,
        "citizen": Citizen(
            name="Nguyễn Văn An",
            phone="+84912345678",
            address="Số 5",
            commune_code=COMMUNE,
            id_type=IdType.CCCD,
            id_number="019085001234",
        ),
    }
    fields.update(changes)
    return DossierRequest(**fields)  # type: ignore[arg-type]


@pytest.fixture
def clerk(world: World) -> Caller:
    return Caller(user_id=3, role=Role.CLERK, postal_point_id=world.ids["BC01"])


@pytest.mark.parametrize(
    ("citizen", "agency", "slip", "days"),
    [
        (5443, 5443, False, 1),
        (5443, 5503, False, 2),
        (5443, 70, False, 3),
        (5443, 5503, True, 4),
    ],
)
def test_transit_targets_follow_tt17(
    citizen: int, agency: int, slip: bool, days: int
) -> None:
    assert transit_days(citizen, agency, with_slip=slip) == days


def test_a_friday_intake_is_due_after_the_weekend() -> None:
    friday_morning = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)
    assert due_at(friday_morning, 1) == datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def test_the_id_number_is_stored_encrypted_and_found_by_keyed_hash(
    uow: UnitOfWork, clerk: Caller, settings: Settings, clock: FakeClock
) -> None:
    register_at_counter(uow, clerk, _request(), settings=settings, now=clock.now)
    vault = IdNumberVault(settings.id_encryption_key, settings.id_hash_key)
    with uow:
        raw = uow.session.execute(text("SELECT * FROM dossiers")).mappings().one()
        found = uow.session.scalar(
            select(Dossier).where(
                Dossier.citizen_id_hash == vault.keyed_hash("0190 8500 1234")
            )
        )
    assert "019085001234" not in str(dict(raw))
    assert found is not None
    assert vault.decrypt(found.citizen_id_cipher or "") == "019085001234"


def test_s10_prefixes_come_from_the_settings(
    uow: UnitOfWork, clerk: Caller, settings: Settings, clock: FakeClock
) -> None:
    custom = settings.with_overrides(
        {"s10_prefixes": {"dossier": "EH", "result": "EK", "return": "ET"}}
    )
    dossier = register_at_counter(
        uow, clerk, _request(), settings=custom, now=clock.now
    )
    assert dossier.items[0].s10_code.startswith("EH")


def test_a_courier_cannot_register_at_the_counter(
    uow: UnitOfWork, world: World, settings: Settings, clock: FakeClock
) -> None:
    courier = Caller(user_id=5, role=Role.COURIER, courier_id=world.ids["BT01"])
    with pytest.raises(Forbidden):
        register_at_counter(uow, courier, _request(), settings=settings, now=clock.now)


def test_documents_beyond_the_published_list_are_refused(
    uow: UnitOfWork, clerk: Caller, settings: Settings, clock: FakeClock
) -> None:
    extra = [{"name": "Sổ hộ khẩu", "original": False, "copies": 1}]
    with pytest.raises(InvalidInput) as info:
        register_at_counter(
            uow, clerk, _request(documents=extra), settings=settings, now=clock.now
        )
    assert info.value.field == "documents.0.name"
    with uow:
        assert uow.session.scalar(select(Dossier.id)) is None
