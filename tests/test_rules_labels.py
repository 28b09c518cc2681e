from .rule_cases import COSMETICS, MAKEUP, MAN, OTHER, WOMAN, box, findings, image


def test_unlabeled_box_found():
    found = findings(image(box(3, (10, 10, 50, 50), None)), "unlabeled-box")
    assert len(found) == 1
    assert found[0].severity == "error"
    assert found[0].box_ids == (3,)
    assert found[0].rule == 1


def test_labeled_box_passes():
    assert findings(image(box(3, (10, 10, 50, 50))), "unlabeled-box") == []


def test_gender_not_confirmed_when_unset():
    found = findings(image(box(8, (10, 10, 300, 700), WOMAN)), "gender-not-confirmed")
    assert len(found) == 1
    assert found[0].severity == "error"
    assert found[0].image_id == 7
    assert found[0].box_ids == (8,)
    assert found[0].rule == 8
    assert "visibility is not set" in found[0].message


def test_gender_not_confirmed_when_false():
    record = image(box(8, (10, 10, 300, 700), MAN, face_and_body_visible=False))
    found = findings(record, "gender-not-confirmed")
    assert [f.box_ids for f in found] == [(8,)]
    assert "marked as not visible" in found[0].message


def test_gender_confirmed_passes():
    record = image(box(8, (10, 10, 300, 700), MAN, face_and_body_visible=True))
    assert findings(record, "gender-not-confirmed") == []


def test_other_without_note_found():
    record = image(box(4, (10, 10, 50, 50), OTHER, note="  "))
    found = findings(record, "other-without-note")
    assert len(found) == 1
    assert found[0].severity == "error"
    assert found[0].box_ids == (4,)
    assert found[0].rule == 9


def test_other_with_note_passes():
    record = image(box(4, (10, 10, 50, 50), OTHER, note="ceramic vase"))
    assert findings(record, "other-without-note") == []
    assert findings(record, "other-matches-category") == []


def test_other_matches_category_found():
    record = image(box(4, (10, 10, 50, 50), OTHER, note="two lipsticks"))
    found = findings(record, "other-matches-category")
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert found[0].box_ids == (4,)
    assert found[0].rule == 9
    assert "relabel it 'makeup'" in found[0].message


def test_note_hits_category_excludes():
    record = image(box(5, (10, 10, 50, 50), COSMETICS, note="red lipstick"))
    found = findings(record, "note-suggests-category")
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert found[0].box_ids == (5,)
    assert found[0].rule == 10
    assert "'cosmetics' excludes 'lipstick'" in found[0].message


def test_note_names_other_category():
    record = image(box(5, (10, 10, 50, 50), MAKEUP, note="shampoo"))
    found = findings(record, "note-suggests-category")
    assert [f.box_ids for f in found] == [(5,)]
    assert "names the category 'cosmetics'" in found[0].message


def test_descriptive_note_passes():
    # The note mentions a bag, but only as the thing that hides the lipstick.
    record = image(box(5, (10, 10, 50, 50), MAKEUP, note="half hidden by a bag"))
    assert findings(record, "note-suggests-category") == []
