"""Pascal VOC zips, read back with globox, supervision and datumaro."""

import pytest

from shopbox.errors import ShopboxError
from shopbox.formats import voc
from shopbox.formats.safe_zip import write_zip

from .formats_support import (
    make_project,
    three_images,
    unzip,
    write_images,
    zip_members,
)


def voc_xml(boxes: str, width=100, height=100, name="a.jpg") -> bytes:
    return f"""<annotation><filename>{name}</filename>
<size><width>{width}</width><height>{height}</height><depth>3</depth></size>
{boxes}</annotation>""".encode()


def voc_object(xmin, ymin, xmax, ymax, name="top") -> str:
    return (
        f"<object><name>{name}</name><bndbox><xmin>{xmin}</xmin><ymin>{ymin}</ymin>"
        f"<xmax>{xmax}</xmax><ymax>{ymax}</ymax></bndbox></object>"
    )


def bndbox_values(content: bytes, file_name="Annotations/a.xml") -> list[str]:
    from xml.etree.ElementTree import fromstring

    root = fromstring(zip_members(content)[file_name])
    return [
        [node.findtext(f"bndbox/{tag}") for tag in ("xmin", "ymin", "xmax", "ymax")]
        for node in root.iter("object")
    ]


def test_voc_one_based_corners_to_coco():
    result = voc.import_file(voc_xml(voc_object(1, 1, 100, 100)))
    assert result.project.images[0].boxes[0].bbox == (0, 0, 100, 100)
    assert result.warnings == []
    assert bndbox_values(voc.export(result.project).content) == [
        ["1", "1", "100", "100"]
    ]


def test_voc_xmin_0_clamps_not_minus_1():
    result = voc.import_file(voc_xml(voc_object(0, 5, 50, 60)))
    box = result.project.images[0].boxes[0]
    assert box.bbox == (0, 4, 50, 56)
    [warning] = result.warnings
    assert warning.code == "box-clamped"
    assert warning.value == [-1, 4, 51, 56]


def test_coco_box_exports_to_voc_max():
    project = make_project(("a.jpg", 640, 480, [(1, (150, 220, 80, 45))]))
    assert bndbox_values(voc.export(project).content) == [["151", "221", "230", "265"]]


def test_xmax_past_width_clamped_with_warning():
    result = voc.import_file(voc_xml(voc_object(600, 10, 650, 40), 640, 480))
    assert result.project.images[0].boxes[0].bbox == (599, 9, 41, 31)
    [warning] = result.warnings
    assert warning.code == "box-clamped"
    assert warning.path == "annotation.xml:object[0].bndbox"
    assert "640x480" in warning.message


def test_xmax_below_xmin_rejected():
    with pytest.raises(ShopboxError) as info:
        voc.import_file(voc_xml(voc_object(50, 10, 40, 30)))
    [problem] = info.value.problems
    assert problem.code == "inverted-box"
    assert problem.path == "annotation.xml:object[0].bndbox.xmax"
    assert problem.value == 40
    assert "xmax 40 is less than xmin 50" in problem.message


def test_non_numeric_coordinate_rejected():
    with pytest.raises(ShopboxError) as info:
        voc.import_file(voc_xml(voc_object("1O", 1, 5, 5)))
    [problem] = info.value.problems
    assert problem.path == "annotation.xml:object[0].bndbox.xmin"
    assert problem.value == "1O"


def test_missing_size_rejected():
    content = b"<annotation><filename>a.jpg</filename></annotation>"
    with pytest.raises(ShopboxError) as info:
        voc.import_file(content)
    assert [(p.path, p.code) for p in info.value.problems] == [
        ("annotation.xml.width", "invalid-image-size"),
        ("annotation.xml.height", "invalid-image-size"),
    ]


def test_fractional_box_round_trips():
    project = make_project(("a.jpg", 640, 480, [(1, (10.25, 0.1, 33.375, 20.5))]))
    first = voc.export(project).content
    assert bndbox_values(first) == [["11.25", "1.1", "43.625", "20.6"]]
    again = voc.export(voc.import_file(first).project).content
    assert again == first


