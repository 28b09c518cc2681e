"""Project bundles: round trip, the api methods and the zip-bomb limits."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from shopbox import api
from shopbox.errors import ShopboxError
from shopbox.formats import bundle
from shopbox.models import load_project

HOSTILE_NAME = '"><svg onload=alert(1)>.jpg'


def make_project() -> dict:
    return {
        "format": "shopbox",
        "version": 1,
        "name": "Spring <b>shoes</b>",
        "images": [
            {
                "id": 1,
                "file_name": HOSTILE_NAME,
                "width": 640,
                "height": 480,
                "boxes": [
                    {
                        "id": 3,
                        "category_id": 6,
                        "bbox": [10.5, 20.25, 100, 50],
                        "note": "<img src=x onerror=alert(1)>",
                    }
                ],
            },
            {"id": 2, "file_name": "shelf/b.png", "width": 10, "height": 10},
        ],
    }


def call(method: str, payload: dict, data: bytes | None = None):
    reply, out = api.handle(method, json.dumps(payload), data)
    return json.loads(reply), out


def test_round_trip_keeps_project_and_bytes():
    project = load_project(make_project())
    photos = {1: b"\xff\xd8jpeg-bytes", 2: b"\x89PNG-bytes"}
    exported = bundle.export(project, photos)
    assert exported.file_name == "Spring-_b_shoes__b_.shopbox.zip"
    assert exported.warnings == []
    with zipfile.ZipFile(io.BytesIO(exported.content)) as archive:
        names = sorted(archive.namelist())
        manifest = json.loads(archive.read("bundle.json"))
    assert names == [
        "bundle.json",
        "images/1_svg_onload_alert_1_.jpg",
        "images/2_b.png",
        "project.json",
    ]
    assert manifest["images"] == {
        "1": "images/1_svg_onload_alert_1_.jpg",
        "2": "images/2_b.png",
    }
    loaded = bundle.load(exported.content)
    assert loaded.project == project
    assert loaded.project.images[0].file_name == HOSTILE_NAME
    assert {i.image_id: i.content for i in loaded.images} == photos


def test_missing_photo_is_a_warning():
    project = load_project(make_project())
    exported = bundle.export(project, {1: b"abc"})
    assert [(w.code, w.value) for w in exported.warnings] == [("image-missing", [2])]
    loaded = bundle.load(exported.content)
    assert [(w.code, w.value) for w in loaded.warnings] == [("image-missing", [2])]


def test_api_export_and_import_bundle():
    reply, out = call(
        "export_bundle",
        {
            "project": make_project(),
            "images": [{"id": 2, "size": 3}, {"id": 1, "size": 2}],
        },
        b"pngjp",
    )
    assert reply["ok"] is True
    assert reply["result"]["media_type"] == "application/zip"
    reply, data = call("import_bundle", {}, out)
    assert reply["ok"] is True
    assert reply["result"]["images"] == [{"id": 1, "size": 2}, {"id": 2, "size": 3}]
    assert data == b"jppng"
    assert reply["result"]["project"]["images"][0]["file_name"] == HOSTILE_NAME


def test_api_rejects_sizes_past_the_data():
    reply, _ = call(
        "export_bundle",
        {"project": make_project(), "images": [{"id": 1, "size": 10}]},
        b"short",
    )
    assert reply["ok"] is False
    assert reply["error"]["code"] == "invalid-request"
    assert reply["error"]["problems"][0]["path"] == "images[0].size"


def zip_of(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_rejects_high_compression_ratio():
    bomb = zip_of({"project.json": b"{}", "bundle.json": b"{}", "x": bytes(8 << 20)})
    with pytest.raises(ShopboxError) as error:
        bundle.load(bomb)
    assert error.value.code == "bundle-too-large"
    assert error.value.problems[0].path == "x"
    assert "fold" in error.value.message


def test_rejects_too_many_entries(monkeypatch):
    monkeypatch.setattr(bundle, "MAX_ENTRIES", 3)
    members = {f"images/{i}": b"x" for i in range(4)}
    with pytest.raises(ShopboxError) as error:
        bundle.load(zip_of(members))
    assert error.value.code == "bundle-too-large"
    assert error.value.problems[0].value == 4


def test_rejects_total_size(monkeypatch):
    monkeypatch.setattr(bundle, "MAX_TOTAL_UNCOMPRESSED", 1000)
    members = {"a": bytes(600), "b": bytes(600)}
    with pytest.raises(ShopboxError) as error:
        bundle.load(zip_of(members, zipfile.ZIP_STORED))
    assert error.value.code == "bundle-too-large"
    assert error.value.problems[0].value == 1200


def test_rejects_member_lying_about_its_size():
    # The header claims 10 bytes where the data inflates to 4 MiB. zipfile
    # stops at the claimed size and the CRC check then fails.
    content = zip_of({"project.json": bytes(4 << 20), "bundle.json": b"{}"})
    real = (4 << 20).to_bytes(4, "little")
    lying = content.replace(real, (10).to_bytes(4, "little"))
    with pytest.raises(ShopboxError) as error:
        bundle.load(lying)
    assert error.value.code == "invalid-bundle"
    assert "CRC" in error.value.problems[0].message


def test_rejects_non_zip():
    with pytest.raises(ShopboxError) as error:
        bundle.load(b"not a zip")
    assert error.value.code == "invalid-bundle"


def test_rejects_invalid_project_inside():
    content = zip_of(
        {
            "project.json": json.dumps(
                {"format": "shopbox", "images": [{"id": 0}]}
            ).encode(),
            "bundle.json": b'{"format": "shopbox-bundle", "version": 1, "images": {}}',
        }
    )
    with pytest.raises(ShopboxError) as error:
        bundle.load(content)
    assert error.value.code == "invalid-project"
    assert error.value.problems[0].path == "images[0].id"


def test_rejects_manifest_with_unknown_image():
    content = zip_of(
        {
            "project.json": json.dumps(make_project()).encode(),
            "bundle.json": b'{"format": "shopbox-bundle", "version": 1,'
            b' "images": {"9": "images/9"}}',
            "images/9": b"x",
        }
    )
    with pytest.raises(ShopboxError) as error:
        bundle.load(content)
    assert error.value.code == "invalid-bundle"
    assert error.value.problems[0].path == "bundle.json.images.9"
