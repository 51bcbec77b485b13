"""Demo traffic: dossiers moved through the services in time order, clock forward.

Each dossier follows a planned path (``seed_data.SCRIPTS``); steps are taken in the
order they happen across all dossiers, in office hours, and a step the clock has not
reached yet is left undone, so recent dossiers stop part-way.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from postal_service.access import Caller
from postal_service.calendar import LOCAL_TZ, WorkingCalendar, local_date
from postal_service.communes import communes_of_province
from postal_service.config import Settings
from postal_service.enums import EventType as E
from postal_service.enums import FailureReason, IdType, ServiceType
from postal_service.models import Courier, PostalPoint, Procedure
from postal_service.seed_data import (
    DAYS_OF_TRAFFIC,
    DELAYS,
    PROCEDURES,
    PROVINCE_CODE,
    SCRIPTS,
    STORIES,
    name,
    street,
)
from postal_service.services import custody, intake, results
from postal_service.services.custody import DeliveryProof, EventRequest
from postal_service.services.intake import Citizen, DossierRequest
from postal_service.unit_of_work import UnitOfWork

# The custody events of a step: who records it and what.
EVENTS = {
    "dispatch": ("clerk", E.DISPATCHED),
    "redispatch": ("clerk", E.DISPATCHED),
    "hand_over": ("courier", E.HANDED_OVER),
    "confirm": ("officer", E.RECEIPT_CONFIRMED),
    "refuse": ("officer", E.RECEIPT_REFUSED),
    "pick_up": ("courier", E.PICKED_UP),
    "receive": ("courier", E.RECEIVED_AT_POSTAL_POINT),
    "deliver": ("courier", E.DELIVERED),
    "fail": ("courier", E.DELIVERY_FAILED),
    "collect": ("clerk", E.COLLECTED_AT_COUNTER),
}


@dataclass
class Story:
    """One dossier's planned path and the people who handle it."""

    steps: tuple[str, ...]
    request: DossierRequest
    clerk: Caller
    courier: Caller
    courier_code: str
    officer: Caller
    step: int = 0
    code: str = ""  # S10 code of the leg being carried
    next_attempt_on: date | None = None


def plan_stories(
    uow: UnitOfWork, callers: dict[str, Caller], rng: random.Random, now: datetime
) -> list[tuple[datetime, Story]]:
    """Plan every demo dossier: its path, handlers, citizen and first moment."""
    with uow:
        s = uow.session
        points = {p.code: p for p in s.scalars(select(PostalPoint))}
        by_commune = {p.commune_code: p for p in points.values()}
        crew: dict[str, list[str]] = {}
        for courier_code, point_code in s.execute(
            select(Courier.code, PostalPoint.code).join(
                PostalPoint, PostalPoint.id == Courier.postal_point_id
            )
        ):
            crew.setdefault(point_code, []).append(courier_code)
        agency_of = {
            p.national_code: p.agency.code
            for p in s.scalars(select(Procedure).where(Procedure.bcci_allowed))
        }
    procs = [p for p in PROCEDURES if p[0] in agency_of]
    agency_numbers = {a: i for i, a in enumerate(sorted(set(agency_of.values())), 1)}
    communes = communes_of_province(PROVINCE_CODE)
    weights = [w for w, _, _ in SCRIPTS]
    first = now - timedelta(days=DAYS_OF_TRAFFIC)
    planned = []
    for n in range(1, STORIES + 1):
        _, service, steps = rng.choices(SCRIPTS, weights)[0]
        code, _, _, fee, _, _, docs = rng.choice(procs)
        agency = agency_of[code]
        point = (
            by_commune[int(agency[2:])]
            if agency.startswith("UB")
            else points[rng.choice(sorted(points))]
        )
        courier = rng.choice(crew[point.code])
        start = _office_time(first + (now - first) * rng.triangular(0, 1, 1), rng)
        home = rng.choice(communes)
        citizen = Citizen(
            name=name(rng),
            phone=f"+8498{rng.randrange(10**7):07d}",
            address=street(rng, home.name),
            commune_code=home.code,
            lat=round(point.lat + rng.uniform(-0.03, 0.03), 5),
            lon=round(point.lon + rng.uniform(-0.03, 0.03), 5),
            id_type=IdType.CCCD,
            id_number=f"019{rng.randrange(4)}{rng.randrange(10**8):08d}",
        )
        request = DossierRequest(
            procedure_code=code,
            service_type=ServiceType(service),
            citizen=citizen,
            documents=[{"name": d, "original": o, "copies": c} for d, o, c in docs],
            dossier_code=f"000.00.{agency_numbers[agency]:02d}.H55-"
            f"{local_date(start):%y%m%d}-{n:04d}",
            fee_vnd=fee,
            postal_point_code=point.code,
        )
        story = Story(
            steps=steps,
            request=request,
            clerk=callers[f"clerk.{point.code.lower()}"],
            courier=callers[f"courier.{courier.lower()}"],
            courier_code=courier,
            officer=callers[f"officer.{agency.lower()}"],
        )
        planned.append((start, story))
    return planned


