"""Browser tests: a live server in a thread, Debian's chromium driven by Playwright.

Fixtures (see docs/pages.md): ``live_server`` (its base URL), ``browser`` (one chromium
per session), ``page`` (a desktop tab, 1280×800) and ``phone`` (a 360×740 touch screen),
both in vi-VN, Asia/Ho_Chi_Minh, with the browser's clock fixed at the fake clock's time;
``sign_in(page, who)`` (a world user's session, no form), ``web_login(who)`` (a user of
that role with a password, for the log-in form) and ``screenshot(page, name)``.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from support import FULL_NAMES, FakeClock, World
from werkzeug.serving import make_server

from postal_service.enums import Role
from postal_service.services import auth
from postal_service.unit_of_work import UnitOfWork

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PASSWORD = "Mật-khẩu-thử-2026"
SESSION_KEY = "bcci.session"
# Auto-waiting expectations: generous, since the suite shares two cores with others.
TIMEOUT_MS = 10_000


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """The test app served on 127.0.0.1 (a free port) by werkzeug's threaded server.

    Requests are served one at a time: the in-memory SQLite database is a single shared
    connection (StaticPool), and two requests interleaving on it would commit or roll
    back each other's work. The test client goes through the same lock.

    At teardown the lock is taken for good: a request the browser still had in flight
    (a background prefetch, say) finishes first, and any later one is refused with 503
    without touching the database, which the next fixtures close (closing SQLite's
    connection under a running query crashes the interpreter).
    """
    lock = threading.Lock()
    inner = app.wsgi_app
    closed = threading.Event()

    def serialised(environ: dict[str, Any], start_response: Any) -> Any:
        with lock:
            if closed.is_set():
                start_response(
                    "503 Service Unavailable", [("Content-Type", "text/plain")]
                )
                return [b"the test is over"]
            return inner(environ, start_response)

    app.wsgi_app = serialised  # type: ignore[method-assign]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    server.server_close()
    with lock:
        closed.set()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless, launched once for the whole session."""
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def _tab(
    browser: Browser, base_url: str, clock: FakeClock, **options: Any
) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(
        base_url=base_url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        **options,
    )
    context.set_default_timeout(TIMEOUT_MS)
    # The server refuses events timed > 5 min in its future: the browser lives at its time.
    context.clock.set_fixed_time(clock.now)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    tab.on(
        "console",
        lambda msg: (
            problems.append(msg.text)
            if msg.type == "error"
            and re.search("Content Security Policy|Refused to", msg.text)
            else None
        ),
    )
    yield tab
    context.close()
    assert not problems, problems


@pytest.fixture
def page(browser: Browser, live_server: str, clock: FakeClock) -> Iterator[Page]:
    """A desktop tab (1280×800) on the live server; fails on script errors or CSP refusals."""
    yield from _tab(browser, live_server, clock, viewport=DESKTOP)


@pytest.fixture
def phone(browser: Browser, live_server: str, clock: FakeClock) -> Iterator[Page]:
    """A phone's tab (360×740, touch) on the live server, like ``page`` otherwise."""
    yield from _tab(
        browser, live_server, clock, viewport=PHONE, is_mobile=True, has_touch=True
    )


@pytest.fixture
def sign_in(client: FlaskClient, world: World) -> Callable[[Page, str], dict[str, Any]]:
    """Put a world user's session in the tab's storage, as the log-in page would.

    Returns the stored user (``GET /auth/me``); then ``page.goto`` the role's page.
    """

    def _sign_in(tab: Page, who: str) -> dict[str, Any]:
        me = client.get("/api/v1/auth/me", headers=world.auth(who))
        assert me.status_code == 200, me.json
        session = {"token": world.tokens[who], "expiresAt": None, "user": me.json}
        tab.goto("/login")
        tab.evaluate(
            "([key, value]) => localStorage.setItem(key, value)",
            [SESSION_KEY, json.dumps(session)],
        )
        return me.json  # type: ignore[no-any-return]

    return _sign_in


_BOUND = {
    "clerk": (Role.CLERK, "postal_point_id", "BC01"),
    "courier": (Role.COURIER, "courier_id", "BT01"),
    "officer": (Role.AGENCY_OFFICER, "agency_id", "SGTVT"),
    "supervisor": (Role.SUPERVISOR, None, None),
    "admin": (Role.ADMIN, None, None),
}


@pytest.fixture
def web_login(
    uow: UnitOfWork, world: World, clock: FakeClock
) -> Callable[[str], tuple[str, str]]:
    """Create a user like the world's ``who`` but with a password; return (username, password)."""

    def _web_login(who: str) -> tuple[str, str]:
        role, binding, code = _BOUND[who]
        username = f"{who}.web"
        auth.create_user(
            uow,
            username=username,
            full_name=FULL_NAMES[who],
            role=role,
            password=PASSWORD,
            now=clock.now,
            **({binding: world.ids[code]} if binding and code else {}),
        )
        return username, PASSWORD

    return _web_login


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    """Save a full-page PNG under artifacts/screenshots/<name>.png; return its path."""

    def _screenshot(tab: Page, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        tab.screenshot(path=str(path), full_page=True)
        return path

    return _screenshot
