"""Reference data as use cases: validation, codes, search, who may write, phone privacy."""

from dataclasses import replace

import pytest
from support import COMMUNE, HOURS, World

from postal_service.access import Caller
from postal_service.enums import AgencyLevel, PostalPointKind, Role, Vehicle
from postal_service.errors import Conflict, Forbidden, InvalidInput, NotFound
from postal_service.services import reference as ref
from postal_service.services import reference_queries as q
from postal_service.services.reference import (
    AgencyFields,
    CourierFields,
    DocumentSpec,
    PostalPointFields,
    ProcedureFields,
)
from postal_service.services.reference_queries import ListQuery
from postal_service.unit_of_work import UnitOfWork

ADMIN = Caller(user_id=1, role=Role.ADMIN)
POINT = PostalPointFields(
    code="BC09",
    name="Bưu cục Tân Cương",
    kind=PostalPointKind.POST_OFFICE,
    address="Xóm Hồng Thái 2",
    commune_code=COMMUNE,
    lat=21.57,
    lon=105.75,
    opening_hours=HOURS,
)
AGENCY = AgencyFields(
    code="SYT",
    name="Sở Y tế",
    level=AgencyLevel.PROVINCE,
    address="Số 2 Đường Cách Mạng Tháng Tám",
    commune_code=COMMUNE,
    lat=21.59,
    lon=105.84,
    office_hours=HOURS,
)
DOCS = [
    DocumentSpec("Đơn đề nghị cấp chứng chỉ hành nghề dược", original=True),
    DocumentSpec("Bản sao văn bằng chuyên môn", original=False, copies=1),
]
PROCEDURE = ProcedureFields(
    code="1.004616",
    name="Cấp chứng chỉ hành nghề dược",
    agency_code="STP",
    processing_days=20,
    fee_vnd=500_000,
    documents=DOCS,
)
COURIER = CourierFields(
    code="BT09",
    full_name="Hoàng Văn Sơn",
    phone="+84911222333",
    postal_point_code="BC02",
    vehicle=Vehicle.MOTORBIKE,
)


@pytest.mark.usefixtures("world")
def test_a_postal_point_is_created_with_its_hours(uow: UnitOfWork) -> None:
    ref.create_postal_point(uow, ADMIN, POINT)

    point = q.get_postal_point(uow, "BC09")

    assert point.name == "Bưu cục Tân Cương"
    assert point.opening_hours == HOURS
    assert point.active


@pytest.mark.parametrize(
    ("hours", "field"),
    [
        ([], "opening_hours"),
        ([["07:30", "11:30"], ["13:30", "15:00"], ["15:30", "17:00"]], "opening_hours"),
        ([["7:30", "11:30"]], "opening_hours.0"),
        ([["07:30", "24:00"]], "opening_hours.0"),
        ([["11:30", "07:30"]], "opening_hours.0"),
        ([["07:30", "07:30"]], "opening_hours.0"),
        ([["13:30", "17:00"], ["07:30", "11:30"]], "opening_hours.1"),
        ([["07:30", "14:00"], ["13:30", "17:00"]], "opening_hours.1"),
        ([["07:30"]], "opening_hours.0"),
    ],
)
def test_opening_hours_must_be_one_or_two_ordered_disjoint_windows(
    uow: UnitOfWork, hours: list[list[str]], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        ref.create_postal_point(uow, ADMIN, replace(POINT, opening_hours=hours))

    assert caught.value.field == field
    assert q.list_postal_points(uow, ListQuery()).total == 0


def test_an_unknown_commune_code_is_refused(uow: UnitOfWork) -> None:
    with pytest.raises(InvalidInput) as caught:
        ref.create_agency(uow, ADMIN, replace(AGENCY, commune_code=99_999))

    assert caught.value.field == "commune_code"


@pytest.mark.parametrize(
    ("create", "data"),
    [
        (ref.create_postal_point, replace(POINT, code="BC01")),
        (ref.create_agency, replace(AGENCY, code="STP")),
        (ref.create_procedure, replace(PROCEDURE, code="1.002804")),
        (ref.create_courier, replace(COURIER, code="BT01")),
    ],
)
@pytest.mark.usefixtures("world")
def test_a_duplicate_code_is_a_conflict_on_the_code(
    uow: UnitOfWork, create: object, data: object
) -> None:
    with pytest.raises(Conflict) as caught:
        create(uow, ADMIN, data)  # type: ignore[operator]

    assert caught.value.field == "code"


@pytest.mark.usefixtures("world")
def test_renaming_to_a_taken_code_is_a_conflict(uow: UnitOfWork) -> None:
    with pytest.raises(Conflict):
        ref.update_postal_point(uow, ADMIN, "BC02", PostalPointFields(code="BC01"))


@pytest.mark.parametrize(
    ("docs", "field"),
    [
        ([], "documents"),
        ([DocumentSpec("Tờ khai", original=False, copies=0)], "documents.0.copies"),
        ([DocumentSpec("Tờ khai", original=True, copies=21)], "documents.0.copies"),
        (
            [DocumentSpec("Tờ khai", True), DocumentSpec("To khai", True)],
            "documents.1.name",
        ),
    ],
)
@pytest.mark.usefixtures("world")
def test_a_document_list_needs_distinct_originals_or_copies(
    uow: UnitOfWork, docs: list[DocumentSpec], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        ref.create_procedure(uow, ADMIN, replace(PROCEDURE, documents=docs))

    assert caught.value.field == field


@pytest.mark.usefixtures("world")
def test_a_procedure_keeps_its_search_name_in_step_with_its_name(
    uow: UnitOfWork,
) -> None:
    ref.create_procedure(uow, ADMIN, PROCEDURE)

    proc = ref.update_procedure(
        uow, ADMIN, "1.004616", ProcedureFields(name="Cấp lại chứng chỉ hành nghề dược")
    )

    assert proc.search_name == "cap lai chung chi hanh nghe duoc"
    assert proc.fee_vnd == 500_000
    assert proc.agency.code == "STP"


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("cap doi giay phep lai xe", ["1.002804"]),
        ("Cấp đổi giấy phép lái xe", ["1.002804"]),
        ("GIẤY PHÉP lai", ["1.002804"]),
        ("lý lịch", ["2.000488"]),
        ("2.000488", ["2.000488"]),
        ("1.00", ["1.000001", "1.002804"]),
        ("cap", ["1.002804", "2.000488"]),
        ("hộ chiếu", []),
        ("100%_", []),
    ],
)
@pytest.mark.usefixtures("world")
def test_procedures_are_found_by_name_without_diacritics_or_by_code(
    uow: UnitOfWork, text: str, codes: list[str]
) -> None:
    found = q.list_procedures(uow, ListQuery(q=text))

    assert [p.national_code for p in found.items] == codes


