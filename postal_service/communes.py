"""Vietnam's administrative units after 1 July 2025: 34 provinces, communes, no districts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from vietnam_provinces import Province, ProvinceCode, Ward, WardCode


@dataclass(frozen=True)
class Commune:
    """A commune or ward with its province."""

    code: int
    name: str
    province_code: int
    province_name: str


@lru_cache(maxsize=8192)
def find_commune(code: int) -> Commune | None:
    """The commune with ``code``, or None when no such code exists."""
    try:
        ward = Ward.from_code(WardCode(code))
    except (ValueError, KeyError):
        return None
    province = Province.from_code(ward.province_code)
    return Commune(int(ward.code), ward.name, int(ward.province_code), province.name)


def communes_of_province(province_code: int) -> list[Commune]:
    """Every commune of one province, in the official order."""
    province = Province.from_code(ProvinceCode(province_code))
    return [
        Commune(int(w.code), w.name, province_code, province.name)
        for w in Ward.iter_all()
        if int(w.province_code) == province_code
    ]


def provinces() -> list[tuple[int, str]]:
    """The 34 provinces as (code, name)."""
    return [(int(p.code), p.name) for p in Province.iter_all()]
