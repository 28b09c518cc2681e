"""Hostile input: inline scripts, markup in names, and files too large to read."""

from __future__ import annotations

import io
import json
import struct
import urllib.request
import zipfile
import zlib

import pytest

from shopbox.formats import bundle
from shopbox.models import load_project
from shopbox.taxonomy import default_taxonomy

HOSTILE_FILE = '"><svg onload=alert(1)>.jpg'
HOSTILE_CATEGORY = "<img src=x onerror=alert(1)>"
HOSTILE_NOTE = "</textarea><script>alert(2)</script>"
HOSTILE_PROJECT = "<iframe src=javascript:alert(3)>"
CLOTHING = "clothing-dataset-cc0/images"


def hostile_project() -> dict:
    taxonomy = default_taxonomy().model_dump(mode="json")
    taxonomy["categories"].append(
        {"id": 99, "name": HOSTILE_CATEGORY, "supercategory": "<b>x</b>"}
    )
    return {
        "format": "shopbox",
        "version": 1,
        "name": HOSTILE_PROJECT,
        "taxonomy": taxonomy,
        "images": [
            {
                "id": 1,
                "file_name": HOSTILE_FILE,
                "width": 400,
                "height": 300,
                "boxes": [
                    {
                        "id": 1,
                        "category_id": 99,
                        "bbox": [10, 20, 100, 80],
                        "note": HOSTILE_NOTE,
                    }
                ],
            }
        ],
    }


def import_file(studio, path) -> None:
    if studio.page.is_hidden("#projects-dialog"):
        studio.page.click("#projects-button")
    studio.page.set_input_files("#project-import-input", str(path))


def watch_for_scripts(page) -> list[str]:
    events: list[str] = []
    page.on("dialog", lambda d: (events.append(d.message), d.dismiss()))
    page.on("console", lambda m: events.append(m.text) if "alert" in m.text else None)
    return events


def test_csp_blocks_injected_inline_script(studio):
    studio.open(python=False)
    violations = studio.page.evaluate(
        """() => new Promise((resolve) => {
            const seen = [];
            document.addEventListener("securitypolicyviolation", (event) => {
              seen.push(event.violatedDirective);
            });
            const script = document.createElement("script");
            script.textContent = "window.injected = 1";
            document.body.append(script);
            const image = document.createElement("img");
            image.setAttribute("onerror", "window.injected = 2");
            image.src = "data:,broken";
            document.body.append(image);
            setTimeout(() => resolve(seen), 300);
          })"""
    )
    assert studio.page.evaluate("window.injected") is None
    assert "script-src-elem" in violations
    assert "script-src-attr" in violations


def test_server_sends_csp_header(site_url):
    with urllib.request.urlopen(site_url) as response:
        policy = response.headers["Content-Security-Policy"]
    directives = {}
    for part in policy.split("; "):
        name, _, value = part.partition(" ")
        directives[name] = value
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"


