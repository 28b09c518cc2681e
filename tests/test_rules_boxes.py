from .rule_cases import BOTTOM, MAKEUP, SHOES, box, findings, image


def test_outside_image_found():
    found = findings(image(box(3, (950, 10, 60, 40))), "box-outside-image")
    assert len(found) == 1
    assert found[0].severity == "error"
    assert found[0].image_id == 7
    assert found[0].box_ids == (3,)
    assert found[0].rule == 2
    assert "10 px outside the 1000x800 image" in found[0].message


def test_outside_image_negative_origin():
    found = findings(image(box(4, (-2, -5, 30, 30))), "box-outside-image")
    assert [f.box_ids for f in found] == [(4,)]
    assert "5 px outside" in found[0].message


def test_box_on_edge_is_inside():
    record = image(box(3, (0, 0, 1000, 800)), box(4, (999.6, 10, 0.8, 20)))
    assert findings(record, "box-outside-image") == []


def test_box_too_small_found():
    found = findings(image(box(5, (10, 10, 3, 40))), "box-too-small")
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert found[0].box_ids == (5,)
    assert "3x40 px" in found[0].message


def test_box_too_small_by_area():
    found = findings(image(box(5, (10, 10, 7, 9))), "box-too-small")
    assert [f.box_ids for f in found] == [(5,)]


def test_box_of_minimum_size_passes():
    assert findings(image(box(5, (10, 10, 8, 8))), "box-too-small") == []


def test_duplicate_box_found():
    # IoU is 98 * 99 / (2 * 10000 - 98 * 99) = 0.942.
    record = image(box(2, (100, 100, 100, 100)), box(9, (102, 101, 100, 100)))
    found = findings(record, "duplicate-box")
    assert len(found) == 1
    assert found[0].severity == "error"
    assert found[0].box_ids == (2, 9)
    assert "IoU 0.94" in found[0].message


def test_duplicate_needs_same_category():
    record = image(box(2, (100, 100, 100, 100)), box(9, (100, 100, 100, 100), BOTTOM))
    assert findings(record, "duplicate-box") == []


def test_overlap_below_iou_is_not_duplicate():
    # IoU of these two is 80 * 100 / (2 * 10000 - 8000) = 0.667.
    record = image(box(2, (100, 100, 100, 100)), box(9, (120, 100, 100, 100)))
    assert findings(record, "duplicate-box") == []


def test_group_box_found():
    record = image(
        box(1, (0, 0, 300, 100), MAKEUP),
        box(2, (10, 10, 40, 80), MAKEUP),
        box(3, (60, 10, 40, 80), MAKEUP),
        box(4, (400, 10, 40, 80), MAKEUP),
    )
    found = findings(record, "group-box")
    assert len(found) == 1
    assert found[0].severity == "error"
    assert found[0].box_ids == (1, 2, 3)
    assert found[0].rule == 3
    assert "contains 2 boxes of its own category (2, 3)" in found[0].message


def test_one_nested_box_is_not_group():
    record = image(box(1, (0, 0, 300, 100), MAKEUP), box(2, (10, 10, 40, 80), MAKEUP))
    assert findings(record, "group-box") == []


def test_group_box_ignores_other_categories():
    record = image(
        box(1, (0, 0, 300, 100), MAKEUP),
        box(2, (10, 10, 40, 80), BOTTOM),
        box(3, (60, 10, 40, 80), BOTTOM),
    )
    assert findings(record, "group-box") == []


def test_group_box_leaves_shoes_to_pair_rule():
    record = image(
        box(1, (0, 0, 300, 100), SHOES),
        box(2, (10, 10, 100, 80), SHOES),
        box(3, (150, 10, 100, 80), SHOES),
    )
    assert findings(record, "group-box") == []


def test_duplicates_reported_as_one_cluster():
    record = image(
        box(5, (100, 100, 100, 100)),
        box(3, (101, 100, 100, 100)),
        box(4, (102, 100, 100, 100)),
        box(6, (600, 100, 100, 100)),
        box(7, (601, 101, 100, 100)),
    )
    found = findings(record, "duplicate-box")
    assert [f.box_ids for f in found] == [(3, 4, 5), (6, 7)]
    assert "one object 3 times" in found[0].message
    # A 1 px shift: IoU = 9900 / (20000 - 9900) = 0.980.
    assert "IoU up to 0.98" in found[0].message
