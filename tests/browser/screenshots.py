"""Take PNGs of the main screens and dialog states for the README, at 1280 and 375 pixels wide.

Run with `make screenshots`. It builds a throwaway SQLite database (migrate + seed_demo), serves it
with `manage.py runserver` on a free port, drives Chromium through the screens as an admin would,
writes docs/screenshots/<viewport>-<nn>-<screen>.png and stops the server.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, expect, sync_playwright

from .chromium import CHROMIUM, INSTALL_HINT, launch

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
DEMO_PASSWORD = "pepper-demo-2026"  # seed_demo's published demo password
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 740}}

# A few apps so the list looks lived-in, and a second organisation at the limit of 20.
DEMO_APPS = """
from crm.models import Organisation
from integrations.models import PrivateApp
from integrations.services import private_app_create
acme = Organisation.objects.get(slug="acme")
globex = Organisation.objects.get(slug="globex")
apps = [
    ("Support inbox", "Files inbound WhatsApp and email messages against contacts.",
     ["contacts:read", "messages:read", "messages:create"]),
    ("Finance dashboard", "Nightly export of won opportunities to the finance warehouse.",
     ["accounts:read", "opportunities:read"]),
]
for name, description, scopes in apps:
    if not PrivateApp.objects.filter(organisation=acme, name=name).exists():
        private_app_create(organisation=acme, actor=None, name=name, description=description, scopes=scopes)
for number in range(PrivateApp.objects.filter(organisation=globex).count() + 1, 21):
    private_app_create(organisation=globex, actor=None, name=f"Connector {number:02d}", scopes=["leads:read"])
"""


RESET_APPS = (
    """