def test_imported_markup_stays_text(studio, tmp_path, shared_data):
    photo = sorted((shared_data / CLOTHING).glob("*.jpg"))[0]
    events = watch_for_scripts(studio.page)
    project = hostile_project()
    exported = bundle.export(load_project(project), {1: photo.read_bytes()})
    path = tmp_path / "hostile.shopbox.zip"
    path.write_bytes(exported.content)

    studio.open()
    import_file(studio, path)
    studio.wait("window.shopbox.project().name.startsWith('<iframe')")
    studio.wait("!document.querySelector('#projects-dialog').open")
    assert studio.page.text_content("#image-list li[data-image-id='1'] span.name") == (
        HOSTILE_FILE
    )
    assert studio.page.input_value("#project-name") == HOSTILE_PROJECT
    studio.page.click("#projects-button")
    current = "#project-list li[aria-current] .project-name-label"
    studio.wait(
        f"document.querySelector('{current}')?.textContent === "
        + json.dumps(HOSTILE_PROJECT)
    )
    studio.page.click("#projects-close")
    # Select the box: the inspector shows the category name and note as text.
    studio.page.mouse.click(*studio.screen(60, 60))
    studio.wait("window.shopbox.view().selectedBoxId === 1")
    assert studio.page.text_content("#box-category") == HOSTILE_CATEGORY
    assert studio.page.input_value("#box-form textarea[name=note]") == HOSTILE_NOTE
    assert (
        studio.page.locator(
            "#image-list svg, #inspector img, script:not([src])"
        ).count()
        == 0
    )

    written = studio.export_json("shopbox")
    assert written["name"] == HOSTILE_PROJECT
    assert written["images"][0]["file_name"] == HOSTILE_FILE
    assert written["images"][0]["boxes"][0]["note"] == HOSTILE_NOTE
    assert written["taxonomy"]["categories"][-1]["name"] == HOSTILE_CATEGORY

    # The same strings through a native JSON import.
    plain = tmp_path / "hostile.json"
    plain.write_text(json.dumps({**project, "name": "json import"}))
    import_file(studio, plain)
    studio.wait("window.shopbox.project().name === 'json import'")
    assert studio.project()["images"] == written["images"]
    assert events == []


def png_header(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    crc = struct.pack(">I", zlib.crc32(chunk))
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + crc + bytes(64)


def test_oversized_inputs_are_rejected_before_reading(studio, tmp_path):
    studio.open()

    huge = tmp_path / "huge.png"
    huge.write_bytes(png_header(100_000, 100_000))
    studio.page.set_input_files("#file-input", str(huge))
    studio.wait("document.querySelector('#message').textContent.includes('skipped')")
    assert studio.page.text_content("#message") == (
        "skipped 1: huge.png (100000\u00d7100000 px is larger than the limit "
        "of 30000 px a side)"
    )
    assert studio.project()["images"] == []

    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(2 * 1024**3)  # sparse: no disk space used
    import_file(studio, big)
    studio.wait("document.querySelector('#message').textContent.startsWith('big.json')")
    assert studio.page.text_content("#message") == (
        "big.json is 2048 MB, over the 256 MB limit for a project file; "
        "it was not opened."
    )

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.json", json.dumps(hostile_project()))
        archive.writestr("bundle.json", "{}")
        archive.writestr("images/1_a.jpg", bytes(200 * 1024 * 1024))
    path = tmp_path / "bomb.zip"
    path.write_bytes(bomb.getvalue())
    assert path.stat().st_size < 1024 * 1024
    projects_before = studio.page.evaluate("window.shopbox.projects.list()")
    import_file(studio, path)
    studio.wait("document.querySelector('#message').textContent.startsWith('bomb.zip')")
    message = studio.page.text_content("#message")
    assert message.startswith("bomb.zip could not be imported: images/1_a.jpg expands ")
    assert "the limit is 200-fold" in message
    assert studio.page.evaluate("window.shopbox.projects.list()") == projects_before


@pytest.mark.parametrize(
    ("name", "data", "size"),
    [
        ("gif", b"GIF89a" + struct.pack("<HH", 321, 123) + bytes(8), (321, 123)),
        (
            "jpeg",
            b"\xff\xd8\xff\xe0\x00\x04ab\xff\xc0\x00\x11\x08"
            + struct.pack(">HH", 600, 800)
            + bytes(16),
            (800, 600),
        ),
        (
            "webp",
            b"RIFF\x00\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00"
            + (1999).to_bytes(3, "little")
            + (2999).to_bytes(3, "little")
            + bytes(8),
            (2000, 3000),
        ),
        ("png", png_header(4000, 3000), (4000, 3000)),
    ],
)
def test_header_sizes(studio, name, data, size):
    studio.page.goto(studio.url + "build.json")
    result = studio.page.evaluate(
        """async (bytes) => {
            const { headerSize } = await import("./static/imagecheck.js");
            return headerSize(new Blob([new Uint8Array(bytes)]));
          }""",
        list(data),
    )
    assert (result["width"], result["height"]) == size
