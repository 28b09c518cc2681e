"""Browser storage: crashes, a full quota, schema migration and several projects."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import time
import zipfile
from pathlib import Path

import pytest

from .conftest import CHROMIUM_ARGS, PageGuard, Studio

DATA = Path(__file__).resolve().parents[1] / "data"
CLOTHING = "clothing-dataset-cc0/images"
READY = "document.documentElement.dataset.studio === 'ready'"


@pytest.fixture
def photos(shared_data):
    return sorted((shared_data / CLOTHING).glob("*.jpg"))[:2]


def launch_profile(browser, profile: Path):
    return browser.browser_type.launch_persistent_context(
        user_data_dir=str(profile),
        executable_path=browser_executable(),
        args=CHROMIUM_ARGS,
        headless=True,
        viewport={"width": 1400, "height": 900},
    )


def browser_pid(profile: Path) -> int:
    """Find the main process of the Chromium started on this test's own profile."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        mine = any(str(profile).encode() in arg for arg in argv)
        if mine and not any(arg.startswith(b"--type=") for arg in argv):
            return int(entry.name)
    raise AssertionError(f"no Chromium process runs on {profile}")


def browser_executable() -> str | None:
    path = os.environ.get("SHOPBOX_CHROMIUM", "/usr/bin/chromium")
    return path if Path(path).exists() else None


def test_crash_keeps_edits_older_than_300ms(browser, site_url, photos, tmp_path):
    profile = tmp_path / "profile"
    context = launch_profile(browser, profile)
    page = context.new_page()
    studio = Studio(page, site_url, PageGuard(page, site_url.rstrip("/")))
    studio.open(python=False)
    studio.open_files(photos)
    studio.press("1")
    first = studio.draw_box((10, 20), (110, 120), category=None)
    second = studio.draw_box((200, 50), (260, 140), category=None)
    studio.page.fill("#box-form textarea[name=note]", "needs review")
    studio.page.focus("#canvas")
    expected = studio.current_image()["boxes"]
    time.sleep(0.3)
    # Kill the browser outright: no beforeunload, no pagehide, no clean exit.
    os.kill(browser_pid(profile), signal.SIGKILL)
    with contextlib.suppress(Exception):
        context.close()

    context = launch_profile(browser, profile)
    try:
        page = context.new_page()
        studio = Studio(page, site_url, PageGuard(page, site_url.rstrip("/")))
        studio.open(python=False)
        image = studio.project()["images"][0]
        assert [b["id"] for b in image["boxes"]] == [first["id"], second["id"]]
        assert image["boxes"] == expected
        # The photos came back from browser storage, not from disk.
        assert studio.page.locator("#image-list li.missing").count() == 0
        studio.guard.check()
    finally:
        context.close()


def test_full_quota_reports_and_keeps_saved(studio, photos):
    studio.open()
    studio.open_files(photos[:1])
    studio.press("1")
    kept = studio.draw_box((10, 10), (60, 60), category="belt")
    studio.page.evaluate("window.shopbox.flush()")
    studio.page.evaluate(
        "window.shopbox.projects.persistence.failWrites = 'QuotaExceededError'"
    )
    unsaved = studio.draw_box((100, 100), (150, 170), category="hat")
    studio.wait("document.querySelector('#notice-storage')")
    text = studio.page.text_content("#notice-storage .notice-text")
    name = photos[0].name
    assert text.startswith(
        f"Browser storage is full: the changes to 1 image ({name}) could not be saved."
    )
    assert "Everything saved before is kept." in text
    assert studio.page.text_content("#save-status") == "Not saved"

    # The offered export carries both boxes and the photo.
    with studio.page.expect_download() as download:
        studio.page.click("#notice-storage button:text('Export project now')")
    with zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes())) as zf:
        project = json.loads(zf.read("project.json"))
        photo_members = [n for n in zf.namelist() if n.startswith("images/")]
    assert [b["id"] for b in project["images"][0]["boxes"]] == [
        kept["id"],
        unsaved["id"],
    ]
    assert len(photo_members) == 1

    # What was saved before the failure is still there, unchanged.
    stored = studio.page.evaluate(
        "window.shopbox.projects.persistence"
        ".loadProject(localStorage.getItem('shopbox.project'))"
    )
    assert [b["id"] for b in stored["images"][0]["boxes"]] == [kept["id"]]

    # Space is freed: Retry writes the edit and the banner goes away.
    studio.page.evaluate("window.shopbox.projects.persistence.failWrites = null")
    studio.page.click("#notice-storage button:text('Retry')")
    studio.wait(
        "document.querySelector('#save-status').textContent === 'All changes saved'"
    )
    assert studio.page.locator("#notice-storage").count() == 0
    studio.page.reload()
    studio.wait(READY)
    boxes = studio.project()["images"][0]["boxes"]
    assert [b["id"] for b in boxes] == [kept["id"], unsaved["id"]]


def load_v1_database(page, dump: dict) -> None:
    """Create the version-1 database exactly as the first shopbox release did."""
    page.evaluate(
        """(dump) => new Promise((resolve, reject) => {
            const request = indexedDB.open("shopbox", 1);
            request.onupgradeneeded = () => {
              const db = request.result;
              db.createObjectStore("projects", { keyPath: "id" });
              const key = { keyPath: ["project_id", "id"] };
              const images = db.createObjectStore("images", key);
              images.createIndex("by_project", "project_id");
              const projects = request.transaction.objectStore("projects");
              for (const p of dump.projects) projects.put(p);
              for (const i of dump.images) images.put(i);
            };
            request.onsuccess = () => { request.result.close(); resolve(); };
            request.onerror = () => reject(request.error);
          })""",
        dump,
    )


