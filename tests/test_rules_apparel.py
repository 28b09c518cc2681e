from .rule_cases import BOTTOM, TOP, box, findings, image


def test_shoe_pair_by_aspect():
    found = findings(image(box(4, (100, 600, 400, 90))), "shoe-pair-in-one-box")
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert found[0].image_id == 7
    assert found[0].box_ids == (4,)
    assert found[0].rule == 5
    assert "4.4 times as wide" in found[0].message


def test_shoe_pair_by_contained_shoes():
    record = image(
        box(1, (100, 600, 300, 120)),
        box(2, (110, 610, 130, 100)),
        box(3, (260, 610, 130, 100)),
    )
    found = findings(record, "shoe-pair-in-one-box")
    assert len(found) == 1
    assert found[0].box_ids == (1, 2, 3)
    assert "contains the shoes boxes 2, 3" in found[0].message


def test_single_side_view_shoe_passes():
    # A sneaker seen from the side is about three times as wide as high.
    record = image(box(1, (100, 600, 300, 100)), box(2, (500, 600, 300, 100)))
    assert findings(record, "shoe-pair-in-one-box") == []


def test_pair_rule_skips_non_shoes():
    record = image(box(1, (100, 600, 500, 90), BOTTOM))
    assert findings(record, "shoe-pair-in-one-box") == []


def test_bottom_covers_shoes_found():
    record = image(box(1, (300, 300, 200, 480), BOTTOM), box(2, (320, 700, 80, 60)))
    found = findings(record, "bottom-covers-shoes")
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert found[0].box_ids == (1, 2)
    assert found[0].rule == 7
    assert "covers 100% of shoes box 2" in found[0].message


def test_bottom_ending_at_ankle_passes():
    # The hem overlaps the top quarter of the shoe only.
    record = image(box(1, (300, 300, 200, 415), BOTTOM), box(2, (320, 700, 80, 60)))
    assert findings(record, "bottom-covers-shoes") == []


def test_bottom_covers_top_found():
    record = image(
        box(1, (300, 100, 300, 600), BOTTOM), box(5, (320, 150, 260, 200), TOP)
    )
    found = findings(record, "bottom-covers-top")
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert found[0].box_ids == (1, 5)
    assert "covers 100% of top box 5" in found[0].message


def test_tucked_top_passes():
    # The top reaches 40 px into a bottom box: 40 / 240 of its height.
    record = image(
        box(1, (300, 340, 300, 400), BOTTOM), box(5, (320, 140, 260, 240), TOP)
    )
    assert findings(record, "bottom-covers-top") == []


def test_sleeve_boxed_separately_found():
    record = image(box(1, (200, 100, 400, 300), TOP), box(2, (210, 120, 80, 200), TOP))
    found = findings(record, "sleeve-boxed-separately")
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert found[0].box_ids == (1, 2)
    assert found[0].rule == 7
    assert "Top box 2 lies inside top box 1." in found[0].message


def test_two_sleeves_boxed_separately():
    record = image(
        box(1, (200, 100, 400, 300), TOP),
        box(3, (500, 120, 80, 200), TOP),
        box(2, (210, 120, 80, 200), TOP),
    )
    found = findings(record, "sleeve-boxed-separately")
    assert [f.box_ids for f in found] == [(1, 2, 3)]
    assert "Top boxes 2, 3 lie inside top box 1." in found[0].message
    assert findings(record, "group-box") == []


def test_two_tops_side_by_side_pass():
    record = image(box(1, (0, 100, 400, 300), TOP), box(2, (420, 100, 400, 300), TOP))
    assert findings(record, "sleeve-boxed-separately") == []