@pytest.mark.usefixtures("world")
def test_the_procedure_list_can_keep_only_those_offered_through_the_post(
    uow: UnitOfWork,
) -> None:
    found = q.list_procedures(uow, ListQuery(), bcci_allowed=True, agency_code="SGTVT")

    assert [p.national_code for p in found.items] == ["1.002804"]


@pytest.mark.usefixtures("world")
def test_a_deactivated_postal_point_is_listed_only_when_asked(uow: UnitOfWork) -> None:
    ref.deactivate_postal_point(uow, ADMIN, "BC02")

    active = q.list_postal_points(uow, ListQuery())
    every = q.list_postal_points(uow, ListQuery(include_inactive=True))

    assert [p.code for p in active.items] == ["BC01"]
    assert [p.code for p in every.items] == ["BC01", "BC02"]


@pytest.mark.usefixtures("world")
def test_postal_points_are_found_without_diacritics(uow: UnitOfWork) -> None:
    found = q.list_postal_points(uow, ListQuery(q="buu cuc dai tu"))

    assert [p.code for p in found.items] == ["BC02"]


@pytest.mark.parametrize(
    "role", [Role.CLERK, Role.COURIER, Role.AGENCY_OFFICER, Role.INTEGRATION]
)
@pytest.mark.usefixtures("world")
def test_only_admins_and_supervisors_change_reference_data(
    uow: UnitOfWork, role: Role
) -> None:
    caller = Caller(user_id=9, role=role)

    with pytest.raises(Forbidden):
        ref.update_agency(uow, caller, "STP", AgencyFields(name="Sở Tư pháp mới"))

    assert q.get_agency(uow, "STP").name == "Sở Tư pháp"


@pytest.mark.usefixtures("world")
def test_a_supervisor_may_move_a_courier_to_another_postal_point(
    uow: UnitOfWork,
) -> None:
    supervisor = Caller(user_id=2, role=Role.SUPERVISOR)

    moved = ref.update_courier(
        uow, supervisor, "BT01", CourierFields(postal_point_code="BC02")
    )

    assert moved.postal_point_code == "BC02"
    assert moved.shift_start == "07:30"


@pytest.mark.parametrize(
    ("role", "point", "sees"),
    [
        (Role.ADMIN, None, True),
        (Role.SUPERVISOR, None, True),
        (Role.CLERK, "BC01", True),
        (Role.CLERK, "BC02", False),
        (Role.COURIER, "BC01", False),
        (Role.AGENCY_OFFICER, None, False),
        (Role.INTEGRATION, None, False),
    ],
)
def test_a_courier_phone_is_shown_only_to_those_who_dispatch_them(
    uow: UnitOfWork, world: World, role: Role, point: str | None, sees: bool
) -> None:
    caller = Caller(9, role, postal_point_id=world.ids[point] if point else None)

    one = q.get_courier(uow, caller, "BT01")
    listed = q.list_couriers(uow, caller, ListQuery(), postal_point_code="BC01")

    assert (one.phone is not None) is sees
    assert all((c.phone is not None) is sees for c in listed.items)
    assert len(listed.items) == 2


@pytest.mark.usefixtures("world")
def test_a_courier_needs_an_active_postal_point(uow: UnitOfWork) -> None:
    with pytest.raises(InvalidInput) as caught:
        ref.create_courier(uow, ADMIN, replace(COURIER, postal_point_code="BC99"))

    assert caught.value.field == "postal_point_code"


def test_an_unknown_code_is_not_found(uow: UnitOfWork) -> None:
    with pytest.raises(NotFound):
        q.get_procedure(uow, "9.999999")


def test_communes_are_picked_by_province_and_name_without_diacritics() -> None:
    found = q.search_communes(19, "phan dinh phung", page=1, page_size=10)

    assert [(c.code, c.name) for c in found.items] == [
        (COMMUNE, "Phường Phan Đình Phùng")
    ]


def test_an_unknown_province_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        q.search_communes(3, None, page=1, page_size=10)

    assert caught.value.field == "province"


def test_there_are_34_provinces_since_july_2025() -> None:
    assert len(q.list_provinces()) == 34
