"""Browser fixtures: the built site on loopback, one Chromium, a fresh context per test.

Every page is guarded: an uncaught page error, or a request to any host other
than the page's own, fails the test that caused it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
sys.path.insert(0, str(ROOT / "tools"))

from serve import serve_in_thread  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Pyodide's first boot in a fresh context takes a few seconds on this class of
# machine; this bound only stops a hung test.
PYTHON_BOOT_TIMEOUT_S = 120


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_url():
    if not (DIST / "index.html").is_file():
        pytest.fail("dist/ is not built; run ./build.sh (./build.sh test builds it)")
    server, url = serve_in_thread(DIST)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("SHOPBOX_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        launch = {"args": CHROMIUM_ARGS, "headless": True}
        if Path(executable).exists():
            launch["executable_path"] = executable
        browser = playwright.chromium.launch(**launch)
        yield browser
        browser.close()


class PageGuard:
    """Records uncaught page errors and requests that leave the page's origin."""

    def __init__(self, page, origin: str):
        self.origin = origin
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", self._on_request)
        page.on("worker", lambda worker: worker.on("console", lambda m: None))

    def _on_request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.foreign.append(request.url)

    def check(self) -> None:
        assert not self.errors, f"uncaught page errors: {self.errors}"
        assert not self.foreign, f"requests outside {self.origin}: {self.foreign}"


@pytest.fixture
def context(browser):
    context = browser.new_context(
        viewport={"width": 1400, "height": 900}, accept_downloads=True
    )
    yield context
    context.close()


@pytest.fixture
def studio(context, site_url):
    """A fresh page on the studio, guarded; yields a Studio driver."""
    page = context.new_page()
    origin = site_url.rstrip("/")
    guard = PageGuard(page, origin)
    driver = Studio(page, site_url, guard)
    yield driver
    guard.check()


class Studio:
    """Drives the real page with real gestures and reads the model back."""

    def __init__(self, page, url: str, guard: PageGuard):
        self.page = page
        self.url = url
        self.guard = guard

    def wait(self, expression: str, timeout: float = 30, arg=None):
        """Poll a JS expression until it is truthy.

        Playwright's wait_for_function evaluates strings inside the page, which
        the studio's Content-Security-Policy forbids, so this polls from outside.
        """
        deadline = time.monotonic() + timeout
        while True:
            value = self.page.evaluate(expression, arg)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {expression}"
                )
            time.sleep(0.05)

    def open(self, python: bool = True) -> Studio:
        self.page.goto(self.url)
        self.wait("document.documentElement.dataset.studio === 'ready'")
        if python:
            self.wait_python()
        return self

    def wait_python(self) -> None:
        state = self.wait(
            "['ready', 'failed'].includes(document.documentElement.dataset.python)"
            " && document.documentElement.dataset.python",
            timeout=PYTHON_BOOT_TIMEOUT_S,
        )
        assert state == "ready", self.page.text_content("#python-text")

    def project(self) -> dict:
        return self.page.evaluate("window.shopbox.project()")

    def view(self) -> dict:
        return self.page.evaluate("window.shopbox.view()")

    def current_image(self) -> dict:
        view = self.view()
        return next(
            i for i in self.project()["images"] if i["id"] == view["currentImageId"]
        )

    def open_files(self, paths: list[Path]) -> None:
        before = len(self.project()["images"])
        self.page.set_input_files("#file-input", [str(p) for p in paths])
        self.wait(
            f"window.shopbox.project().images.length >= {before} "
            "&& document.querySelector('#message').textContent.startsWith('Opened')"
        )

    def screen(self, x: float, y: float) -> tuple[float, float]:
        point = self.page.evaluate("([x, y]) => window.shopbox.toScreen(x, y)", [x, y])
        return point["x"], point["y"]

    def drag(
        self, start: tuple[float, float], end: tuple[float, float], steps=8
    ) -> None:
        """Press at one image point and release at another, moving in steps."""
        self.page.mouse.move(*self.screen(*start))
        self.page.mouse.down()
        self.page.mouse.move(*self.screen(*end), steps=steps)
        self.page.mouse.up()

    def draw_box(self, start, end, category: str | None = None) -> dict:
        """Drag out a box, type a category into the picker, and return the new box."""
        before = {b["id"] for b in self.current_image()["boxes"]}
        self.drag(start, end)
        self.wait("!document.querySelector('#picker').hidden")
        if category is None:
            self.page.keyboard.press("Escape")
        else:
            self.page.keyboard.type(category)
            self.page.keyboard.press("Enter")
            self.wait("document.querySelector('#picker').hidden")
        (box,) = [b for b in self.current_image()["boxes"] if b["id"] not in before]
        return box

    def press(self, *keys: str) -> None:
        """Press keys with the canvas focused, as an annotator would."""
        self.page.focus("#canvas")
        for key in keys:
            self.page.keyboard.press(key)

    def export(self, format_name: str) -> Path:
        with self.page.expect_download() as info:
            self.page.click("#export-button")
            self.page.click(f"#export-menu [data-format={format_name}]")
        return Path(info.value.path())

    def export_json(self, format_name: str) -> dict:
        return json.loads(self.export(format_name).read_text("utf-8"))
