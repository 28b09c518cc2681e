import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shopbox.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, main
from shopbox.errors import ShopboxError
from shopbox.formats import coco_check, native
from shopbox.models import Project
from shopbox.rules import check_project

from .conftest import ROOT
from .rule_cases import MAKEUP, box, image

CLEAN = image(box(1, (10, 10, 100, 100)), box(2, (300, 10, 100, 100)))
DUPLICATE = image(box(1, (10, 10, 100, 100)), box(2, (11, 10, 100, 100)))

COCO = {
    "images": [{"id": 5, "file_name": "a.jpg", "width": 200, "height": 100}],
    "categories": [{"id": 0, "name": "lipstick"}, {"id": 1, "name": "vase"}],
    "annotations": [
        {"id": 1, "image_id": 5, "category_id": 0, "bbox": [10, 10, 20, 50]},
        {
            "id": 2,
            "image_id": 5,
            "category_id": 1,
            "segmentation": [[100, 20, 150, 20, 150, 90, 100, 90]],
        },
        {"id": 3, "image_id": 5, "category_id": 0, "bbox": [180, 10, 40, 50]},
    ],
}


def write(tmp_path, name, content):
    path = tmp_path / name
    text = content if isinstance(content, str) else json.dumps(content)
    path.write_text(text, encoding="utf-8")
    return str(path)


def project_file(tmp_path, *records):
    return write(
        tmp_path, "p.shopbox.json", native.dumps(Project(images=list(records)))
    )


def test_clean_project_exits_0(tmp_path, capsys):
    assert main(["validate", project_file(tmp_path, CLEAN)]) == EXIT_OK
    assert capsys.readouterr().out == "0 errors, 0 warnings in 1 image\n"


def test_error_finding_exits_1(tmp_path, capsys):
    assert main(["validate", project_file(tmp_path, DUPLICATE)]) == EXIT_FINDINGS
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        "shot.jpg (image 7): error: duplicate-box: Boxes 1 and 2"
    )
    assert lines[-1] == "1 error, 0 warnings in 1 image"


def test_warning_only_exits_0(tmp_path, capsys):
    wide_shoe = image(box(1, (10, 10, 500, 100)))
    assert main(["validate", project_file(tmp_path, wide_shoe)]) == EXIT_OK
    assert "shoe-pair-in-one-box" in capsys.readouterr().out


def test_json_output(tmp_path, capsys):
    path = project_file(tmp_path, DUPLICATE)
    assert main(["validate", path, "--json"]) == EXIT_FINDINGS
    document = json.loads(capsys.readouterr().out)
    assert document["counts"] == {"error": 1, "warning": 0}
    [finding] = document["findings"]
    assert finding["code"] == "duplicate-box"
    assert finding["image_id"] == 7
    assert finding["box_ids"] == [1, 2]
    assert finding["rule"] == 2


def test_coco_file_checked(tmp_path, capsys):
    path = write(tmp_path, "a.coco.json", COCO)
    assert main(["validate", path, "--json"]) == EXIT_FINDINGS
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["code"], f["box_ids"]) for f in findings] == [
        ("box-outside-image", [3]),
    ]


def test_coco_categories_map_by_name():
    project = coco_check.load(json.dumps(COCO))
    boxes = project.images[0].boxes
    assert [b.category_id for b in boxes] == [MAKEUP, 36, MAKEUP]
    assert boxes[1].note == "vase"
    assert boxes[1].bbox == (100, 20, 50, 70)


def test_coco_bad_annotation_path(tmp_path, capsys):
    bad = json.loads(json.dumps(COCO))
    bad["annotations"][2]["bbox"] = [1, 1, 0, 5]
    assert main(["validate", write(tmp_path, "bad.json", bad)]) == EXIT_UNREADABLE
    err = capsys.readouterr().err
    assert "annotations[2].bbox: Value error, width and height must be positive" in err


def test_settings_file_applies(tmp_path, capsys):
    settings = write(tmp_path, "s.json", {"duplicate-box": {"severity": "warning"}})
    path = project_file(tmp_path, DUPLICATE)
    assert main(["validate", path, "--settings", settings]) == EXIT_OK
    assert "warning: duplicate-box" in capsys.readouterr().out


def test_bad_settings_file_exits_2(tmp_path, capsys):
    settings = write(tmp_path, "s.json", {"duplicate-box": {"min_iou": "high"}})
    path = project_file(tmp_path, DUPLICATE)
    assert main(["validate", path, "--settings", settings]) == EXIT_UNREADABLE
    err = capsys.readouterr().err
    assert "rule settings are not valid" in err
    assert "rules.duplicate-box.min_iou" in err


def test_taxonomy_file_used_for_coco(tmp_path, capsys):
    taxonomy = {
        "name": "two",
        "categories": [
            {"id": 1, "name": "lipstick", "supercategory": "beauty"},
            {"id": 2, "name": "other", "supercategory": "other"},
        ],
    }
    path = write(tmp_path, "a.coco.json", COCO)
    taxonomy_path = write(tmp_path, "t.json", taxonomy)
    args = ["validate", path, "--taxonomy", taxonomy_path, "--json"]
    assert main(args) == EXIT_FINDINGS
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [f["code"] for f in findings] == ["box-outside-image"]


def test_bad_taxonomy_file_exits_2(tmp_path, capsys):
    taxonomy_path = write(tmp_path, "t.json", {"categories": [{"id": 0, "name": "x"}]})
    path = project_file(tmp_path, CLEAN)
    assert main(["validate", path, "--taxonomy", taxonomy_path]) == EXIT_UNREADABLE
    err = capsys.readouterr().err
    assert "categories[0].id" in err
    assert "categories[0].supercategory" in err