def test_round_trip_same_bytes_and_fields():
    project = three_images()
    project.images[0].boxes[0].occluded = True
    project.images[0].boxes[0].note = "tag <hidden> & folded"
    project.images[0].main_category_id = 3
    first = voc.export(project).content
    result = voc.import_file(first)
    assert result.warnings == []
    assert result.project.images == project.images
    assert voc.export(result.project).content == first


def test_nested_names_kept_apart():
    project = make_project(
        ("front/0001.jpg", 100, 100, [(1, (0, 0, 10, 10))]),
        ("back/0001.jpg", 100, 100, [(2, (5, 5, 20, 20))]),
    )
    content = voc.export(project).content
    assert "Annotations/front/0001.xml" in zip_members(content)
    imported = voc.import_file(content).project
    assert sorted((i.file_name, i.boxes[0].bbox) for i in imported.images) == [
        ("back/0001.jpg", (5, 5, 20, 20)),
        ("front/0001.jpg", (0, 0, 10, 10)),
    ]


def test_doctype_rejected():
    content = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<annotation><filename>&lol2;</filename></annotation>"""
    with pytest.raises(ShopboxError) as info:
        voc.import_file(content)
    assert info.value.code == "invalid-xml"
    assert info.value.problems[0].code == "xml-doctype"


def test_billion_laughs_in_zip_rejected():
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    content = (
        f'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY l0 "ha">{entities}]>'
        "<annotation><filename>&l9;</filename></annotation>"
    ).encode()
    with pytest.raises(ShopboxError) as info:
        voc.import_file(write_zip([("Annotations/a.xml", content)]))
    assert info.value.code == "invalid-xml"


def test_broken_xml_rejected():
    with pytest.raises(ShopboxError) as info:
        voc.import_file(b"<annotation><filename>a</annotation>")
    assert info.value.code == "invalid-xml"
    assert "line 1" in info.value.problems[0].message


# Real readers. globox and datumaro return the numbers as written (1-based);
# supervision moves xmin and ymin back by one.


def export_to_folder(tmp_path, project):
    root = unzip(voc.export(project).content, tmp_path / "voc")
    write_images(project, root / "JPEGImages")
    return root


def test_globox_reads_voc(tmp_path):
    import globox

    root = export_to_folder(tmp_path, three_images())
    annotations = globox.AnnotationSet.from_pascal_voc(root / "Annotations")
    boxes = {a.image_id: [(b.label, b.ltrb) for b in a.boxes] for a in annotations}
    assert boxes == {
        "a.jpg": [("dress", (11, 21, 110, 80)), ("underwear", (601, 451, 640, 480))],
        "b.jpg": [("dress", (1245, 1, 1280, 720))],
        "c.jpg": [],
    }
    assert annotations["a.jpg"].image_size == (640, 480)


def test_supervision_reads_voc(tmp_path):
    import supervision as sv

    root = export_to_folder(tmp_path, three_images())
    dataset = sv.DetectionDataset.from_pascal_voc(
        images_directory_path=str(root / "JPEGImages"),
        annotations_directory_path=str(root / "Annotations"),
    )
    found = {p.rsplit("/", 1)[1]: d for p, _, d in dataset}
    assert found["a.jpg"].xyxy.tolist() == [[10, 20, 110, 80], [600, 450, 640, 480]]
    assert found["b.jpg"].xyxy.tolist() == [[1244, 0, 1280, 720]]
    assert found["c.jpg"].xyxy.tolist() == []
    assert [dataset.classes[i] for i in found["a.jpg"].class_id] == [
        "dress",
        "underwear",
    ]


def test_datumaro_reads_voc(tmp_path):
    import datumaro

    root = export_to_folder(tmp_path, three_images())
    dataset = datumaro.Dataset.import_from(str(root), "voc_detection")
    labels = dataset.categories()[datumaro.AnnotationType.label]
    found = {
        item.id: [(labels[a.label].name, a.get_bbox()) for a in item.annotations]
        for item in dataset
    }
    # datumaro keeps VOC's numbers: x = xmin, w = xmax - xmin.
    assert found == {
        "a": [("dress", [11, 21, 99, 59]), ("underwear", [601, 451, 39, 29])],
        "b": [("dress", [1245, 1, 35, 719])],
        "c": [],
    }
    assert len(labels) == 36