def test_v1_database_migrates(studio):
    dump = json.loads((DATA / "indexeddb-v1.json").read_text())
    # A page on the same origin that does not run the studio.
    studio.page.goto(studio.url + "build.json")
    load_v1_database(studio.page, dump)
    studio.page.evaluate("localStorage.setItem('shopbox.project', 'default')")
    studio.open(python=False)

    project = studio.project()
    assert project["name"] == "Shelf audit (v1)"
    expected = [
        {k: v for k, v in i.items() if k != "project_id"} for i in dump["images"]
    ]
    assert project["images"] == expected
    meta = studio.page.evaluate(
        """() => new Promise((resolve) => {
            const request = indexedDB.open("shopbox");
            request.onsuccess = () => {
              const db = request.result;
              const store = db.transaction("projects").objectStore("projects");
              const get = store.get("default");
              get.onsuccess = () => resolve({
                version: db.version,
                stores: [...db.objectStoreNames],
                schema: get.result.schema,
                created: get.result.created,
              });
            };
          })"""
    )
    assert meta == {
        "version": 2,
        "stores": ["blobs", "images", "projects"],
        "schema": 2,
        "created": 1764000000000,
    }
    # The migrated project takes edits and keeps them.
    studio.page.click("#image-list li[data-image-id='2']")
    box = studio.draw_box((5, 5), (50, 40), category=None)
    studio.page.evaluate("window.shopbox.flush()")
    studio.page.reload()
    studio.wait(READY)
    assert studio.project()["images"][1]["boxes"] == [box]


def project_rows(studio) -> list[tuple[str, str]]:
    return studio.page.evaluate(
        "[...document.querySelectorAll('#project-list li')].map(li =>"
        " [li.dataset.projectId, li.querySelector('.project-name-label').textContent])"
    )


def test_projects_create_rename_duplicate_delete(studio, photos):
    studio.open(python=False)
    studio.open_files(photos[:1])
    studio.draw_box((10, 10), (90, 90), category=None)
    first_id = studio.page.evaluate("localStorage.getItem('shopbox.project')")

    studio.page.click("#projects-button")
    studio.page.click("#project-new")
    studio.wait("window.shopbox.project().images.length === 0")
    studio.wait("!document.querySelector('#projects-dialog').open")
    second_id = studio.page.evaluate("localStorage.getItem('shopbox.project')")
    assert second_id != first_id
    studio.page.click("#projects-button")

    # Rename the first project from the list, through the in-page prompt.
    studio.page.click(
        f"#project-list li[data-project-id='{first_id}'] [data-action=rename]"
    )
    studio.page.fill("dialog.prompt-dialog input", "Shoes <b>batch</b> 1")
    studio.page.keyboard.press("Enter")
    studio.wait(
        f"document.querySelector(\"#project-list li[data-project-id='{first_id}']"
        " .project-name-label\").textContent === 'Shoes <b>batch</b> 1'"
    )

    studio.page.click(
        f"#project-list li[data-project-id='{first_id}'] [data-action=duplicate]"
    )
    studio.wait("document.querySelectorAll('#project-list li').length === 3")
    names = sorted(name for _, name in project_rows(studio))
    assert names == [
        "Shoes <b>batch</b> 1",
        "Shoes <b>batch</b> 1 (copy)",
        "Untitled project",
    ]
    (copy_id,) = [i for i, n in project_rows(studio) if n.endswith("(copy)")]

    # Open the copy: its box and photo came along.
    studio.page.click(
        f"#project-list li[data-project-id='{copy_id}'] [data-action=open]"
    )
    studio.wait(f"localStorage.getItem('shopbox.project') === '{copy_id}'")
    studio.page.click("#projects-button")
    assert len(studio.project()["images"][0]["boxes"]) == 1
    assert studio.page.locator("#image-list li.missing").count() == 0

    # Delete asks first; Cancel keeps the project.
    dialogs = []
    studio.page.on("dialog", lambda d: dialogs.append(d.message))
    delete = f"#project-list li[data-project-id='{first_id}'] [data-action=delete]"
    studio.page.click(delete)
    studio.wait("document.querySelector('#confirm-dialog').open")
    assert studio.page.text_content("#confirm-dialog h2") == (
        "Delete Shoes <b>batch</b> 1?"
    )
    studio.page.click("#confirm-dialog button:text('Cancel')")
    assert len(project_rows(studio)) == 3
    studio.page.click(delete)
    studio.wait("document.querySelector('#confirm-dialog').open")
    studio.page.click("#confirm-dialog button:text('Delete project')")
    studio.wait("document.querySelectorAll('#project-list li').length === 2")
    assert first_id not in [i for i, _ in project_rows(studio)]
    assert dialogs == []

    # The deletion is durable and took the photos with it.
    studio.page.reload()
    studio.wait(READY)
    listed = studio.page.evaluate("window.shopbox.projects.list()")
    assert sorted(p["id"] for p in listed) == sorted([second_id, copy_id])
    blobs = studio.page.evaluate(
        f"window.shopbox.projects.persistence.loadBlobs('{first_id}').then(m => m.size)"
    )
    assert blobs == 0


def test_quota_read_out(studio):
    studio.open(python=False)
    studio.page.click("#projects-button")
    studio.wait("document.querySelector('#storage-quota').dataset.quota")
    text = studio.page.text_content("#storage-quota")
    assert " used, " in text
    assert text.endswith(" left")
    quota = int(studio.page.get_attribute("#storage-quota", "data-quota"))
    assert quota > 0
    # The status bar shows the same reading all the time.
    assert studio.page.text_content("#storage-use") == text
