"""``desk-app ocr`` output (plain and --json) and ``desk-app digitize`` with resume after interruption."""

from __future__ import annotations

import json

import cv2
import pikepdf
import pytest

from desk_app.cli import main
from desk_app.commands.ocr import MANIFEST_NAME
from scanning import cleanup
from tests.test_ocr_cleanup import LINES, text_page, with_seal


@pytest.fixture
def scans(tmp_path):
    folder = tmp_path / "Kho lưu trữ cũ" / "Năm 2019"
    folder.mkdir(parents=True)
    cv2.imwrite(str(folder / "giấy khai sinh.png"), with_seal(text_page(dpi=200, lines=LINES[:4])))
    cv2.imwrite(str(folder / "trang trắng.jpg"), cleanup.to_grey(text_page(dpi=200, lines=[])))
    return folder


def test_ocr_prints_pages_separated_by_form_feed(scans, capsys):
    files = [str(scans / "giấy khai sinh.png"), str(scans / "trang trắng.jpg")]
    assert main(["ocr", *files, "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    pages = out.split("\f")
    assert len(pages) == 2
    assert "Nguyễn Văn An" in pages[0] and pages[1].strip() == ""

    assert main(["ocr", "--json", *files, "--jobs", "1"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["page"] for r in rows] == [1, 1]
    assert rows[0]["file"].endswith("giấy khai sinh.png") and "Nguyễn Văn An" in rows[0]["text"]
    assert rows[0]["confidence"] > 80 and rows[0]["blank"] is False and rows[0]["orientation"] == 0
    assert rows[0]["colour_reason"] == "red_seal" and rows[0]["seconds"] > 0
    assert rows[1]["blank"] is True and rows[1]["text"] == "" and rows[1]["error"] is None


def test_ocr_of_a_missing_file_is_a_user_error(tmp_path, capsys):
    assert main(["ocr", str(tmp_path / "không có.png")]) == 2
    assert "không thấy tệp" in capsys.readouterr().err


@pytest.mark.slow
def test_digitize_writes_pdfa_and_manifest_and_resumes(scans, tmp_path, capsys):
    (scans / "hỏng.jpg").write_bytes(b"\xff\xd8 not really a jpeg")
    out = tmp_path / "Bản số hóa"
    assert main(["digitize", str(scans.parent), "--out", str(out), "--jobs", "2", "--by", "Vũ Thị Yến"]) == 1
    captured = capsys.readouterr()
    assert "trang/phút" in captured.err  # the progress bar
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    items = manifest["items"]
    assert set(items) == {"Năm 2019/giấy khai sinh.png", "Năm 2019/trang trắng.jpg"}
    assert set(manifest["failed"]) == {"Năm 2019/hỏng.jpg"}
    first = items["Năm 2019/giấy khai sinh.png"]
    assert first["output"] == "Năm 2019/giấy khai sinh.pdf" and first["pages"] == 1 and first["blank_pages"] == []
    assert items["Năm 2019/trang trắng.jpg"]["blank_pages"] == [1]
    with pikepdf.open(out / first["output"]) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "2"

    # Interrupted run: the blank page's PDF was never finished and the manifest lost its entry.
    (out / "Năm 2019" / "trang trắng.pdf").unlink()
    del manifest["items"]["Năm 2019/trang trắng.jpg"]
    (out / MANIFEST_NAME).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    (scans / "hỏng.jpg").unlink()
    kept = (out / first["output"]).stat().st_mtime_ns

    assert main(["digitize", str(scans.parent), "--out", str(out), "--quiet"]) == 0
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert set(manifest["items"]) == {"Năm 2019/giấy khai sinh.png", "Năm 2019/trang trắng.jpg"}
    assert manifest["items"]["Năm 2019/giấy khai sinh.png"] == first  # skipped, not redone
    assert (out / first["output"]).stat().st_mtime_ns == kept
    assert (out / "Năm 2019" / "trang trắng.pdf").is_file()
    assert not list(out.rglob(".tmp*"))
