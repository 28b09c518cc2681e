"""Read an image's displayed size from its file header, without decoding pixels.

Used when an import carries the images but not their sizes (a YOLO dataset
zip). Reads PNG, JPEG (with its EXIF orientation), GIF, BMP and WebP. The size
is as displayed: EXIF orientations 5 to 8 rotate by 90 degrees, so width and
height swap, as browsers do.
"""

from __future__ import annotations

import struct

_JPEG_SOF = {
    0xC0,
    0xC1,
    0xC2,
    0xC3,
    0xC5,
    0xC6,
    0xC7,
    0xC9,
    0xCA,
    0xCB,
    0xCD,
    0xCE,
    0xCF,
}
_ROTATED = {5, 6, 7, 8}


def image_size(content: bytes) -> tuple[int, int] | None:
    """Return ``(width, height)`` as displayed, or None if the header is unknown.

    >>> image_size(b"GIF89a\\x40\\x01\\xf0\\x00" + bytes(8))
    (320, 240)
    """
    try:
        if content.startswith(b"\x89PNG\r\n\x1a\n") and content[12:16] == b"IHDR":
            return struct.unpack(">II", content[16:24])
        if content.startswith(b"\xff\xd8"):
            return _jpeg_size(content)
        if content[:6] in (b"GIF87a", b"GIF89a"):
            return struct.unpack("<HH", content[6:10])
        if content.startswith(b"BM"):
            width, height = struct.unpack("<ii", content[18:26])
            return (abs(width), abs(height))
        if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
            return _webp_size(content)
    except struct.error:
        return None
    return None


def _jpeg_size(content: bytes) -> tuple[int, int] | None:
    position = 2
    orientation = 1
    size = None
    while position + 4 <= len(content) and size is None:
        if content[position] != 0xFF:
            return None
        marker = content[position + 1]
        if marker == 0xFF:
            # Fill byte before a marker.
            position += 1
            continue
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:
            position += 2
            continue
        (length,) = struct.unpack(">H", content[position + 2 : position + 4])
        segment = content[position + 4 : position + 2 + length]
        if marker == 0xE1 and segment.startswith(b"Exif\x00\x00"):
            orientation = _exif_orientation(segment[6:]) or orientation
        elif marker in _JPEG_SOF:
            height, width = struct.unpack(">HH", segment[1:5])
            size = (width, height)
        elif marker == 0xDA:
            return None
        position += 2 + length
    if size is None:
        return None
    return (size[1], size[0]) if orientation in _ROTATED else size


def _exif_orientation(tiff: bytes) -> int | None:
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None:
        return None
    (offset,) = struct.unpack(order + "I", tiff[4:8])
    (count,) = struct.unpack(order + "H", tiff[offset : offset + 2])
    for index in range(count):
        entry = tiff[offset + 2 + index * 12 : offset + 14 + index * 12]
        tag, kind = struct.unpack(order + "HH", entry[:4])
        if tag == 0x0112 and kind == 3:
            return struct.unpack(order + "H", entry[8:10])[0]
    return None


def _webp_size(content: bytes) -> tuple[int, int] | None:
    chunk = content[12:16]
    if chunk == b"VP8X":
        width = int.from_bytes(content[24:27], "little") + 1
        height = int.from_bytes(content[27:30], "little") + 1
        return (width, height)
    if chunk == b"VP8L":
        bits = int.from_bytes(content[21:25], "little")
        return ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", content[26:30])
        return (width & 0x3FFF, height & 0x3FFF)
    return None