from integrations.models import PrivateApp
PrivateApp.objects.filter(name="Marketing Sync Tool").delete()
"""
    + DEMO_APPS
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def wait_until_up(url: str, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"runserver exited with status {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own local server)
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"runserver did not answer at {url} within {timeout}s")


def square_logo(path: Path) -> Path:
    image = Image.new("RGB", (256, 256), "#2f6fde")
    inner = Image.new("RGB", (128, 128), "#ffffff")
    image.paste(inner, (64, 64))
    image.save(path, "PNG")
    return path


# The outermost elements that stick out past the right edge of the viewport.
OVERFLOWING_ELEMENTS = """width => {
  if (document.documentElement.scrollWidth <= width) return [];
  const wide = [...document.body.querySelectorAll("*")].filter((e) => e.getBoundingClientRect().right > width + 1);
  // Positioned elements escape overflow:auto wrappers that are not their containing block: likeliest culprits.
  const positioned = wide.filter((e) => getComputedStyle(e).position !== "static");
  const culprits = positioned.length ? positioned : wide.filter((e) => !wide.includes(e.parentElement));
  return culprits.slice(0, 5).map((e) => `${e.tagName.toLowerCase()}${e.className ? "." + e.className : ""}`
    + ` "${e.textContent.trim().slice(0, 20)}"`);
}"""


class Camera:
    """Saves numbered screenshots for one viewport and remembers which screens could not be reached."""

    def __init__(self, page: Page, viewport: str) -> None:
        self.page, self.viewport, self.number, self.missing = page, viewport, 0, []

    def shot(self, name: str) -> None:
        self.number += 1
        self.page.wait_for_timeout(250)  # let transitions and htmx settle
        self.warn_about_sideways_scrolling(name)
        path = OUT / f"{self.viewport}-{self.number:02d}-{name}.png"
        self.page.screenshot(path=path, full_page=True, animations="disabled")
        print(f"  {path.relative_to(ROOT)}")

    def warn_about_sideways_scrolling(self, name: str) -> None:
        width = self.page.viewport_size["width"]
        overflow = self.page.evaluate(OVERFLOWING_ELEMENTS, width)
        if overflow:
            print(f"  warning: {name} scrolls sideways at {width}px; widest: {', '.join(overflow)}")

    def step(self, name: str, action: Callable[[], None]) -> bool:
        """Run an action then take a shot; an action that fails is reported, not fatal."""
        try:
            action()
        except Exception as error:  # any failure: report it and move on to the next screen
            self.number += 1
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            self.missing.append(f"{self.viewport}/{name}: {first_line}")
            print(f"  skipped {name}: {first_line}")
            return False
        self.shot(name)
        return True


def log_in(page: Page, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()


def tour(page: Page, viewport: str, logo: Path) -> list[str]:
    camera = Camera(page, viewport)
    dialog = page.get_by_role("dialog")
    app_name = "Marketing Sync Tool"

    camera.step("login", lambda: page.goto("/login/"))
    camera.step("home", lambda: log_in(page, "admin"))
    camera.step("integration", lambda: page.goto("/settings/integrations/"))

    def open_list():
        page.get_by_role("link", name="Integrate").click()
        expect(page.get_by_role("heading", name="Private apps")).to_be_visible()

    camera.step("private-apps", open_list)

    def open_create():
        page.get_by_role("button", name="Create new").click()
        expect(dialog.get_by_label("Name")).to_be_visible()

    camera.step("create-step-1", open_create)

    def step_one_errors():
        dialog.get_by_role("button", name="Next").click()
        expect(dialog.get_by_text("Enter a name")).to_be_visible()

    camera.step("create-step-1-errors", step_one_errors)

    def fill_step_one():
        dialog.get_by_label("Name").fill(app_name)
        dialog.get_by_label("Logo").set_input_files(logo)
        dialog.get_by_label("Description").fill("Syncs new web-form leads from the marketing site every five minutes.")

    camera.step("create-step-1-filled", fill_step_one)

    def step_two():
        dialog.get_by_role("button", name="Next").click()
        dialog.get_by_label("Lead: Read").check()
        dialog.get_by_label("Lead: Create").check()
        dialog.get_by_label("Contact: Read").check()

    camera.step("create-step-2-scopes", step_two)

    def save():
        dialog.get_by_role("button", name="Save").click()
        expect(page.get_by_role("link", name=app_name)).to_be_attached()

    camera.step("created", save)

    def actions_menu():
        page.goto("/settings/integrations/private-apps/")
        page.locator("tr", has_text=app_name).get_by_role("button", name="Actions").click()
        expect(page.get_by_role("button", name="Edit")).to_be_visible()

    camera.step("actions-menu", actions_menu)

    def edit_dialog():
        page.get_by_role("button", name="Edit").click()
        expect(dialog.get_by_label("Name")).to_have_value(app_name)

    camera.step("edit-step-1", edit_dialog)

    def delete_dialog():
        page.goto("/settings/integrations/private-apps/")
        page.locator("tr", has_text="Support inbox").get_by_role("button", name="Actions").click()
        page.get_by_role("button", name="Delete").click()
        expect(dialog).to_contain_text("Support inbox")

    camera.step("delete-confirm", delete_dialog)

    def details_tab():
        page.goto("/settings/integrations/private-apps/")
        page.get_by_role("link", name=app_name).click()
        expect(page.get_by_role("link", name="Details")).to_have_attribute("aria-current", "page")

    camera.step("app-details", details_tab)

    def auth_tab():
        page.get_by_role("link", name="Auth").click()
        expect(page.get_by_role("button", name="Reveal token")).to_be_visible()

    camera.step("app-auth", auth_tab)

    def reveal():
        page.get_by_role("button", name="Reveal token").click()
        expect(page.get_by_role("button", name="Hide token")).to_be_visible()

    camera.step("app-auth-revealed", reveal)

    def generate_confirm():
        page.get_by_role("button", name="Generate new token").click()
        expect(page.get_by_role("dialog")).to_be_visible()

    camera.step("generate-new-token-confirm", generate_confirm)

    def at_limit():
        log_in(page, "globex-admin")
        page.goto("/settings/integrations/private-apps/")
        expect(page.get_by_role("button", name="Create new")).to_be_disabled()

    camera.step("private-apps-at-limit", at_limit)

    def forbidden():
        log_in(page, "member")
        page.goto("/settings/integrations/")

    camera.step("member-403", forbidden)

    def activity_tab():
        log_in(page, "admin")
        page.goto("/settings/integrations/private-apps/")
        page.get_by_role("link", name=app_name).click()
        page.get_by_role("link", name="Activity").click()
        expect(page.locator(".activity-table")).to_contain_text("Token revealed")

    camera.step("app-activity", activity_tab)
    return camera.missing


def main() -> int:
    if not CHROMIUM.exists():
        print(INSTALL_HINT, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="pepper-screenshots-") as tmp:
        env = os.environ | {
            "SQLITE_PATH": str(Path(tmp) / "db.sqlite3"),
            "MEDIA_ROOT": str(Path(tmp) / "media"),
            "DEBUG": "true",
        }
        manage("migrate", "--noinput", env=env)
        manage("seed_demo", env=env)
        manage("shell", "-c", DEMO_APPS, env=env)
        logo = square_logo(Path(tmp) / "logo.png")
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(f"{url}/login/", server)
            shutil.rmtree(OUT, ignore_errors=True)
            OUT.mkdir(parents=True)
            missing = []
            with sync_playwright() as playwright:
                browser = launch(playwright)
                for viewport, size in VIEWPORTS.items():
                    print(f"{viewport} ({size['width']}px wide):")
                    context = browser.new_context(base_url=url, viewport=size, device_scale_factor=1)
                    context.set_default_timeout(10_000)
                    missing += tour(context.new_page(), viewport, logo)
                    context.close()
                    # The tour created and edited things: start the next viewport from the same data.
                    manage("shell", "-c", RESET_APPS, env=env)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    if missing:
        print(f"\n{len(missing)} screen(s) could not be captured:", *missing, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
