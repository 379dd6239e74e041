"""Real-browser fixtures: one headless Chromium per session, a fresh context per test, and helpers
to log in through the real form and to check pages with axe-core."""

import os
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import sync_playwright

from conftest import PASSWORD

from .axe import assert_no_axe_violations
from .chromium import CHROMIUM, INSTALL_HINT, launch

# Playwright's sync API keeps an asyncio loop running in this thread; Django would otherwise
# refuse ORM calls made from the test body and fixtures.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DESKTOP = {"width": 1280, "height": 800}
# Generous enough for a loaded 2-core CI box, short enough that a missing element fails fast.
TIMEOUT_MS = 10_000


def _running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if _running_in_ci():
            pytest.fail(INSTALL_HINT, pytrace=False)
        pytest.skip(INSTALL_HINT)

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    yield context
    context.close()


@pytest.fixture
def page(context):
    """A page that fails its test if the Content-Security-Policy blocked anything on it:
    a blocked script or style is a feature that silently stopped working."""
    page = context.new_page()
    blocked: list[str] = []

    def note_blocked(message) -> None:
        if "Content Security Policy" in message.text:
            blocked.append(f"{message.text} (from {message.location['url']})")

    page.on("console", note_blocked)
    yield page
    assert not blocked, "The Content-Security-Policy blocked:\n" + "\n".join(blocked)


def log_in(page, username: str, password: str = PASSWORD) -> None:
    """Log in as a person would: open the login page, type, press the button."""
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()


@pytest.fixture
def login() -> Callable:
    return log_in


@pytest.fixture
def assert_accessible() -> Callable:
    return assert_no_axe_violations


@pytest.fixture
def logged_in_admin(page, admin_user) -> Iterator:
    log_in(page, admin_user.username)
    yield page
