"""Image-level rules: review status, classification and checklist prompts."""

from __future__ import annotations

from .registry import ImageContext, rule


@rule("image-not-classified", severity="error", guide_rule=None)
def not_classified(context: ImageContext, config):
    image = context.image
    if image.status != "done":
        return
    missing = []
    if not (image.shot_type or "").strip():
        missing.append("shot type")
    if image.main_category_id is None:
        missing.append("main category")
    if missing:
        yield (
            (),
            f"Image {image.file_name} is marked done but has no "
            f"{' and no '.join(missing)}. Set "
            f"{'them' if len(missing) > 1 else 'it'} before marking it done.",
        )


@rule("done-image-without-boxes", severity="error", guide_rule=1)
def done_without_boxes(context: ImageContext, config):
    image = context.image
    if image.status == "done" and not image.boxes:
        yield (
            (),
            f"Image {image.file_name} is marked done but has no boxes. Box every "
            "object, or set the status to no-objects if the image is truly empty.",
        )


@rule("boxes-on-empty-image", severity="error", guide_rule=1)
def boxes_on_empty(context: ImageContext, config):
    image = context.image
    if image.status == "no-objects" and image.boxes:
        ids = tuple(sorted(box.id for box in image.boxes))
        yield (
            ids,
            f"Image {image.file_name} is marked no-objects but has {len(ids)} "
            "boxes. Set the status to done, or delete the boxes.",
        )


@rule("check-worn-jewelry", severity="warning", guide_rule=4)
def worn_jewelry(context: ImageContext, config):
    people = context.named("man") + context.named("woman")
    if not people or context.named("jewelry"):
        return
    ids = tuple(sorted(rect.box.id for rect in people))
    noun = "box" if len(ids) == 1 else "boxes"
    yield (
        ids,
        f"Image {context.image.file_name} shows a person ({noun} "
        f"{', '.join(str(i) for i in ids)}) but has no jewelry box. Check for a "
        "worn necklace, ring, bracelet or earring and box each one.",
    )
