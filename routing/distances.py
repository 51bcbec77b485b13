"""Travel-time matrices behind a provider interface: geodesic by default, OSRM in production."""

from __future__ import annotations

import math
from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from geopy.distance import geodesic

from routing.model import Location, Problem

DEFAULT_SPEEDS_KMH = {"motorbike": 30.0, "car": 35.0, "bicycle": 12.0, "walk": 4.5}
EARTH_RADIUS_M = 6_371_008.8


@dataclass(frozen=True)
class TravelMatrix:
    """Square matrices of integer metres and integer seconds, row = from, column = to."""

    distances_m: tuple[array[int], ...]
    durations_s: tuple[array[int], ...]

    def __len__(self) -> int:
        return len(self.distances_m)


class TravelTimeProvider(Protocol):
    """Anything that turns locations into a travel matrix for a speed profile."""

    def matrix(self, locations: Sequence[Location], profile: str) -> TravelMatrix:
        """Return the matrix between ``locations`` for vehicles of ``profile``."""
        ...


class MatrixCache:
    """A small LRU of matrices keyed by the exact locations and profile."""

    def __init__(self, size: int = 8) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[tuple[Location, ...], str], TravelMatrix] = (
            OrderedDict()
        )

    def get_or_build(
        self,
        locations: Sequence[Location],
        profile: str,
        build: Callable[[tuple[Location, ...]], TravelMatrix],
    ) -> TravelMatrix:
        """Return the cached matrix, building and storing it on a miss."""
        key = (tuple(locations), profile)
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
            return found
        built = build(key[0])
        self._entries[key] = built
        if len(self._entries) > self._size:
            self._entries.popitem(last=False)
        return built


def haversine_m(a: Location, b: Location) -> float:
    """Great-circle distance in metres on the mean Earth sphere."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def _geodesic_m(a: Location, b: Location) -> float:
    return float(geodesic(a, b).meters)


def matrix_from_distances(
    locations: Sequence[Location],
    metres: Callable[[Location, Location], float],
    seconds_per_metre: float,
    symmetric: bool = True,
) -> TravelMatrix:
    """Build a matrix from a distance function and a constant pace."""
    n = len(locations)
    dist = [array("q", bytes(8 * n)) for _ in range(n)]
    dur = [array("q", bytes(8 * n)) for _ in range(n)]
    for i, a in enumerate(locations):
        for j in range(i + 1 if symmetric else 0, n):
            if i == j:
                continue
            d = metres(a, locations[j])
            dist[i][j] = round(d)
            # Rounding travel times up keeps a plan feasible when re-checked with
            # exact (fractional) travel times: real arrivals are never later.
            dur[i][j] = math.ceil(d * seconds_per_metre - 1e-9)
            if symmetric:
                dist[j][i] = dist[i][j]
                dur[j][i] = dur[i][j]
    return TravelMatrix(tuple(dist), tuple(dur))


class GeodesicProvider:
    """Road estimate: geodesic distance × ``road_factor``, driven at the profile's speed.

    The WGS-84 geodesic (geopy) costs ~80 µs a pair, so matrices above
    ``exact_limit`` locations use the spherical haversine instead (under 0.5 % apart,
    far inside the road factor's own uncertainty).
    """

    def __init__(
        self,
        road_factor: float = 1.3,
        speeds_kmh: dict[str, float] | None = None,
        exact_limit: int = 120,
    ) -> None:
        self.road_factor = road_factor
        self.speeds_kmh = dict(DEFAULT_SPEEDS_KMH if speeds_kmh is None else speeds_kmh)
        self.exact_limit = exact_limit
        self._cache = MatrixCache()

    def matrix(self, locations: Sequence[Location], profile: str) -> TravelMatrix:
        """Return the estimated road matrix for ``profile``."""
        if profile not in self.speeds_kmh:
            raise KeyError(f"no speed for profile {profile!r}")
        pace = 3.6 / self.speeds_kmh[profile]
        exact = len(locations) <= self.exact_limit
        base = _geodesic_m if exact else haversine_m
        factor = self.road_factor

        def road_m(a: Location, b: Location) -> float:
            return base(a, b) * factor

        return self._cache.get_or_build(
            locations, profile, lambda locs: matrix_from_distances(locs, road_m, pace)
        )


class EuclideanProvider:
    """Planar coordinates: straight-line distance × ``scale``, one time unit per unit.

    Used for the benchmark instances (Solomon, Li & Lim) and for tests.
    """

    def __init__(self, scale: float = 1.0) -> None:
        self.scale = scale
        self._cache = MatrixCache()

    def matrix(self, locations: Sequence[Location], profile: str) -> TravelMatrix:
        """Return the scaled Euclidean matrix (the profile is ignored)."""
        scale = self.scale
        return self._cache.get_or_build(
            locations,
            "",
            lambda locs: matrix_from_distances(
                locs, lambda a, b: math.dist(a, b) * scale, 1.0
            ),
        )


class TravelData:
    """The matrices of one problem: unique locations, one matrix per speed profile."""

    def __init__(self, problem: Problem, provider: TravelTimeProvider) -> None:
        self.locations: list[Location] = []
        self.depot_location: dict[str, int] = {}
        self.stop_location: dict[str, int] = {}
        seen: dict[Location, int] = {}

        def index(location: Location) -> int:
            if location not in seen:
                seen[location] = len(self.locations)
                self.locations.append(location)
            return seen[location]

        for depot in problem.depots:
            self.depot_location[depot.id] = index(depot.location)
        for task in problem.tasks:
            for stop in task.stops:
                self.stop_location[stop.id] = index(stop.location)
        profiles = sorted({v.profile for v in problem.vehicles})
        self.matrices = {p: provider.matrix(self.locations, p) for p in profiles}
        for matrix in self.matrices.values():
            if len(matrix) != len(self.locations):
                raise ValueError("provider returned a matrix of the wrong size")

    def leg(self, profile: str, i: int, j: int) -> tuple[int, int]:
        """Return (metres, seconds) between two location indices."""
        matrix = self.matrices[profile]
        return matrix.distances_m[i][j], matrix.durations_s[i][j]
