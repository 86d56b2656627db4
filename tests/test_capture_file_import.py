"""File import: JPEG/PNG kept byte for byte, TIFF frames, PDF pages rendered at 300 dpi with text layers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from desk_app.documents.fonts import SERIF, register_fonts
from scanning.file_import import PageImportError, judge_text_layer, read_page_images
from tests.conftest import make_page_image

LINE = "Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập, Tự do, Hạnh phúc. Đơn đề nghị cấp bản sao trích lục khai sinh."


def _pdf_with_text(path: Path, pages: int = 2) -> Path:
    register_fonts()
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, pages + 1):
        pdf.setFont(SERIF, 12)
        pdf.drawString(60, 780, f"Trang {number}: {LINE}"[:95])
        pdf.drawString(60, 760, "Người làm đơn: Nguyễn Thị Ánh Tuyết, xã Hòa An, tỉnh Đồng Tháp.")
        pdf.showPage()
    pdf.save()
    return path


def _pdf_scan_only(path: Path) -> Path:
    image = Image.new("RGB", (850, 1100), "white")
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawImage(ImageReader(image), 0, 0, *A4)
    pdf.showPage()
    pdf.save()
    return path


def test_pdf_pages_are_rendered_at_300_dpi_and_a_good_text_layer_is_reported(tmp_path):
    pages = read_page_images(_pdf_with_text(tmp_path / "đơn đề nghị.pdf"))
    assert len(pages) == 2
    assert abs(pages[0].width - 2480) <= 1 and abs(pages[0].height - 3508) <= 1   # A4 at 300 dpi
    assert pages[0].dpi == 300
    assert pages[0].source_name == "đơn đề nghị.pdf (trang 1)"
    assert "Nguyễn Thị Ánh Tuyết" in pages[1].text_layer and pages[1].text_layer_good
    assert Image.open(io.BytesIO(pages[0].data)).info["dpi"][0] == pytest.approx(300, abs=0.5)


def test_a_scanned_pdf_has_no_text_layer_to_keep(tmp_path):
    (page,) = read_page_images(_pdf_scan_only(tmp_path / "bản quét.pdf"))
    assert page.text_layer.strip() == "" and not page.text_layer_good


def test_garbage_text_layers_are_not_kept():
    assert judge_text_layer(LINE)
    assert not judge_text_layer("\ufffd" * 40 + "abc")
    assert not judge_text_layer("rn lj tt hl xx zz qq ww " * 5)
    assert not judge_text_layer("ngắn")


def test_bad_pdfs_give_vietnamese_errors(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("mật-khẩu")
    locked = tmp_path / "có mật khẩu.pdf"
    with open(locked, "wb") as handle:
        writer.write(handle)
    with pytest.raises(PageImportError, match="có mật khẩu"):
        read_page_images(locked)
    broken = tmp_path / "hỏng.pdf"
    broken.write_bytes(b"%PDF-1.4 cut short")
    with pytest.raises(PageImportError, match="không phải là tệp PDF hợp lệ"):
        read_page_images(broken)
    empty = tmp_path / "rỗng.jpg"
    empty.write_bytes(b"")
    with pytest.raises(PageImportError, match="rỗng"):
        read_page_images(empty)


def test_jpeg_bytes_are_kept_and_tiff_frames_become_pages(tmp_path):
    jpeg = make_page_image(tmp_path / "giấy tờ.jpg", fmt="JPEG")
    (page,) = read_page_images(jpeg)
    assert page.data == jpeg.read_bytes() and page.media_type == "image/jpeg" and page.dpi == 150
    frames = [Image.new("RGB", (100, 150), c) for c in ("white", "red")]
    tiff = tmp_path / "nhiều trang.tiff"
    frames[0].save(tiff, save_all=True, append_images=frames[1:], dpi=(200, 200))
    pages = read_page_images(tiff)
    assert [p.source_name for p in pages] == ["nhiều trang.tiff (trang 1)", "nhiều trang.tiff (trang 2)"]
    assert all(p.media_type == "image/png" and p.dpi == 200 for p in pages)