def test_taxonomy_replaces_native_one(tmp_path, capsys):
    # Category 6 (shoes) is missing from the one-category taxonomy.
    taxonomy = {"categories": [{"id": 36, "name": "other", "supercategory": "other"}]}
    taxonomy_path = write(tmp_path, "t.json", taxonomy)
    path = project_file(tmp_path, CLEAN)
    assert main(["validate", path, "--taxonomy", taxonomy_path]) == EXIT_UNREADABLE
    assert "images[0].boxes[0].category_id" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ('{"name": "x"}', "is neither a shopbox project"),
        (
            '{"format": "shopbox", "version": 9}',
            "is version 9, written by a newer shopbox",
        ),
    ],
    ids=["broken-json", "unknown-format", "bad-version"],
)
def test_unreadable_file_exits_2(tmp_path, capsys, content, message):
    path = write(tmp_path, "f.json", content)
    assert main(["validate", path]) == EXIT_UNREADABLE
    err = capsys.readouterr().err
    assert err.startswith("shopbox: error: ")
    assert message in err


def test_missing_file_exits_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "none.json")]) == EXIT_UNREADABLE
    assert "Cannot read" in capsys.readouterr().err


def test_real_fashionpedia_sample(shared_data, capsys):
    path = shared_data / "fashionpedia-api" / "data" / "sample.json"
    assert main(["validate", str(path), "--json"]) == EXIT_OK
    findings = json.loads(capsys.readouterr().out)["findings"]
    # Fashionpedia boxes sleeves apart from the shirt; the guide does not.
    assert [(f["code"], f["image_id"], f["box_ids"]) for f in findings] == [
        ("sleeve-boxed-separately", 10223, [37, 35, 36]),
    ]


def test_module_exit_code(tmp_path):
    path = project_file(tmp_path, DUPLICATE)
    result = subprocess.run(
        [sys.executable, "-m", "shopbox", "validate", path],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "py")},
        check=False,
    )
    assert result.returncode == 1
    assert "duplicate-box" in result.stdout


def test_coco_reader_reports_every_problem():
    document = {
        "images": [{"id": 1, "file_name": "a.jpg", "width": 10, "height": 10}],
        "categories": [{"id": 0, "name": "shoe"}],
        "annotations": [
            {
                "id": 1,
                "image_id": 2,
                "category_id": 5,
                "segmentation": {"size": [10, 10], "counts": "abc"},
            }
        ],
    }
    with pytest.raises(ShopboxError) as info:
        coco_check.load(json.dumps(document))
    assert info.value.code == "invalid-coco"
    problems = [(p.path, p.code, p.value) for p in info.value.problems]
    assert problems == [
        ("annotations[0].image_id", "unknown-image", 2),
        ("annotations[0].category_id", "unknown-category", 5),
        ("annotations[0].bbox", "missing", None),
    ]


def test_coco_reader_odd_ids():
    document = {
        "images": [
            {"id": 1, "file_name": "a.jpg", "width": 10, "height": 10},
            {"id": 1, "file_name": "b.jpg", "width": 10, "height": 10},
        ],
        "categories": [{"id": 0, "name": "shoe"}],
        "annotations": [
            {"id": 1, "image_id": [1], "category_id": {}, "bbox": [1, 1, 2, 2]}
        ],
    }
    with pytest.raises(ShopboxError) as info:
        coco_check.load(json.dumps(document))
    problems = [(p.path, p.code, p.value) for p in info.value.problems]
    assert problems == [
        ("images[1].id", "duplicate-id", 1),
        ("annotations[0].image_id", "unknown-image", "[1]"),
        ("annotations[0].category_id", "unknown-category", "{}"),
    ]


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.floats(-5, 50)
    | st.text(max_size=3),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "image_id", "category_id", "bbox", "name"]), children
        )
    ),
    max_leaves=12,
)
COCO_LIKE = st.fixed_dictionaries(
    {"images": JSON_VALUES, "annotations": JSON_VALUES, "categories": JSON_VALUES}
)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(COCO_LIKE)
def test_coco_reader_only_raises_shopbox_error(document):
    try:
        project = coco_check.load(json.dumps(document))
    except ShopboxError as exc:
        assert exc.code in {"invalid-coco", "invalid-project"}
        assert exc.problems
    else:
        assert isinstance(check_project(project), list)


def test_coco_export_extras_are_checked(tmp_path, capsys):
    from shopbox.formats import coco as coco_format
    from shopbox.models import load_project as load

    project = load(
        {
            "images": [
                {
                    "id": 1,
                    "file_name": "model.jpg",
                    "width": 400,
                    "height": 600,
                    "status": "done",
                    "shot_type": "worn by model",
                    "boxes": [
                        {
                            "id": 2,
                            "category_id": 35,
                            "bbox": [10, 10, 300, 500],
                            "face_and_body_visible": True,
                        }
                    ],
                }
            ]
        }
    )
    path = tmp_path / "export.coco.json"
    path.write_bytes(coco_format.export(project).content)
    assert main(["validate", str(path), "--json"]) == EXIT_FINDINGS
    findings = json.loads(capsys.readouterr().out)["findings"]
    codes = [f["code"] for f in findings]
    assert "gender-not-confirmed" not in codes
    assert "image-not-classified" in codes
