"""CSV export and import: RFC 4180 quoting and exact round trips."""

import csv
import io

import pytest

from shopbox.errors import ShopboxError
from shopbox.formats import csv_table
from shopbox.formats.csv_table import CSV_COLUMNS
from shopbox.taxonomy import Category, Taxonomy

from .formats_support import make_project, three_images

TRICKY = 'Shoes, women\'s "heels"'


def tricky_project():
    project = make_project(("shelf/1.jpg", 300, 200, [(1, (10.5, 20, 30, 40))]))
    taxonomy = Taxonomy(
        categories=[Category(id=1, name=TRICKY, supercategory="footwear")]
    )
    project.taxonomy = taxonomy
    project.images[0].boxes[0].note = "line one\nline two"
    return project


def test_quoted_category_round_trips():
    first = csv_table.export(tricky_project()).content
    assert b'"Shoes, women\'s ""heels"""' in first
    result = csv_table.import_file(first)
    assert result.warnings == []
    assert result.project.taxonomy.categories[0].name == TRICKY
    assert result.project.images[0].boxes[0].note == "line one\nline two"
    assert csv_table.export(result.project).content == first


def test_same_columns_every_row():
    text = csv_table.export(three_images()).content.decode()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(CSV_COLUMNS)
    assert {len(row) for row in rows} == {len(CSV_COLUMNS)}
    assert len(rows) == 1 + 3 + 1  # header, three boxes, the empty image
    assert rows[4][:6] == ["3", "c.jpg", "100", "100", "done", ""]
    assert text.endswith("\r\n")


def test_round_trip_three_images():
    first = csv_table.export(three_images()).content
    result = csv_table.import_file(first)
    assert [len(i.boxes) for i in result.project.images] == [2, 1, 0]
    assert result.project.images[2].status == "done"
    assert csv_table.export(result.project).content == first


def test_missing_column_rejected():
    with pytest.raises(ShopboxError) as info:
        csv_table.import_file(b"image_id,file_name\n1,a.jpg\n")
    [problem] = info.value.problems
    assert problem.path == "header"
    assert "width" in problem.message


def test_bad_number_names_row_and_column():
    text = csv_table.export(three_images()).content.decode()
    text = text.replace(",10,20,100,60,", ",10,twenty,100,60,")
    with pytest.raises(ShopboxError) as info:
        csv_table.import_file(text.encode())
    [problem] = info.value.problems
    assert problem.path == "rows[1].y"
    assert problem.value == "twenty"


def test_short_row_rejected():
    header = ",".join(CSV_COLUMNS)
    with pytest.raises(ShopboxError) as info:
        csv_table.import_file(f"{header}\r\n1,a.jpg,10\r\n".encode())
    [problem] = info.value.problems
    assert problem.path == "rows[1]"
    assert problem.code == "invalid-row"
