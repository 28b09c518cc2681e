"""Category taxonomy: the pydantic model, the shipped default and free-text search."""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    model_validator,
)

from .errors import validate_model

Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)
]

OTHER_NAME = "other"

# Added to the score of a term that ends the query, the compound's head noun.
HEAD_BONUS = 100


class Category(BaseModel):
    """One label that a box can carry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int = Field(ge=1, le=1_000_000)
    name: Name
    supercategory: Name
    definition: str = Field(default="", max_length=500)
    synonyms: list[Name] = Field(default_factory=list, max_length=200)
    excludes: list[Name] = Field(
        default_factory=list,
        max_length=200,
        description="Terms that never resolve to this category, even when they "
        "contain one of its names (beer is not wine).",
    )


class Taxonomy(BaseModel):
    """A named, versioned list of categories with unique ids and names."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Name = "custom"
    version: int = Field(default=1, ge=1)
    categories: list[Category] = Field(min_length=1, max_length=1000)
    _lookup: tuple[dict[int, Category], dict[str, Category]] | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _check_unique(self) -> Taxonomy:
        seen_ids: dict[int, int] = {}
        seen_names: dict[str, int] = {}
        for index, category in enumerate(self.categories):
            if category.id in seen_ids:
                raise ValueError(
                    f"categories[{index}].id {category.id} repeats "
                    f"categories[{seen_ids[category.id]}].id; ids must be unique"
                )
            key = category.name.casefold()
            if key in seen_names:
                raise ValueError(
                    f"categories[{index}].name {category.name!r} repeats "
                    f"categories[{seen_names[key]}].name; names must be unique"
                )
            seen_ids[category.id] = index
            seen_names[key] = index
        # Built here rather than on first use, so that two equal taxonomies
        # also have equal private state and compare equal.
        self._lookup = (
            {c.id: c for c in self.categories},
            {_normalize(c.name): c for c in self.categories},
        )
        return self

    def by_id(self, category_id: int) -> Category | None:
        return self._index()[0].get(category_id)

    def by_name(self, name: str) -> Category | None:
        return self._index()[1].get(_normalize(name))

    def _index(self) -> tuple[dict[int, Category], dict[str, Category]]:
        return self._lookup

    def search(self, text: str, limit: int = 10) -> list[Match]:
        """Rank categories for free text typed into the picker.

        An empty query lists every category in taxonomy order. Otherwise each
        category scores by its best term (name or synonym): an exact match
        beats a whole phrase inside the query (more so at its end), which beats
        a prefix, which beats a substring. A category whose excludes appear in
        the query as whole words is dropped.
        """
        query = _normalize(text)
        if not query:
            return [Match(category=c, score=0, term=c.name) for c in self.categories][
                :limit
            ]
        matches = []
        for category in self.categories:
            if any(_contains_phrase(query, _normalize(x)) for x in category.excludes):
                continue
            best: Match | None = None
            for term in [category.name, *category.synonyms]:
                score = _score(query, _normalize(term))
                if score and (best is None or score > best.score):
                    best = Match(category=category, score=score, term=term)
            if best is not None:
                matches.append(best)
        matches.sort(key=lambda m: (-m.score, m.category.id))
        return matches[:limit]

    def resolve(self, text: str) -> Category | None:
        """Return the best category for free text, or None when nothing matches."""
        found = self.search(text, limit=1)
        return found[0].category if found else None


class Match(BaseModel):
    """A search hit: the category, its score and the term that matched."""

    category: Category
    score: int
    term: str


def _normalize(text: str) -> str:
    text = text.casefold().replace("_", " ").replace("-", " ")
    return re.sub(r"\s+", " ", text).strip()


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _stems(text: str) -> list[str]:
    return [_stem(w) for w in text.split(" ") if w]


def _phrase_end(query: str, phrase: str) -> int | None:
    """Return how many words of the query follow the phrase, or None if absent."""
    words, target = _stems(query), _stems(phrase)
    if not target:
        return None
    n = len(target)
    for start in range(len(words) - n, -1, -1):
        if words[start : start + n] == target:
            return len(words) - n - start
    return None


def _contains_phrase(query: str, phrase: str) -> bool:
    return _phrase_end(query, phrase) is not None


def contains_phrase(text: str, phrase: str) -> bool:
    """Tell whether a phrase occurs in text as whole words, plurals folded.

    >>> contains_phrase("two red lipsticks", "lipstick")
    True
    >>> contains_phrase("ginger ale", "gin")
    False
    """
    return _contains_phrase(_normalize(text), _normalize(phrase))


def _score(query: str, term: str) -> int:
    """Score how well a normalized term matches a normalized query (0 = no match).

    A longer phrase found inside the query outranks a shorter one, so
    "rice cooker" beats "rice" and "vitamin gummies" beats "gummies". A phrase
    that ends the query outranks one earlier in it, because an English compound
    names its kind last: "rice wine" is wine and "chocolate milk" is a drink.
    """
    if query == term or _stems(query) == _stems(term):
        return 1000
    words_after = _phrase_end(query, term)
    if words_after is not None:
        return 500 + len(term) + (HEAD_BONUS if words_after == 0 else 0)
    if term.startswith(query):
        return 300 + len(query)
    if any(word.startswith(query) for word in term.split(" ")):
        return 200 + len(query)
    if len(query) >= 3 and query in term:
        return 100 + len(query)
    return 0


def load_taxonomy(data: object, path: str = "") -> Taxonomy:
    """Validate a decoded taxonomy, raising ShopboxError with field paths.

    Raises:
        ShopboxError: ``invalid-taxonomy`` with one problem per bad field.
    """
    return validate_model(
        Taxonomy, data, "invalid-taxonomy", "The taxonomy is not valid.", path
    )


@functools.cache
def default_taxonomy() -> Taxonomy:
    """Load the shipped taxonomy: 35 product categories and "other"."""
    text = resources.files("shopbox").joinpath("data/taxonomy.json").read_text("utf-8")
    return Taxonomy.model_validate(json.loads(text))
