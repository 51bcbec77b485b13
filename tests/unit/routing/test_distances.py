"""Default travel times: geodesic distance × road factor ÷ the profile's speed."""

from __future__ import annotations

import pytest

from routing import GeodesicProvider

HANOI = (21.0285, 105.8542)
HAI_PHONG = (20.8449, 106.6881)
NAM_DINH = (20.4388, 106.1621)


def test_a_road_trip_is_the_geodesic_times_the_road_factor_at_the_profiles_speed():
    provider = GeodesicProvider(road_factor=1.25, speeds_kmh={"motorbike": 36.0})

    matrix = provider.matrix([HANOI, HAI_PHONG], "motorbike")

    metres = matrix.distances_m[0][1]
    assert 1.25 * 88_000 < metres < 1.25 * 91_000
    assert matrix.durations_s[0][1] == pytest.approx(metres / 10, abs=1)


def test_a_matrix_is_symmetric_with_a_zero_diagonal():
    matrix = GeodesicProvider().matrix([HANOI, HAI_PHONG, NAM_DINH], "car")

    n = len(matrix)
    assert all(matrix.distances_m[i][i] == 0 for i in range(n))
    assert all(
        matrix.durations_s[i][j] == matrix.durations_s[j][i]
        for i in range(n)
        for j in range(n)
    )


def test_large_matrices_use_the_sphere_and_stay_within_half_a_percent_of_the_ellipsoid():
    exact = GeodesicProvider(exact_limit=10).matrix([HANOI, HAI_PHONG, NAM_DINH], "car")

    spherical = GeodesicProvider(exact_limit=0).matrix(
        [HANOI, HAI_PHONG, NAM_DINH], "car"
    )

    for i in range(3):
        for j in range(3):
            assert spherical.distances_m[i][j] == pytest.approx(
                exact.distances_m[i][j], rel=0.005
            )


def test_the_same_locations_and_profile_are_computed_once():
    provider = GeodesicProvider()

    first = provider.matrix([HANOI, NAM_DINH], "walk")
    second = provider.matrix([HANOI, NAM_DINH], "walk")

    assert first is second


def test_a_slower_profile_takes_longer_over_the_same_distance():
    provider = GeodesicProvider()

    walk = provider.matrix([HANOI, NAM_DINH], "walk")
    car = provider.matrix([HANOI, NAM_DINH], "car")

    assert walk.distances_m == car.distances_m
    assert walk.durations_s[0][1] > car.durations_s[0][1]


def test_an_unknown_profile_is_refused_by_name():
    with pytest.raises(KeyError, match="boat"):
        GeodesicProvider().matrix([HANOI, NAM_DINH], "boat")
