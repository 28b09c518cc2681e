"""Label rules: every box has a category, and the category fits its note."""

from __future__ import annotations

from ..taxonomy import OTHER_NAME, Category, contains_phrase
from .registry import ImageContext, rule

# Scores from Taxonomy.match_phrase: 1000 for an exact term, 500 and up for a
# whole term found inside the text.
EXACT_SCORE = 1000
PHRASE_SCORE = 500


@rule("unlabeled-box", severity="error", guide_rule=1)
def unlabeled(context: ImageContext, config):
    for rect in context.by_category.get(None, []):
        yield (
            (rect.box.id,),
            f"Box {rect.box.id} has no category. Pick one of the "
            f"{len(context.taxonomy.categories)} categories, or '{OTHER_NAME}' "
            "with a note.",
        )


@rule("gender-not-confirmed", severity="error", guide_rule=8)
def gender(context: ImageContext, config):
    for name in ("man", "woman"):
        for rect in context.named(name):
            if rect.box.face_and_body_visible is True:
                continue
            state = (
                "not set"
                if rect.box.face_and_body_visible is None
                else "marked as not visible"
            )
            yield (
                (rect.box.id,),
                f"Box {rect.box.id} is labeled {name}, but its face and body "
                f"visibility is {state}. Tick 'face and body visible' once both "
                f"are clearly seen. Until then, label the person '{OTHER_NAME}' "
                "with the note 'person'.",
            )


@rule("other-without-note", severity="error", guide_rule=9)
def other_without_note(context: ImageContext, config):
    for rect in context.named(OTHER_NAME):
        if not rect.box.note.strip():
            yield (
                (rect.box.id,),
                f"Box {rect.box.id} is labeled '{OTHER_NAME}' without a note. "
                "Write in the note what the object is.",
            )


def _match(context: ImageContext, text: str, min_score: int) -> Category | None:
    found = context.taxonomy.match_phrase(text)
    if found and found.score >= min_score:
        return found.category
    return None


@rule("other-matches-category", severity="warning", guide_rule=9)
def other_matches(context: ImageContext, config):
    for rect in context.named(OTHER_NAME):
        note = rect.box.note.strip()
        category = _match(context, note, PHRASE_SCORE) if note else None
        if category is not None and category.name != OTHER_NAME:
            yield (
                (rect.box.id,),
                f"Box {rect.box.id} is labeled '{OTHER_NAME}', but its note "
                f"{note!r} names the category '{category.name}'. '{OTHER_NAME}' is "
                f"only for objects outside the categories: relabel it "
                f"'{category.name}'.",
            )


@rule("note-suggests-category", severity="warning", guide_rule=10)
def note_suggests(context: ImageContext, config):
    for rect in context.rects:
        note = rect.box.note.strip()
        category = context.taxonomy.by_id(rect.box.category_id or 0)
        if not note or category is None or category.name == OTHER_NAME:
            continue
        excluded = next(
            (x for x in category.excludes if contains_phrase(note, x)), None
        )
        better = _match(context, note, PHRASE_SCORE if excluded else EXACT_SCORE)
        if better is None or better.id == category.id:
            continue
        reason = (
            f"'{category.name}' excludes {excluded!r}"
            if excluded
            else f"the note names the category '{better.name}'"
        )
        yield (
            (rect.box.id,),
            f"Box {rect.box.id} is labeled '{category.name}' with the note "
            f"{note!r}, but {reason}. Relabel it '{better.name}' or fix the note.",
        )
