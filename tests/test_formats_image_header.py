"""Image sizes read from file headers, checked against Pillow."""

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from shopbox.formats.image_header import image_size

# EXIF orientations 5 to 8 turn the picture by 90 degrees.
ROTATED = {5, 6, 7, 8}


def pillow_size(content: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(content)) as image:
        width, height = image.size
        orientation = image.getexif().get(0x0112, 1)
    return (height, width) if orientation in ROTATED else (width, height)


def test_real_jpegs_match_pillow(shared_data):
    paths = sorted(shared_data.rglob("*.jpg"))
    assert len(paths) > 20
    for path in paths:
        content = path.read_bytes()
        assert image_size(content) == pillow_size(content), path.name


def test_exif_orientation_swaps(shared_data):
    # The nine files store one landscape photo with orientations 0 to 8, so
    # files 5 to 8 keep it as a portrait 1200x1800 and rotate it on display.
    folder = shared_data / "exif-orientation-examples"
    sizes = [image_size((folder / f"Landscape_{n}.jpg").read_bytes()) for n in range(9)]
    assert sizes == [(1800, 1200)] * 9
    with Image.open(folder / "Landscape_6.jpg") as stored:
        assert stored.size == (1200, 1800)


@pytest.mark.parametrize(
    ("kind", "options"),
    [
        ("PNG", {}),
        ("GIF", {}),
        ("BMP", {}),
        ("WEBP", {"lossless": True}),
        ("WEBP", {"lossless": False}),
    ],
)
def test_other_kinds(kind, options):
    buffer = io.BytesIO()
    Image.new("RGB", (321, 123)).save(buffer, kind, **options)
    assert image_size(buffer.getvalue()) == (321, 123)


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff\xd8", b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00MM", b"GIF89a", b"text"],
)
def test_damaged_header_is_none(content):
    assert image_size(content) is None


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(
    st.sampled_from([b"\xff\xd8", b"\x89PNG\r\n\x1a\n", b"GIF89a", b"BM", b"RIFF"]),
    st.binary(max_size=64),
)
def test_any_bytes_after_magic_never_raise(magic, tail):
    size = image_size(magic + tail)
    assert size is None or (isinstance(size[0], int) and isinstance(size[1], int))
