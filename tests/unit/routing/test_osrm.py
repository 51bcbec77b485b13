"""The OSRM adapter against a tiny local server that speaks OSRM's table API."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from routing import GeodesicProvider, OsrmError, OsrmProvider

RECORDED = json.loads(
    (Path(__file__).parent / "data" / "osrm_table_3_points.json").read_text()
)
THREE = [(21.0285, 105.852), (21.0103, 105.8512), (20.9902, 105.8412)]


class FakeOsrm(BaseHTTPRequestHandler):
    """Answers /table like osrm-routed, from the recorded file or from a formula."""

    mode = "formula"
    max_table_size = 4
    requests: list[str] = []

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        type(self).requests.append(url.path)
        coords = [
            tuple(map(float, c.split(","))) for c in url.path.split("/")[-1].split(";")
        ]
        query = parse_qs(url.query)
        sources = [int(i) for i in query["sources"][0].split(";")]
        targets = [int(i) for i in query["destinations"][0].split(";")]
        if self.mode == "toobig" or len(coords) > self.max_table_size:
            self._send(400, {"code": "TooBig", "message": "Too many table coordinates"})
        elif self.mode == "recorded":
            self._send(200, RECORDED)
        else:
            # Distance in metres grows with the longitude gap; a null marks the
            # pair (first, last) as having no road.
            def metres(a, b):
                if (
                    self.mode == "holes"
                    and {a[0], b[0]} == {coords[0][0], coords[-1][0]}
                    and a != b
                ):
                    return None
                return abs(a[0] - b[0]) * 100_000 + abs(a[1] - b[1]) * 100_000

            dist = [[metres(coords[i], coords[j]) for j in targets] for i in sources]
            dur = [[None if d is None else d / 10 for d in row] for row in dist]
            self._send(200, {"code": "Ok", "durations": dur, "distances": dist})

    def _send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        """Keep the test output quiet."""


@pytest.fixture
def osrm():
    """A fake OSRM server on 127.0.0.1; yields a function to set its mode and get its URL."""
    FakeOsrm.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeOsrm)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def with_mode(mode, max_table_size=100):
        FakeOsrm.mode = mode
        FakeOsrm.max_table_size = max_table_size
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield with_mode
    server.shutdown()
    server.server_close()


def test_a_recorded_osrm_answer_becomes_rounded_metres_and_seconds(osrm):
    provider = OsrmProvider(osrm("recorded"), max_table_size=100)

    matrix = provider.matrix(THREE, "motorbike")

    assert list(matrix.durations_s[0]) == [0, 613, 1034]
    assert list(matrix.distances_m[2]) == [9901, 6398, 0]


def test_a_matrix_larger_than_the_servers_table_limit_is_fetched_in_blocks(osrm):
    locations = [(21.0 + k / 100, 105.8 + k / 50) for k in range(7)]
    provider = OsrmProvider(osrm("formula", max_table_size=4), max_table_size=4)

    matrix = provider.matrix(locations, "car")

    assert len(FakeOsrm.requests) == 16
    assert matrix.distances_m[0][6] == round(0.06 * 100_000 + 0.12 * 100_000)
    assert matrix.distances_m[6][0] == matrix.distances_m[0][6]


def test_a_second_request_for_the_same_matrix_is_answered_from_the_cache(osrm):
    provider = OsrmProvider(osrm("formula"), max_table_size=100)
    provider.matrix(THREE, "car")

    provider.matrix(THREE, "car")

    assert len(FakeOsrm.requests) == 1


def test_a_refusal_from_the_server_is_reported_with_its_code_and_message(osrm):
    provider = OsrmProvider(osrm("toobig"))

    with pytest.raises(OsrmError, match="TooBig: Too many table coordinates"):
        provider.matrix(THREE, "car")


def test_a_pair_without_a_road_is_an_error_unless_a_fallback_fills_it(osrm):
    url = osrm("holes")
    geodesic = GeodesicProvider()

    with pytest.raises(OsrmError, match="no road"):
        OsrmProvider(url).matrix(THREE, "car")
    filled = OsrmProvider(url, fallback=geodesic).matrix(THREE, "car")

    assert filled.distances_m[0][2] == geodesic.matrix(THREE, "car").distances_m[0][2]
    assert filled.distances_m[0][1] == round(
        abs(THREE[0][0] - THREE[1][0]) * 100_000
        + abs(THREE[0][1] - THREE[1][1]) * 100_000
    )


def test_an_unreachable_server_falls_back_to_geodesic_or_says_where_it_looked():
    dead = "http://127.0.0.1:9"
    geodesic = GeodesicProvider()

    with pytest.raises(OsrmError, match=re.escape("unreachable at http://127.0.0.1:9")):
        OsrmProvider(dead, timeout_s=2).matrix(THREE, "car")
    fallen_back = OsrmProvider(dead, timeout_s=2, fallback=geodesic).matrix(
        THREE, "car"
    )

    assert fallen_back.distances_m == geodesic.matrix(THREE, "car").distances_m
