"""Settings come from the environment, with embedded defaults."""

import pytest

from postal_service.config import Settings


def test_defaults_need_no_environment() -> None:
    settings = Settings.from_env({})
    assert settings.database_url == "sqlite:///postal.db"
    assert (settings.delivery_invitations, settings.retention_years) == (2, 5)
    assert settings.s10_prefixes == {"dossier": "RH", "result": "RK", "return": "RT"}


def test_every_documented_variable_is_read() -> None:
    settings = Settings.from_env(
        {
            "DATABASE_URL": "postgresql+psycopg://db/x",
            "REDIS_URL": "redis://r:6379/0",
            "TOKEN_TTL_HOURS": "8",
            "AUTH_CACHE_SECONDS": "2.5",
            "S10_PREFIX_RESULT": "ek",
            "PUBLIC_RATE_LIMIT": "5 per minute",
            "SOLVER_TIME_LIMIT_S": "3",
            "SOLVER_WORKERS": "2",
            "DELIVERY_INVITATIONS": "3",
            "RETENTION_YEARS": "7",
        }
    )
    assert settings.database_url == "postgresql+psycopg://db/x"
    assert settings.redis_url == "redis://r:6379/0"
    assert settings.token_ttl_hours == 8
    assert settings.auth_cache_seconds == 2.5
    assert settings.s10_prefixes["result"] == "EK"
    assert settings.public_rate_limit == "5 per minute"
    assert settings.solver_time_limit_s == 3
    assert settings.solver_workers == 2
    assert (settings.delivery_invitations, settings.retention_years) == (3, 7)


def test_a_solve_uses_one_process_unless_configured() -> None:
    assert Settings.from_env({}).solver_workers == 1
    assert Settings.from_env({"SOLVER_WORKERS": " "}).solver_workers == 1


@pytest.mark.parametrize("value", ["0", "3", "two", "-1"])
def test_solver_workers_other_than_one_or_two_are_refused(value: str) -> None:
    with pytest.raises(ValueError, match="SOLVER_WORKERS must be 1 or 2"):
        Settings.from_env({"SOLVER_WORKERS": value})


def test_map_tiles_are_off_unless_configured() -> None:
    settings = Settings.from_env({})
    assert (settings.map_tile_url, settings.map_tile_attribution) == ("", "")


def test_the_map_tile_url_and_attribution_are_read() -> None:
    settings = Settings.from_env(
        {
            "MAP_TILE_URL": "https://tiles.example.vn/{z}/{x}/{y}.png",
            "MAP_TILE_ATTRIBUTION": "© OpenStreetMap",
        }
    )
    assert settings.map_tile_url == "https://tiles.example.vn/{z}/{x}/{y}.png"
    assert settings.map_tile_attribution == "© OpenStreetMap"


@pytest.mark.parametrize(
    "url",
    ["tiles.example.vn/{z}/{x}/{y}.png", "//tiles.example.vn/{z}", "javascript:x"],
)
def test_a_tile_url_that_is_neither_http_nor_a_path_is_refused(url: str) -> None:
    with pytest.raises(ValueError, match="MAP_TILE_URL"):
        Settings.from_env({"MAP_TILE_URL": url})
