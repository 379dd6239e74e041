"""Where Chromium lives and how to launch it here: Playwright cannot download its own browsers."""

import os
import shutil
from pathlib import Path

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
INSTALL_HINT = f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium` (or set CHROMIUM_PATH)"


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
