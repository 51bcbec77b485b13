"""OSRM ``table`` adapter: road matrices from a (self-hosted) OSRM server, chunked."""

from __future__ import annotations

import json
import logging
import math
import urllib.error
import urllib.request
from array import array
from collections.abc import Sequence

from routing.distances import MatrixCache, TravelMatrix, TravelTimeProvider
from routing.model import Location

log = logging.getLogger(__name__)

DEFAULT_OSRM_PROFILES = {
    "motorbike": "driving",
    "car": "driving",
    "bicycle": "cycling",
    "walk": "walking",
}


class OsrmError(RuntimeError):
    """The OSRM server could not give a complete matrix."""


Block = tuple[list[list[float | None]], list[list[float | None]]]


class OsrmProvider:
    """Travel matrices from OSRM's ``/table/v1`` service.

    ``max_table_size`` is the server's ``--max-table-size`` (100 by default in
    osrm-routed). Requests are cut into blocks whose sources plus destinations stay
    within it, whichever way the server counts. ``duration_factors`` scale a
    profile's durations (a motorbike on a car graph). With ``fallback`` set, a
    failing server or an unreachable pair is filled from the fallback provider
    instead of raising :class:`OsrmError`.
    """

    def __init__(
        self,
        base_url: str,
        *,
        max_table_size: int = 100,
        timeout_s: float = 30.0,
        profiles: dict[str, str] | None = None,
        duration_factors: dict[str, float] | None = None,
        fallback: TravelTimeProvider | None = None,
    ) -> None:
        if max_table_size < 2:
            raise ValueError("max_table_size must be at least 2")
        self.base_url = base_url.rstrip("/")
        self.block = max_table_size // 2
        self.timeout_s = timeout_s
        self.profiles = dict(DEFAULT_OSRM_PROFILES if profiles is None else profiles)
        self.duration_factors = dict(duration_factors or {})
        self.fallback = fallback
        self.requests_sent = 0
        self._cache = MatrixCache()

    def matrix(self, locations: Sequence[Location], profile: str) -> TravelMatrix:
        """Return the road matrix for ``profile``, from the cache when possible."""
        return self._cache.get_or_build(
            locations, profile, lambda locs: self._build(locs, profile)
        )

    def _build(self, locations: Sequence[Location], profile: str) -> TravelMatrix:
        try:
            return self._fetch(locations, profile)
        except OsrmError as error:
            if self.fallback is None:
                raise
            log.warning("OSRM failed (%s); using the fallback provider", error)
            return self.fallback.matrix(locations, profile)

    def _fetch(self, locations: Sequence[Location], profile: str) -> TravelMatrix:
        n = len(locations)
        seconds: list[list[float | None]] = [[None] * n for _ in range(n)]
        metres: list[list[float | None]] = [[None] * n for _ in range(n)]
        starts = range(0, n, self.block)
        for row in starts:
            sources = list(range(row, min(n, row + self.block)))
            for col in starts:
                targets = list(range(col, min(n, col + self.block)))
                durations, distances = self._request(
                    locations, sources, targets, profile
                )
                for a, i in enumerate(sources):
                    for b, j in enumerate(targets):
                        seconds[i][j] = durations[a][b]
                        metres[i][j] = distances[a][b]
        return self._to_matrix(locations, profile, seconds, metres)

    def _to_matrix(
        self,
        locations: Sequence[Location],
        profile: str,
        seconds: list[list[float | None]],
        metres: list[list[float | None]],
    ) -> TravelMatrix:
        holes = [
            (i, j)
            for i, row in enumerate(seconds)
            for j, x in enumerate(row)
            if x is None
        ]
        holes += [
            (i, j)
            for i, row in enumerate(metres)
            for j, x in enumerate(row)
            if x is None
        ]
        backup: TravelMatrix | None = None
        if holes:
            if self.fallback is None:
                i, j = holes[0]
                raise OsrmError(
                    f"OSRM found no road between {locations[i]} and {locations[j]} "
                    f"({len(set(holes))} pairs unreachable)"
                )
            backup = self.fallback.matrix(locations, profile)
        factor = self.duration_factors.get(profile, 1.0)
        n = len(locations)
        dist = [array("q", bytes(8 * n)) for _ in range(n)]
        dur = [array("q", bytes(8 * n)) for _ in range(n)]
        for i in range(n):
            for j in range(n):
                s, m = seconds[i][j], metres[i][j]
                if s is None or m is None:
                    assert backup is not None
                    dur[i][j] = backup.durations_s[i][j]
                    dist[i][j] = backup.distances_m[i][j]
                else:
                    dur[i][j] = math.ceil(s * factor)
                    dist[i][j] = round(m)
        return TravelMatrix(tuple(dist), tuple(dur))

    def _request(
        self,
        locations: Sequence[Location],
        sources: list[int],
        targets: list[int],
        profile: str,
    ) -> Block:
        points = [locations[i] for i in sources] + [locations[j] for j in targets]
        coordinates = ";".join(f"{lon:.6f},{lat:.6f}" for lat, lon in points)
        src = ";".join(str(k) for k in range(len(sources)))
        dst = ";".join(str(len(sources) + k) for k in range(len(targets)))
        osrm_profile = self.profiles.get(profile, "driving")
        url = (
            f"{self.base_url}/table/v1/{osrm_profile}/{coordinates}"
            f"?sources={src}&destinations={dst}&annotations=duration,distance"
        )
        self.requests_sent += 1
        body = self._get(url)
        if body.get("code") != "Ok":
            raise OsrmError(
                f"OSRM answered {body.get('code')}: {body.get('message', '')}"
            )
        durations, distances = body.get("durations"), body.get("distances")
        if not isinstance(durations, list) or not isinstance(distances, list):
            raise OsrmError("OSRM answer lacks durations or distances")
        if len(durations) != len(sources) or any(
            len(r) != len(targets) for r in durations
        ):
            raise OsrmError("OSRM answer has the wrong shape")
        return durations, distances

    def _get(self, url: str) -> dict[str, object]:
        try:
            with urllib.request.urlopen(url, timeout=self.timeout_s) as response:
                body = json.loads(response.read())
        except urllib.error.HTTPError as error:
            # OSRM explains its refusals (TooBig, InvalidQuery...) in the JSON body.
            try:
                body = json.loads(error.read())
            except ValueError:
                raise OsrmError(f"OSRM HTTP {error.code}") from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise OsrmError(f"OSRM unreachable at {self.base_url}: {error}") from error
        except ValueError as error:
            raise OsrmError("OSRM answered something that is not JSON") from error
        if not isinstance(body, dict):
            raise OsrmError("OSRM answered something that is not a JSON object")
        return body
