"""Zip reading limits and deterministic writing."""

import io
import zipfile

import pytest

from shopbox.errors import ShopboxError
from shopbox.formats import safe_zip
from shopbox.formats.safe_zip import read_zip, write_zip


def test_write_is_deterministic():
    members = [("b.txt", b"2"), ("a/x.txt", b"1" * 1000)]
    assert write_zip(members) == write_zip(members)
    assert zipfile.ZipFile(io.BytesIO(write_zip(members))).namelist() == [
        "b.txt",
        "a/x.txt",
    ]


def test_high_ratio_rejected():
    # 8 MB of zeros deflate to about 8 KB: a ratio near 1000.
    bomb = write_zip([("labels/a.txt", bytes(8 * 1024 * 1024))])
    with pytest.raises(ShopboxError) as info:
        read_zip(bomb)
    assert info.value.code == "zip-too-large"
    assert "ratio limit is 200" in info.value.problems[0].message


def test_total_size_limit(monkeypatch):
    monkeypatch.setattr(safe_zip, "MAX_TOTAL_BYTES", 1000)
    content = write_zip([("a.txt", bytes(range(256)) * 3), ("b.txt", b"x" * 300)])
    with pytest.raises(ShopboxError) as info:
        read_zip(content)
    assert info.value.code == "zip-too-large"


def test_entry_count_limit(monkeypatch):
    monkeypatch.setattr(safe_zip, "MAX_ENTRIES", 3)
    content = write_zip([(f"{i}.txt", b"") for i in range(4)])
    with pytest.raises(ShopboxError) as info:
        read_zip(content)
    assert "4 files, the limit is 3" in info.value.problems[0].message


def test_truncated_zip_rejected():
    content = write_zip([("a.txt", b"hello" * 100)])
    with pytest.raises(ShopboxError) as info:
        read_zip(content[: len(content) // 2])
    assert info.value.code == "invalid-zip"
