"""Tesseract OCR (``vie``), TSV parsing and the page pipeline with its worker processes."""

from __future__ import annotations

import threading

import cv2
import pytest

from scanning import cleanup
from scanning.ocr import OcrPage, OcrWord, parse_tsv, recognise
from scanning.pipeline import PageInput, PagePipeline, PipelineCancelled, process_page
from tests.test_ocr_cleanup import LINES, rotate, text_page, with_seal


def png(image) -> bytes:
    ok, data = cv2.imencode(".png", image)
    assert ok
    return data.tobytes()


def test_recognise_vietnamese_text_with_word_boxes():
    page = text_page(dpi=200, lines=LINES[:4])
    result = recognise(cleanup.to_grey(page), 200)
    assert "Nguyễn Văn An" in result.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in result.text
    assert result.mean_confidence > 80
    word = next(w for w in result.words if w.text == "Nguyễn")
    # The box lies on the fourth line, inside the page.
    assert 0 < word.left < page.shape[1] and 0 < word.top < page.shape[0] and word.width > 20
    assert result.to_dict()["words"][0]["text"] == result.words[0].text
    assert OcrPage.from_dict(result.to_dict()) == result


TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "5\t1\t1\t1\t1\t1\t10\t10\t80\t30\t96.1\tNguyễn\n"
    "5\t1\t1\t1\t1\t2\t95\t10\t50\t30\t95.0\tVăn\n"
    "5\t1\t1\t1\t2\t1\t10\t50\t40\t30\t91.0\tAn\n"
    "5\t1\t2\t1\t1\t1\t10\t300\t400\t90\t4.0\tTA\n"      # a signature read as letters
    "5\t1\t2\t1\t1\t2\t420\t300\t60\t90\t2.0\tÀ\n"
    "5\t1\t3\t1\t1\t1\t10\t500\t60\t30\t93.0\tĐặng\n"
)


def test_tsv_gives_reading_order_and_drops_graphics():
    words, text = parse_tsv(TSV)
    assert text == "Nguyễn Văn\nAn\n\nĐặng"
    assert [w.text for w in words] == ["Nguyễn", "Văn", "An", "Đặng"]
    assert words[0] == OcrWord("Nguyễn", 10, 10, 80, 30, 96.1, 1, 1, 1)


def test_process_page_straightens_drops_the_seal_and_reads():
    page = rotate(with_seal(text_page(dpi=200, lines=LINES[:5])), -2.5)
    outcome = process_page(0, PageInput(png(page), 200, "trang một.png"))
    assert outcome.ok, outcome.error
    assert outcome.report["skew_angle"] == pytest.approx(-2.5, abs=0.2)
    assert outcome.report["colour_reason"] == "red_seal"
    assert "Nguyễn Văn An" in outcome.text
    assert outcome.image[:2] == b"\xff\xd8"  # JPEG for the PDF
    assert outcome.seconds > 0


def test_process_page_turns_an_upside_down_page():
    page = text_page(dpi=200, lines=LINES * 2, size_mm=(210, 250))
    outcome = process_page(0, PageInput(png(cleanup.rotate_quarter(page, 180)), 200, "ngược.png"))
    assert outcome.ok and outcome.orientation == 180
    assert "Đặng Thị Hường" in outcome.text


def test_a_bad_page_fails_alone():
    outcome = process_page(3, PageInput(b"\x89PNG broken", 300, "hỏng.png"))
    assert not outcome.ok and outcome.index == 3 and "ảnh" in outcome.error


@pytest.mark.slow
def test_pool_keeps_order_reports_progress_and_survives_bad_pages():
    good = png(text_page(dpi=150, lines=LINES[:2]))
    blank = png(cleanup.to_grey(text_page(dpi=150, lines=[])))
    seen = []
    with PagePipeline(workers=2) as pipeline:
        outcomes = pipeline.process([PageInput(good, 150, "a"), PageInput(b"xx", 150, "b"),
                                     PageInput(blank, 150, "c")], on_page=lambda o: seen.append(o.index))
        assert [o.name for o in outcomes] == ["a", "b", "c"]
        assert outcomes[0].ok and "CỘNG HÒA" in outcomes[0].text
        assert not outcomes[1].ok
        assert outcomes[2].ok and outcomes[2].blank and outcomes[2].text == ""
        assert sorted(seen) == [0, 1, 2]

        cancel = threading.Event()
        cancel.set()
        with pytest.raises(PipelineCancelled):
            pipeline.process([PageInput(good, 150, "d")] * 4, cancel=cancel)
