"""Category taxonomy: the pydantic model, the shipped default and free-text search."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Annotated, NamedTuple

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
    _lookup: _Index | None = PrivateAttr(None)

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
        self._lookup = _Index.build(self.categories)
        return self

    def by_id(self, category_id: int) -> Category | None:
        return self._index().by_id.get(category_id)

    def by_name(self, name: str) -> Category | None:
        return self._index().by_name.get(_normalize(name))

    def _index(self) -> _Index:
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
        words = _stems(query)
        matches = []
        for category, terms, excludes in self._index().entries:
            if any(_phrase_end(words, x) is not None for x in excludes):
                continue
            best_score, best_term = 0, ""
            for term in terms:
                score = _score(query, words, term)
                if score > best_score:
                    best_score, best_term = score, term.text
            if best_score:
                matches.append(
                    Match(category=category, score=best_score, term=best_term)
                )
        matches.sort(key=lambda m: (-m.score, m.category.id))
        return matches[:limit]

    def match_phrase(self, text: str) -> Match | None:
        """Return the best category whose name or synonym occurs in the text.

        Scores as ``search`` does, but only whole-word matches count (score
        500 and up), which suits free-text notes. A lookup by word keeps this
        fast for long text: it does not scan every term as ``search`` must
        for prefixes.
        """
        words = _stems(_normalize(text))
        index = self._index()
        best: tuple[int, int, Category, str] | None = None
        for start, word in enumerate(words):
            for category, term in index.phrases.get(word, ()):
                end = start + len(term.stems)
                if words[start:end] != term.stems:
                    continue
                if end - start == len(words):
                    score = 1000
                else:
                    bonus = HEAD_BONUS if end == len(words) else 0
                    score = 500 + len(term.normalized) + bonus
                candidate = (-score, category.id, category, term.text)
                better = best is None or candidate[:2] < best[:2]
                if better and not index.excluded(category, words):
                    best = candidate
        if best is None:
            return None
        return Match(category=best[2], score=-best[0], term=best[3])

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


def _stems(text: str) -> tuple[str, ...]:
    return tuple(_stem(w) for w in text.split(" ") if w)


class _Term(NamedTuple):
    """A category name or synonym, normalized and stemmed once for search."""

    text: str
    normalized: str
    words: tuple[str, ...]
    stems: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> _Term:
        normalized = _normalize(text)
        return cls(text, normalized, tuple(normalized.split(" ")), _stems(normalized))


@dataclass(frozen=True)
class _Index:
    """Lookup tables and prepared search terms of one taxonomy."""

    by_id: dict[int, Category]
    by_name: dict[str, Category]
    entries: list[tuple[Category, list[_Term], list[tuple[str, ...]]]]
    phrases: dict[str, list[tuple[Category, _Term]]]
    excludes_by_id: dict[int, list[tuple[str, ...]]]

    @classmethod
    def build(cls, categories: list[Category]) -> _Index:
        entries = [
            (
                c,
                [_Term.of(t) for t in [c.name, *c.synonyms]],
                [_stems(_normalize(x)) for x in c.excludes],
            )
            for c in categories
        ]
        phrases: dict[str, list[tuple[Category, _Term]]] = {}
        for category, terms, _ in entries:
            for term in terms:
                if term.stems:
                    phrases.setdefault(term.stems[0], []).append((category, term))
        return cls(
            {c.id: c for c in categories},
            {_normalize(c.name): c for c in categories},
            entries,
            phrases,
            {c.id: excludes for c, _, excludes in entries},
        )

    def excluded(self, category: Category, words: tuple[str, ...]) -> bool:
        """Tell whether one of the category's excludes occurs in the words."""
        excludes = self.excludes_by_id[category.id]
        return any(_phrase_end(words, x) is not None for x in excludes)


def _phrase_end(words: tuple[str, ...], target: tuple[str, ...]) -> int | None:
    """Return how many words follow the last run of ``target`` in ``words``.

    Returns None when the phrase does not occur as whole words.
    """
    n = len(target)
    if not n or target[0] not in words:
        return None
    for start in range(len(words) - n, -1, -1):
        if words[start : start + n] == target:
            return len(words) - n - start
    return None


def contains_phrase(text: str, phrase: str) -> bool:
    """Tell whether a phrase occurs in text as whole words, plurals folded.

    >>> contains_phrase("two red lipsticks", "lipstick")
    True
    >>> contains_phrase("ginger ale", "gin")
    False
    """
    found = _phrase_end(_stems(_normalize(text)), _stems(_normalize(phrase)))
    return found is not None


def _score(query: str, words: tuple[str, ...], term: _Term) -> int:
    """Score how well a term matches a normalized query (0 = no match).

    ``words`` are the query's stems. A longer phrase found inside the query
    outranks a shorter one, so "rice cooker" beats "rice" and "vitamin
    gummies" beats "gummies". A phrase that ends the query outranks one
    earlier in it, because an English compound names its kind last: "rice
    wine" is wine and "chocolate milk" is a drink.
    """
    if query == term.normalized or words == term.stems:
        return 1000
    words_after = _phrase_end(words, term.stems)
    if words_after is not None:
        bonus = HEAD_BONUS if words_after == 0 else 0
        return 500 + len(term.normalized) + bonus
    # Every remaining kind of match has the whole query inside the term.
    if query not in term.normalized:
        return 0
    if term.normalized.startswith(query):
        return 300 + len(query)
    if any(word.startswith(query) for word in term.words):
        return 200 + len(query)
    if len(query) >= 3:
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
