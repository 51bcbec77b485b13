"""UPU S10 identifiers: the check digit and validation."""

import pytest

from postal_service.s10 import check_digit, is_valid, make_code


@pytest.mark.parametrize(
    ("serial", "digit"), [("12345678", 5), ("47312482", 9), ("28704377", 5)]
)
def test_the_check_digit_matches_the_published_vectors(serial: str, digit: int) -> None:
    assert check_digit(serial) == digit


def test_a_remainder_of_one_gives_check_digit_zero() -> None:
    # 8*1 = 8 -> 8 mod 11 = 8 -> 11 - 8 = 3; search a serial whose sum mod 11 is 1.
    serial = next(
        f"{n:08d}" for n in range(1, 10_000) if _weighted(f"{n:08d}") % 11 == 1
    )
    assert check_digit(serial) == 0


def test_a_remainder_of_zero_gives_check_digit_five() -> None:
    serial = next(
        f"{n:08d}" for n in range(1, 10_000) if _weighted(f"{n:08d}") % 11 == 0
    )
    assert check_digit(serial) == 5


def _weighted(serial: str) -> int:
    return sum(
        int(d) * w for d, w in zip(serial, (8, 6, 4, 2, 3, 5, 9, 7), strict=True)
    )


def test_rr123456785vn_is_valid() -> None:
    assert is_valid("RR123456785VN")


@pytest.mark.parametrize(
    "code",
    [
        "RR123456784VN",
        "RR12345678VN",
        "rr123456785vn",
        "R1123456785VN",
        "RR123456785V1",
        "",
    ],
)
def test_malformed_or_wrong_check_digit_codes_are_invalid(code: str) -> None:
    assert not is_valid(code)


def test_made_codes_are_valid_and_carry_the_prefix() -> None:
    code = make_code("RH", 47312482)
    assert code == "RH473124829VN"
    assert is_valid(code)


@pytest.mark.parametrize(
    ("prefix", "serial"), [("R", 1), ("rh", 1), ("RH", 0), ("RH", 10**8)]
)
def test_bad_prefixes_or_serials_are_refused(prefix: str, serial: int) -> None:
    with pytest.raises(ValueError):
        make_code(prefix, serial)
