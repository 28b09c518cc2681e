"""Run the examples in the format and geometry docstrings."""

import doctest
import importlib

import pytest

MODULES = [
    "shopbox.geometry",
    "shopbox.formats",
    "shopbox.formats.coco",
    "shopbox.formats.crops",
    "shopbox.formats.foreign",
    "shopbox.formats.image_header",
    "shopbox.formats.labelstudio",
    "shopbox.formats.safe_xml",
    "shopbox.formats.voc",
    "shopbox.formats.yaml_names",
    "shopbox.formats.yolo",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0
