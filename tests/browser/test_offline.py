"""Offline use: the service worker's cache, new builds, and pages opened from file://."""

from __future__ import annotations

import json
import shutil
from urllib.parse import urlsplit

import pytest
from pycocotools.coco import COCO

from serve import serve_in_thread

from .conftest import DIST, PageGuard, Studio

CLOTHING = "clothing-dataset-cc0/images"
OFFLINE_READY = "document.documentElement.dataset.offline === 'ready'"


@pytest.fixture
def own_site():
    """A server this test may stop, on its own port, so its origin is fresh."""
    server, url = serve_in_thread(DIST)
    yield server, url
    server.shutdown()
    server.server_close()


def test_works_offline_after_one_visit(context, own_site, shared_data):
    server, url = own_site
    photo = sorted((shared_data / CLOTHING).glob("*.jpg"))[0]
    requests = []
    context.on("request", lambda r: requests.append(r))
    page = context.new_page()
    studio = Studio(page, url, PageGuard(page, url.rstrip("/")))

    # One online visit: boot, open, draw, export; the worker caches meanwhile.
    studio.open()
    studio.wait(OFFLINE_READY, timeout=60)
    studio.open_files([photo])
    studio.draw_box((10, 10), (60, 70), category="belt")
    studio.export("coco")

    origin = url.rstrip("/")
    urls = [r.url for r in requests]
    foreign = [u for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss")]
    assert [u for u in foreign if not u.startswith(origin + "/")] == []
    cached = {r.url for r in requests if r.service_worker is not None}
    assert f"{origin}/pyodide/pyodide.asm.wasm" in cached
    assert f"{origin}/static/main.js" in cached
    manifest = json.loads((DIST / "build.json").read_text())
    assert {
        f"{origin}/{name}" for name in manifest["files"] if name != "sw.js"
    } <= cached

    # The network is gone: the server stops and the browser is offline.
    server.shutdown()
    server.server_close()
    context.set_offline(True)
    page.reload()
    studio.wait("document.documentElement.dataset.studio === 'ready'")
    studio.wait_python()
    assert studio.project()["images"][0]["file_name"] == photo.name
    assert page.locator("#image-list li.missing").count() == 0
    studio.press("1")
    box = studio.draw_box((100, 100), (180, 160), category="hat")
    path = studio.export("coco")
    coco = COCO(str(path))
    assert coco.anns[box["id"]]["bbox"] == [100, 100, 80, 60]
    assert coco.anns[box["id"]]["category_id"] == box["category_id"]
    studio.guard.check()


def test_new_build_announced_old_page_works(context, tmp_path, shared_data):
    site = tmp_path / "site"
    shutil.copytree(DIST, site)
    server, url = serve_in_thread(site)
    try:
        page = context.new_page()
        studio = Studio(page, url, PageGuard(page, url.rstrip("/")))
        studio.open(python=False)
        studio.wait(OFFLINE_READY, timeout=60)
        old_build = page.evaluate("document.documentElement.dataset.build")

        # Deploy a new build: a changed file, a new build id in the worker.
        new_build = "0123456789abcdef"
        css = site / "static" / "storage.css"
        css.write_text(css.read_text() + "\n/* next release */\n")
        sw = site / "sw.js"
        sw.write_text(sw.read_text().replace(old_build, new_build))
        manifest = json.loads((site / "build.json").read_text())
        (site / "build.json").write_text(json.dumps({**manifest, "build": new_build}))

        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        studio.wait("document.querySelector('#notice-update')", timeout=60)
        assert page.text_content("#notice-update .notice-text") == (
            "A new version of shopbox is ready. Your work is saved."
        )
        # The running page still works, on the files of its own build.
        photo = sorted((shared_data / CLOTHING).glob("*.jpg"))[0]
        studio.open_files([photo])
        studio.draw_box((10, 10), (60, 70), category=None)
        css_now = page.evaluate("fetch('static/storage.css').then(r => r.text())")
        assert "next release" not in css_now

        with page.expect_navigation():
            page.click("#notice-update button:text('Reload to update')")
        studio.wait("document.documentElement.dataset.studio === 'ready'")
        studio.wait(OFFLINE_READY, timeout=60)
        assert page.evaluate("document.documentElement.dataset.build") == new_build
        css_now = page.evaluate("fetch('static/storage.css').then(r => r.text())")
        assert "next release" in css_now
        assert len(studio.project()["images"][0]["boxes"]) == 1
        studio.guard.check()
    finally:
        server.shutdown()
        server.server_close()


def test_file_protocol_shows_how_to_serve(context):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((DIST / "index.html").as_uri())
    message = page.locator("#file-protocol")
    # The message fades in once the module had its chance to start.
    page.wait_for_timeout(3000)
    assert (
        page.evaluate(
            "getComputedStyle(document.querySelector('#file-protocol')).opacity"
        )
        == "1"
    )
    assert message.is_visible()
    assert page.evaluate("document.documentElement.classList.contains('started')") is (
        False
    )
    text = message.inner_text()
    assert "python3 -m http.server 8000 --bind 127.0.0.1" in text
    assert "http://127.0.0.1:8000/" in text
    assert errors == []