_CALENDAR = WorkingCalendar()


def _office_time(moment: datetime, rng: random.Random) -> datetime:
    """``moment`` if it falls in office hours, else a time early the next working day."""
    local = moment.astimezone(LOCAL_TZ)
    if _CALENDAR.is_working_day(local.date()) and time(7, 30) <= local.time() <= time(
        16, 30
    ):
        return moment
    day = local.date() if local.time() < time(7, 30) else local.date() + timedelta(1)
    while not _CALENDAR.is_working_day(day):
        day += timedelta(1)
    opening = datetime.combine(day, time(7, 30), LOCAL_TZ)
    return opening + timedelta(minutes=rng.randint(0, 90))


class Traffic:
    """Replays the planned stories through the services, earliest step first."""

    def __init__(self, uow: UnitOfWork, settings: Settings, now: datetime) -> None:
        self.uow, self.settings, self.now = uow, settings, now

    def run(self, planned: list[tuple[datetime, Story]], rng: random.Random) -> None:
        """Take every story as far as the clock allows."""
        queue = [(start, n, story) for n, (start, story) in enumerate(planned)]
        heapq.heapify(queue)
        while queue:
            moment, n, story = heapq.heappop(queue)
            self._do(story, story.steps[story.step], moment)
            story.step += 1
            if story.step == len(story.steps):
                continue
            step = story.steps[story.step]
            low, high = DELAYS[step]
            later = moment + timedelta(minutes=rng.randint(low, high))
            if step == "redispatch" and story.next_attempt_on is not None:
                invited = datetime.combine(story.next_attempt_on, time(7, 30), LOCAL_TZ)
                later = max(later, invited)
            later = _office_time(later, rng)
            if later < self.now:
                heapq.heappush(queue, (later, n, story))

    def _do(self, story: Story, step: str, moment: datetime) -> None:
        uow, settings, req = self.uow, self.settings, story.request
        if step in ("intake", "pickup_request"):
            register = (
                intake.register_at_counter
                if step == "intake"
                else intake.request_home_pickup
            )
            dossier = register(uow, story.clerk, req, settings=settings, now=moment)
            story.code = dossier.items[0].s10_code
        elif step in ("online_result", "result_ready"):
            item = results.mark_result_ready(
                uow,
                story.officer,
                dossier_code=req.dossier_code or "",
                appointment_date=local_date(moment),
                new_dossier=req if step == "online_result" else None,
                settings=settings,
                now=moment,
            )
            story.code = item.s10_code
        elif step == "cancel":
            custody.cancel_item(
                uow,
                story.clerk,
                story.code,
                reason="Công dân rút hồ sơ",
                settings=settings,
                now=moment,
            )
        else:
            who, event = EVENTS[step]
            proof = DeliveryProof(
                req.citizen.name, IdType.CCCD, req.citizen.id_number or ""
            )
            request = EventRequest(
                type=event,
                occurred_at=moment,
                courier_code=story.courier_code if event is E.DISPATCHED else None,
                reason=FailureReason.NOT_HOME if event is E.DELIVERY_FAILED else None,
                proof=proof if event in (E.DELIVERED, E.COLLECTED_AT_COUNTER) else None,
                note="Thiếu tờ khai có chữ ký" if event is E.RECEIPT_REFUSED else None,
            )
            item, _ = custody.record_event(
                uow,
                getattr(story, who),
                story.code,
                request,
                settings=settings,
                now=moment,
            )
            story.next_attempt_on = item.next_attempt_on
