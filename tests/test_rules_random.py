"""Rules on random images: no exception, and findings name only real boxes."""

from hypothesis import given, settings
from hypothesis import strategies as st

from shopbox.models import Box, ImageRecord, Project
from shopbox.rules import RULES, check_image

BOXES = st.lists(
    st.tuples(
        st.sampled_from([None, 1, 2, 6, 12, 14, 15, 34, 35, 36]),
        st.integers(-20, 300),
        st.integers(-20, 300),
        st.integers(1, 200),
        st.integers(1, 200),
        st.sampled_from(["", "lipstick", "red lipstick", "vase", "two shoes"]),
        st.sampled_from([None, True, False]),
    ),
    max_size=30,
)


@settings(derandomize=True, max_examples=200, deadline=None)
@given(BOXES, st.sampled_from(["todo", "done", "skipped", "no-objects"]))
def test_random_image_findings_are_consistent(rows, status):
    boxes = [
        Box(
            id=i + 1,
            category_id=category,
            bbox=(x, y, w, h),
            note=note,
            face_and_body_visible=visible,
        )
        for i, (category, x, y, w, h, note, visible) in enumerate(rows)
    ]
    record = ImageRecord(
        id=3, file_name="r.jpg", width=256, height=256, status=status, boxes=boxes
    )
    findings = check_image(record, Project(images=[record]))
    ids = {b.id for b in boxes}
    for finding in findings:
        assert finding.code in RULES
        assert finding.image_id == 3
        assert set(finding.box_ids) <= ids
        assert finding.severity == RULES[finding.code].severity
        assert finding.message
