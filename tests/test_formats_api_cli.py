"""The page's export and import_file methods, and ``python -m shopbox convert``."""

import io
import json
import subprocess
import sys

import pytest

from shopbox import api
from shopbox.cli import main
from shopbox.formats import coco, native
from shopbox.formats.registry import EXPORTERS, IMPORTERS

from .formats_support import ROOT_DIR, three_images, zip_members


def call(method, payload, data=None):
    reply, out = api.handle(method, json.dumps(payload), data)
    return json.loads(reply), out


@pytest.mark.parametrize("format_name", list(EXPORTERS))
def test_api_export_every_format(format_name):
    project = three_images().model_dump(mode="json")
    reply, content = call("export", {"format": format_name, "project": project})
    assert reply["ok"] is True
    result = reply["result"]
    zipped = format_name in ("voc", "yolo")
    assert (result["media_type"] == "application/zip") == zipped
    if zipped:
        assert content[:2] == b"PK"
    else:
        assert content[:1] in (b"{", b"i")


@pytest.mark.parametrize("format_name", list(EXPORTERS))
def test_api_import_detects_export(format_name):
    project = three_images().model_dump(mode="json")
    reply, content = call("export", {"format": format_name, "project": project})
    file_name = reply["result"]["file_name"]
    reply, _ = call("import_file", {"file_name": file_name}, content)
    assert reply["ok"] is True, reply
    imported = reply["result"]["project"]
    assert [i["file_name"] for i in imported["images"]] == ["a.jpg", "b.jpg", "c.jpg"]
    assert [len(i["boxes"]) for i in imported["images"]] == [2, 1, 0]
    assert reply["result"]["warnings"] == []


def test_api_import_error_has_paths():
    content = json.dumps(
        {
            "images": [{"id": 1, "file_name": "a.jpg", "width": 10, "height": 10}],
            "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": {}}],
            "categories": [{"id": 1, "name": "top"}],
        }
    ).encode()
    reply, _ = call("import_file", {"file_name": "x.json"}, content)
    assert reply["ok"] is False
    error = reply["error"]
    assert error["code"] == "invalid-import"
    assert error["problems"][0]["path"] == "annotations[0].bbox"


def test_api_unknown_format_rejected():
    reply, _ = call("import_file", {"file_name": "notes.txt"}, b"hello")
    assert reply["error"]["code"] == "unknown-format"
    reply, _ = call(
        "export", {"format": "tiff", "project": three_images().model_dump(mode="json")}
    )
    assert reply["error"]["code"] == "unknown-format"


def test_api_crops_round_trip():
    project = three_images().model_dump(mode="json")
    reply, _ = call("crop_boxes", {"project": project, "padding": 4})
    crops = reply["result"]["crops"]
    assert [(c["left"], c["top"], c["right"], c["bottom"]) for c in crops] == [
        (6, 16, 114, 84),
        (596, 446, 640, 480),
        (1240, 0, 1280, 720),
    ]
    jpegs = [b"\xff\xd8a", b"\xff\xd8bb", b"\xff\xd8ccc"]
    spec = [
        [c["image_id"], c["box_id"], len(j)] for c, j in zip(crops, jpegs, strict=True)
    ]
    reply, content = call(
        "crops_zip", {"project": project, "padding": 4, "crops": spec}, b"".join(jpegs)
    )
    assert reply["ok"] is True
    assert zip_members(content) == {
        "dress/a_1.jpg": b"\xff\xd8a",
        "underwear/a_2.jpg": b"\xff\xd8bb",
        "dress/b_3.jpg": b"\xff\xd8ccc",
    }


def test_api_lists_formats():
    reply, _ = call("formats", {})
    assert reply["result"] == {"export": list(EXPORTERS), "import": list(IMPORTERS)}


def test_cli_convert_coco_to_voc_and_back(tmp_path):
    source = tmp_path / "in.coco.json"
    source.write_bytes(coco.export(three_images()).content)
    voc_zip = tmp_path / "out.zip"
    assert main(["convert", str(source), "--to", "voc", "-o", str(voc_zip)]) == 0
    back = tmp_path / "back.json"
    code = main(
        ["convert", str(voc_zip), "--from", "voc", "--to", "coco", "-o", str(back)]
    )
    assert code == 0
    assert (
        json.loads(back.read_bytes())["annotations"]
        == json.loads(source.read_bytes())["annotations"]
    )


