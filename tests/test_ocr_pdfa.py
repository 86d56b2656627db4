"""PDF/A-2b structure of a component PDF (veraPDF is not packaged for Debian/PyPI; pikepdf checks the rules)."""

from __future__ import annotations

import hashlib
from datetime import datetime

import cv2
import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest

from scanning.pdfa import PdfBuildError, PdfMetadata, PdfPage, TextWord, build_pdfa
from scanning.pipeline import PageInput, build_component_pdf, process_page
from tests.test_ocr_cleanup import LINES, text_page, with_seal


def jpeg(image) -> bytes:
    return cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 80])[1].tobytes()


def page_images(page) -> list:
    return [x for x in page.Resources.XObject.values() if x.get("/Subtype") == pikepdf.Name.Image]


@pytest.fixture(scope="module")
def component(tmp_path_factory):
    """A two-page component: a colour page with a seal and a text layer, and a grey blank page."""
    first = process_page(0, PageInput(jpeg(with_seal(text_page(dpi=200, lines=LINES[:4]))), 200, "tờ khai.jpg"))
    blank = process_page(1, PageInput(jpeg(text_page(dpi=200, lines=[])), 200, "mặt sau.jpg"))
    assert first.ok and blank.ok and blank.blank
    out = tmp_path_factory.mktemp("Hồ sơ số hóa") / "Tờ khai khai sinh.pdf"
    meta = PdfMetadata(title="Tờ khai đăng ký khai sinh", dossier_code="000.00.00.H99-261124-0001",
                       digitised_at=datetime(2026, 11, 24, 9, 30, 5), digitised_by="Nguyễn Thị Ánh Tuyết",
                       agency="UBND XÃ HÒA AN", subject="Thành phần hồ sơ")
    result = build_component_pdf([first, blank], meta, out)
    return result, first, blank


def test_pdfa_identification_output_intent_and_metadata(component):
    result, _, _ = component
    with pikepdf.open(result.path) as pdf:
        assert not pdf.is_encrypted
        assert pdf.pdf_version >= "1.4"
        assert "/ID" in pdf.trailer
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1 and intents[0].S == pikepdf.Name.GTS_PDFA1
        profile = intents[0].DestOutputProfile
        assert profile.N == 3 and profile.read_bytes()[36:40] == b"acsp"
        assert "/Filter" not in pdf.Root.Metadata  # PDF/A: the XMP packet stays readable
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == "Tờ khai đăng ký khai sinh"
        assert meta["dc:identifier"] == "000.00.00.H99-261124-0001"
        assert meta["xmp:CreateDate"] == "2026-11-24T09:30:05+07:00"
        assert meta["xmpTPg:NPages"] == "2"
        assert "Nguyễn Thị Ánh Tuyết" in meta["dc:creator"]
        # Document information agrees with the XMP (PDF/A requires both to say the same).
        assert str(pdf.docinfo["/Title"]) == "Tờ khai đăng ký khai sinh"


def test_every_font_is_embedded_and_images_keep_their_resolution(component):
    result, first, blank = component
    with pikepdf.open(result.path) as pdf:
        assert len(pdf.pages) == 2
        for page, outcome in zip(pdf.pages, (first, blank)):
            for font in page.Resources.get("/Font", {}).values():
                descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                assert "Helvetica" not in str(font.get("/BaseFont"))
            images = page_images(page)
            assert len(images) == 1
            assert (images[0].Width, images[0].Height) == (outcome.width, outcome.height)
            assert images[0].read_raw_bytes() == outcome.image  # JPEG embedded as is, no second loss
            width_pt = float(page.MediaBox[2]) - float(page.MediaBox[0])
            assert width_pt == pytest.approx(outcome.width * 72 / outcome.dpi, abs=0.5)
        assert page_images(pdf.pages[0])[0].ColorSpace == pikepdf.Name.DeviceRGB
        assert page_images(pdf.pages[1])[0].ColorSpace == pikepdf.Name.DeviceGray


def test_text_layer_is_searchable_and_sha256_recorded(component):
    result, _, _ = component
    assert result.sha256 == hashlib.sha256(result.path.read_bytes()).hexdigest()
    assert result.pages == 2 and result.size == result.path.stat().st_size
    document = pdfium.PdfDocument(str(result.path))
    text = document[0].get_textpage().get_text_range()
    assert "Nguyễn" in text and "Văn" in text
    assert document[1].get_textpage().get_text_range().strip() == ""
    document.close()


def test_word_lands_on_its_box(tmp_path):
    image = jpeg(text_page(dpi=200, lines=[]))
    height, width = cv2.imdecode(np.frombuffer(image, np.uint8), cv2.IMREAD_GRAYSCALE).shape
    word = TextWord("Đặng", left=400, top=300, width=200, height=50)
    result = build_pdfa([PdfPage(image, width, height, 200, [word])], PdfMetadata("Thử"), tmp_path / "một.pdf")
    document = pdfium.PdfDocument(str(result.path))
    textpage = document[0].get_textpage()
    left, _, _, top = textpage.get_charbox(0)
    page_height = document[0].get_height()
    assert left == pytest.approx(400 * 72 / 200, abs=3)
    assert page_height - top == pytest.approx(300 * 72 / 200, abs=8)
    document.close()


def test_no_pages_is_an_error(tmp_path):
    with pytest.raises(PdfBuildError):
        build_pdfa([], PdfMetadata("Rỗng"), tmp_path / "rỗng.pdf")
