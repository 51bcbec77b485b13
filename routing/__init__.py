"""Route planner: plan couriers' days (pickup-and-delivery with office hours) with OR-Tools.

A pure library: frozen problem dataclasses in, a plan out. See docs/routing.md.
"""

from routing.checker import Violation, ViolationKind, check_plan
from routing.distances import (
    EuclideanProvider,
    GeodesicProvider,
    TravelMatrix,
    TravelTimeProvider,
)
from routing.model import (
    Depot,
    InvalidProblem,
    Location,
    Problem,
    Stop,
    StopKind,
    Task,
    TimeWindow,
    Vehicle,
)
from routing.osrm import OsrmError, OsrmProvider
from routing.plan import (
    DroppedTask,
    DropReason,
    NoRouteFound,
    Plan,
    PlannedStop,
    Route,
    SolverStats,
)
from routing.planner import plan_routes
from routing.solver import SearchOptions

__all__ = [
    "Depot",
    "DropReason",
    "DroppedTask",
    "EuclideanProvider",
    "GeodesicProvider",
    "InvalidProblem",
    "Location",
    "NoRouteFound",
    "OsrmError",
    "OsrmProvider",
    "Plan",
    "PlannedStop",
    "Problem",
    "Route",
    "SearchOptions",
    "SolverStats",
    "Stop",
    "StopKind",
    "Task",
    "TimeWindow",
    "TravelMatrix",
    "TravelTimeProvider",
    "Vehicle",
    "Violation",
    "ViolationKind",
    "check_plan",
    "plan_routes",
]