def test_cli_missing_input_exits_2(tmp_path, capsys):
    code = main(["convert", str(tmp_path / "nope.json"), "--to", "coco", "-o", "x"])
    assert code == 2
    assert "cannot read" in capsys.readouterr().err


def test_cli_invalid_input_exits_2(tmp_path, capsys):
    source = tmp_path / "broken.json"
    source.write_text('{"images": [')
    code = main(["convert", str(source), "--to", "csv", "-o", str(tmp_path / "o.csv")])
    assert code == 2
    err = capsys.readouterr().err
    assert "not valid JSON" in err
    assert not (tmp_path / "o.csv").exists()


def test_cli_crops_with_pillow(tmp_path):
    from PIL import Image

    project = three_images()
    folder = tmp_path / "images"
    folder.mkdir()
    for image in project.images:
        Image.new("RGB", (image.width, image.height), "white").save(
            folder / image.file_name
        )
    source = tmp_path / "p.shopbox.json"
    source.write_bytes(native.export(project).content)
    out = tmp_path / "crops.zip"
    code = main(
        [
            "convert",
            str(source),
            "--to",
            "crops",
            "--images",
            str(folder),
            "-o",
            str(out),
        ]
    )
    assert code == 0
    members = zip_members(out.read_bytes())
    assert sorted(members) == ["dress/a_1.jpg", "dress/b_3.jpg", "underwear/a_2.jpg"]
    with Image.open(io.BytesIO(members["dress/a_1.jpg"])) as crop:
        assert crop.size == (100, 60)


def test_module_entry_point_runs(tmp_path):
    source = tmp_path / "in.json"
    source.write_bytes(coco.export(three_images()).content)
    out = tmp_path / "out.csv"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "shopbox",
            "convert",
            str(source),
            "--to",
            "csv",
            "-o",
            str(out),
        ],
        cwd=ROOT_DIR,
        env={"PYTHONPATH": str(ROOT_DIR / "py")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert out.read_text().startswith("image_id,file_name,")


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        ({"crops": "all"}, "crops"),
        ({"crops": [[1, 1]]}, "crops[0]"),
        ({"crops": [[1, 1, -3]]}, "crops[0]"),
        ({"crops": [[1, 1, 5]]}, "crops"),
    ],
)
def test_api_crops_zip_bad_request(payload, path):
    project = three_images().model_dump(mode="json")
    reply, _ = call("crops_zip", {"project": project, **payload}, b"\xff\xd8")
    assert reply["error"]["code"] == "invalid-request"
    assert reply["error"]["problems"][0]["path"] == path


@pytest.mark.parametrize("sizes", [[1, 2], {"a.jpg": [640]}, {"a.jpg": [640, True]}])
def test_api_import_bad_sizes(sizes):
    reply, _ = call("import_file", {"file_name": "a.json", "image_sizes": sizes}, b"{}")
    assert reply["error"]["code"] == "invalid-request"


def test_cli_via_with_images_folder(tmp_path):
    from PIL import Image

    folder = tmp_path / "shelf"
    folder.mkdir()
    Image.new("RGB", (640, 480)).save(folder / "shelf-1.jpg")
    Image.new("RGB", (320, 240)).save(folder / "shelf-2.jpg")
    source = ROOT_DIR / "tests" / "data" / "via2-project.json"
    out = tmp_path / "out.coco.json"
    args = ["convert", str(source), "--images", str(folder), "--to", "coco", "-o"]
    assert main([*args, str(out)]) == 0
    document = json.loads(out.read_bytes())
    assert [(i["file_name"], i["width"]) for i in document["images"]] == [
        ("shelf-1.jpg", 640),
        ("shelf-2.jpg", 320),
    ]
    assert [a["bbox"] for a in document["annotations"]] == [
        [40, 30, 120, 90],
        [300, 100, 60, 80],
    ]
