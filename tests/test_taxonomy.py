import pytest
from pydantic import ValidationError

from shopbox.taxonomy import Category, Taxonomy, default_taxonomy


def test_default_taxonomy_has_36_categories():
    taxonomy = default_taxonomy()
    assert [c.id for c in taxonomy.categories] == list(range(1, 37))
    assert taxonomy.by_id(36).name == "other"
    assert taxonomy.by_id(6).supercategory == "apparel"
    assert taxonomy.by_id(35).name == "woman"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sunglasses", "glasses"),
        ("shampoo", "cosmetics"),
        ("Shampoo ", "cosmetics"),
        ("sneakers", "shoes"),
        ("rice cooker", "kitchen appliance"),
        ("lipstick", "makeup"),
        ("beer", "beer"),
        ("vitamin gummies", "vitamin"),
        ("t-shirt", "top"),
    ],
)
def test_resolve_free_text(text, expected):
    assert default_taxonomy().resolve(text).name == expected


def test_search_prefix_lists_definition():
    matches = default_taxonomy().search("sung")
    assert matches[0].category.name == "glasses"
    assert matches[0].term == "sunglasses"
    assert "sunglasses" in matches[0].category.definition


def test_search_empty_lists_all_in_order():
    matches = default_taxonomy().search("", limit=100)
    assert [m.category.id for m in matches] == list(range(1, 37))


def test_resolve_unknown_returns_none():
    assert default_taxonomy().resolve("zzqx") is None


def test_duplicate_category_id_rejected():
    with pytest.raises(ValidationError) as info:
        Taxonomy(
            categories=[
                Category(id=1, name="a", supercategory="s"),
                Category(id=1, name="b", supercategory="s"),
            ]
        )
    assert "categories[1].id 1 repeats categories[0].id" in str(info.value)


@pytest.mark.parametrize("text", ["shoe tree", "wooden shoe tree", "shoe horn"])
def test_shoe_care_items_are_not_shoes(text):
    taxonomy = default_taxonomy()
    found = taxonomy.resolve(text)
    assert found is None or found.name != "shoes"
    assert taxonomy.match_phrase(text) is None
