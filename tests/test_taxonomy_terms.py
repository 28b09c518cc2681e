"""Free-text terms that the category picker must resolve to one category."""

import json

import pytest

from shopbox.cli import schema_text
from shopbox.taxonomy import default_taxonomy

from .conftest import ROOT

TERMS = [
    # Drinks: beer is never wine, and neither are ginger drinks.
    ("beer", "beer"),
    ("beers", "beer"),
    ("craft beer", "beer"),
    ("lager", "beer"),
    ("wheat beer", "beer"),
    ("root beer", "soft drink"),
    ("ginger beer", "soft drink"),
    ("ginger ale", "soft drink"),
    ("red wine", "wine"),
    ("wine", "wine"),
    ("whisky", "wine"),
    ("gin", "wine"),
    ("sparkling water", "soft drink"),
    ("orange juice", "soft drink"),
    ("iced tea", "soft drink"),
    ("milk", "soft drink"),
    # Beauty: makeup, washing products, skin and scent.
    ("lipstick", "makeup"),
    ("lipsticks", "makeup"),
    ("a dozen lipsticks", "makeup"),
    ("mascara", "makeup"),
    ("nail polish", "makeup"),
    ("face powder", "makeup"),
    ("shampoo", "cosmetics"),
    ("toothpaste", "cosmetics"),
    ("shower gel", "cosmetics"),
    ("bar soap", "cosmetics"),
    ("sunscreen", "skincare"),
    ("hand cream", "skincare"),
    ("face mask", "skincare"),
    ("cologne", "perfume"),
    # Apparel and accessories.
    ("sunglasses", "glasses"),
    ("reading glasses", "glasses"),
    ("glasses", "glasses"),
    ("scarf", "accessory"),
    ("silk scarf", "accessory"),
    ("gloves", "accessory"),
    ("hair clip", "accessory"),
    ("sneakers", "shoes"),
    ("running shoes", "shoes"),
    ("high heels", "shoes"),
    ("baseball cap", "hat"),
    ("leather belt", "belt"),
    ("belt bag", "bag"),
    ("backpack", "bag"),
    ("necklace", "jewelry"),
    ("earrings", "jewelry"),
    ("smartwatch", "watch"),
    ("jeans", "bottom"),
    ("t-shirt", "top"),
    ("sleeve", "top"),
    ("denim jacket", "outerwear"),
    ("socks", "underwear"),
    ("jumpsuit", "dress"),
    ("cape", "outerwear"),
    ("earmuffs", "accessory"),
    ("leg warmers", "accessory"),
    # Electronics: kitchen and small appliances are not "appliance".
    ("rice cooker", "kitchen appliance"),
    ("electric kettle", "kitchen appliance"),
    ("microwave oven", "kitchen appliance"),
    ("blender", "kitchen appliance"),
    ("hair dryer", "small appliance"),
    ("electric fan", "small appliance"),
    ("led bulb", "small appliance"),
    ("washing machine", "appliance"),
    ("mobile phone", "appliance"),
    ("fridge", "appliance"),
    ("laptop", "computer"),
    ("earbuds", "audio device"),
    # Food, supplements and formula.
    ("vitamin gummies", "vitamin"),
    ("gummy vitamins", "vitamin"),
    ("fish oil", "vitamin"),
    ("protein powder", "vitamin"),
    ("gummies", "snack"),
    ("potato chips", "snack"),
    ("steak", "food"),
    ("apple", "food"),
    ("rice", "food"),
    ("baby formula", "infant formula"),
    ("milk powder", "infant formula"),
    # Home and people.
    ("sofa", "furniture"),
    ("teddy bear", "toy"),
    ("magazine", "book"),
    ("yoga mat", "sports equipment"),
    ("female model", "woman"),
    ("man", "man"),
    ("misc", "other"),
    # Compounds: the last noun names the kind.
    ("rice wine", "wine"),
    ("pale ale", "beer"),
    ("chocolate milk", "soft drink"),
    ("milk chocolate", "snack"),
    ("fruit snacks", "snack"),
    ("sports drink", "soft drink"),
    ("shirt dress", "dress"),
    ("vitamin c serum", "skincare"),
    ("baby milk powder", "infant formula"),
    ("lip balm", "skincare"),
    ("toothbrush", "cosmetics"),
    ("electric toothbrush", "small appliance"),
    ("ring light", "small appliance"),
]


def test_term_table_is_large():
    assert len(TERMS) >= 60
    assert len({term for term, _ in TERMS}) == len(TERMS)


@pytest.mark.parametrize(("term", "expected"), TERMS, ids=[t for t, _ in TERMS])
def test_term_resolves(term, expected):
    category = default_taxonomy().resolve(term)
    assert category is not None
    assert category.name == expected


@pytest.mark.parametrize("term", ["beer", "craft beer", "ginger beer", "beer glass"])
def test_beer_never_wine(term):
    names = [m.category.name for m in default_taxonomy().search(term, limit=36)]
    assert "wine" not in names


@pytest.mark.parametrize("term", ["wine glass", "beer glass", "zzqx"])
def test_term_without_category(term):
    assert default_taxonomy().resolve(term) is None


NOTES = [
    "two red lipsticks",
    "matte red shade number 12",
    "a bottle of red wine",
    "half hidden by a bag",
    "beer glass",
    "wine glass with ginger ale",
    "ceramic vase",
]


@pytest.mark.parametrize("text", [t for t, _ in TERMS] + NOTES)
def test_match_phrase_agrees_with_search(text):
    taxonomy = default_taxonomy()
    found = taxonomy.search(text, limit=1)
    expected = found[0] if found and found[0].score >= 500 else None
    assert taxonomy.match_phrase(text) == expected


def test_default_ids_names_unchanged():
    taxonomy = default_taxonomy()
    pairs = [(c.id, c.name, c.supercategory) for c in taxonomy.categories]
    assert len(pairs) == 36
    assert pairs[0] == (1, "top", "apparel")
    assert pairs[13] == (14, "makeup", "beauty")
    assert pairs[19] == (20, "kitchen appliance", "electronics")
    assert pairs[35] == (36, "other", "other")


def test_committed_taxonomy_schema_is_current():
    committed = (ROOT / "docs" / "taxonomy.schema.json").read_text("utf-8")
    assert json.loads(committed)["title"] == "Taxonomy"
    assert committed == schema_text("taxonomy"), (
        "docs/taxonomy.schema.json is out of date; regenerate it with "
        "'PYTHONPATH=py python -m shopbox schema taxonomy > docs/taxonomy.schema.json'"
    )
