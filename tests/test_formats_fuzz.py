"""Fuzz every importer: a mutated file is either rejected or loaded cleanly.

Each format starts from a valid file and applies a few structure-aware
mutations (replace or delete a JSON node, an XML text, a CSV cell or a label
line) plus occasional byte damage. The only allowed outcomes are ShopboxError
or a project that passes the model's integrity checks. Runs are derandomized,
so CI runs the same 1,000 cases per format every time.
"""

from __future__ import annotations

import contextlib
import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shopbox.errors import ShopboxError
from shopbox.formats import ImportOptions, coco, csv_table, native, voc, yolo
from shopbox.formats.registry import IMPORTERS, import_file
from shopbox.formats.safe_zip import write_zip
from shopbox.models import integrity_problems

from .formats_support import ROOT_DIR, make_project, zip_members

DATA = ROOT_DIR / "tests" / "data"
FUZZ = settings(
    max_examples=1000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SIZES = {
    "a.jpg": (640, 480),
    "b.jpg": (1280, 720),
    "shelf-1.jpg": (640, 480),
    "shelf-2.jpg": (320, 240),
}

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
text_values = st.sampled_from(
    ["", "0", "-1", "1e999", "nan", "1.5", "99999999", "x", "<b>", "&amp;", " 7 "]
) | st.text(max_size=10)


def seed_project():
    return make_project(
        ("a.jpg", 640, 480, [(3, (10, 20, 100, 60)), (5, (600, 450, 40, 30))]),
        ("b.jpg", 1280, 720, [(6, (1244, 0, 36, 720))]),
        ("c/d.jpg", 100, 100, [], "done"),
    )


def check_import(importer, content: bytes) -> None:
    try:
        result = importer(content, ImportOptions(image_sizes=SIZES))
    except ShopboxError as exc:
        assert exc.code
        for problem in exc.problems:
            assert isinstance(problem.path, str)
        return
    assert integrity_problems(result.project) == []
    for box in (b for i in result.project.images for b in i.boxes):
        assert box.bbox[2] > 0
        assert box.bbox[3] > 0


def node_paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from node_paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from node_paths(child, (*path, index))


def mutate_json(data, document):
    for _ in range(data.draw(st.integers(1, 3))):
        paths = list(node_paths(document))
        path = data.draw(st.sampled_from(paths))
        if not path:
            document = data.draw(json_values)
            continue
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(json_values)
    return json.dumps(document, allow_nan=True).encode()


def damage_bytes(data, content: bytes) -> bytes:
    # About one case in ten; hypothesis favours the bounds of a range, so the
    # trigger is a value inside it.
    if data.draw(st.integers(1, 10)) != 5:
        return content
    if data.draw(st.booleans()):
        return content[: data.draw(st.integers(0, len(content)))]
    position = data.draw(st.integers(0, max(len(content) - 1, 0)))
    return (
        content[:position] + data.draw(st.binary(max_size=4)) + content[position + 1 :]
    )


def mutate_text_fields(data, text: str, pattern: str) -> str:
    """Replace a few regex matches of ``pattern`` with drawn text values."""
    spans = [m.span(1) for m in re.finditer(pattern, text)]
    for _ in range(data.draw(st.integers(1, 3))):
        if not spans:
            break
        start, end = data.draw(st.sampled_from(spans))
        text = text[:start] + data.draw(text_values) + text[end:]
        spans = [m.span(1) for m in re.finditer(pattern, text)]
    return text


def fuzz_json_format(data, importer, seed: bytes) -> None:
    content = mutate_json(data, json.loads(seed))
    check_import(importer, damage_bytes(data, content))


COCO_SEED = coco.export(seed_project()).content
NATIVE_SEED = native.export(seed_project()).content
CSV_SEED = csv_table.export(seed_project()).content
VOC_SEED = voc.export(seed_project()).content
YOLO_SEED = yolo.export(seed_project()).content
XML_FIELD = r">([^<]*)<"


@FUZZ
@given(st.data())
def test_fuzz_coco(data):
    fuzz_json_format(data, coco.import_file, COCO_SEED)


@FUZZ
@given(st.data())
def test_fuzz_native(data):
    fuzz_json_format(data, native.import_file, NATIVE_SEED)


@FUZZ
@given(st.data())
def test_fuzz_via(data):
    seed = (DATA / "via2-project.json").read_bytes()
    fuzz_json_format(data, IMPORTERS["via"], seed)


@FUZZ
@given(st.data())
def test_fuzz_labelme(data):
    fuzz_json_format(data, IMPORTERS["labelme"], (DATA / "labelme.json").read_bytes())


@FUZZ
@given(st.data())
def test_fuzz_labelstudio(data):
    seed = (DATA / "labelstudio.json").read_bytes()
    fuzz_json_format(data, IMPORTERS["labelstudio"], seed)


@FUZZ
@given(st.data())
def test_fuzz_csv(data):
    text = mutate_text_fields(data, CSV_SEED.decode(), r"(?:^|,)([^,\r\n]*)")
    check_import(csv_table.import_file, damage_bytes(data, text.encode()))


@FUZZ
@given(st.data())
def test_fuzz_cvat(data):
    text = (DATA / "cvat-images-1.1.xml").read_text()
    text = mutate_text_fields(data, text, r'="([^"]*)"')
    check_import(IMPORTERS["cvat"], damage_bytes(data, text.encode()))


@FUZZ
@given(st.data())
def test_fuzz_voc(data):
    members = zip_members(VOC_SEED)
    name = data.draw(st.sampled_from(sorted(members)))
    text = mutate_text_fields(data, members[name].decode(), XML_FIELD)
    members[name] = damage_bytes(data, text.encode())
    check_import(voc.import_file, write_zip(members.items()))


@FUZZ
@given(st.data())
def test_fuzz_yolo(data):
    members = zip_members(YOLO_SEED)
    name = data.draw(st.sampled_from(sorted(members)))
    if name == "shopbox.json":
        content = mutate_json(data, json.loads(members[name]))
    else:
        content = mutate_text_fields(
            data, members[name].decode(), r"([^\s:]+)"
        ).encode()
    members[name] = damage_bytes(data, content)
    if data.draw(st.integers(1, 10)) == 5:
        del members[data.draw(st.sampled_from(sorted(members)))]
    check_import(yolo.import_file, write_zip(members.items()))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.binary(max_size=200), st.sampled_from(["x.json", "x.xml", "x.csv", "x.zip"]))
def test_fuzz_detect_any_bytes(content, file_name):
    with contextlib.suppress(ShopboxError):
        import_file(file_name, content)
