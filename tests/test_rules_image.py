from .rule_cases import JEWELRY, MAKEUP, WOMAN, box, findings, image

DONE = {"status": "done", "shot_type": "model", "main_category_id": MAKEUP}


def test_not_classified_found():
    record = image(box(1, (10, 10, 50, 50)), status="done", shot_type=" ")
    found = findings(record, "image-not-classified")
    assert len(found) == 1
    assert found[0].severity == "error"
    assert found[0].image_id == 7
    assert found[0].box_ids == ()
    assert "no shot type and no main category" in found[0].message


def test_not_classified_names_missing_field():
    record = image(box(1, (10, 10, 50, 50)), status="done", shot_type="flat lay")
    found = findings(record, "image-not-classified")
    assert "has no main category." in found[0].message


def test_classified_or_todo_passes():
    assert (
        findings(image(box(1, (10, 10, 50, 50)), **DONE), "image-not-classified") == []
    )
    assert findings(image(box(1, (10, 10, 50, 50))), "image-not-classified") == []


def test_done_without_boxes_found():
    found = findings(image(**DONE), "done-image-without-boxes")
    assert len(found) == 1
    assert found[0].severity == "error"
    assert found[0].box_ids == ()
    assert found[0].rule == 1


def test_no_objects_image_passes():
    assert findings(image(status="no-objects"), "done-image-without-boxes") == []
    assert findings(image(status="no-objects"), "boxes-on-empty-image") == []


def test_boxes_on_empty_image_found():
    record = image(box(2, (1, 1, 50, 50)), box(1, (60, 1, 50, 50)), status="no-objects")
    found = findings(record, "boxes-on-empty-image")
    assert len(found) == 1
    assert found[0].severity == "error"
    assert found[0].box_ids == (1, 2)
    assert "has 2 boxes" in found[0].message


def test_worn_jewelry_prompt_found():
    record = image(box(3, (100, 50, 300, 700), WOMAN, face_and_body_visible=True))
    found = findings(record, "check-worn-jewelry")
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert found[0].box_ids == (3,)
    assert found[0].rule == 4
    assert "(box 3)" in found[0].message


def test_worn_jewelry_prompt_skipped():
    person = box(3, (100, 50, 300, 700), WOMAN, face_and_body_visible=True)
    ring = box(4, (150, 400, 20, 20), JEWELRY)
    assert findings(image(person, ring), "check-worn-jewelry") == []
    assert findings(image(box(5, (1, 1, 50, 50))), "check-worn-jewelry") == []
