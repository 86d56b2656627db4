"""Full-text search over OCR text ignores accents, đ and case; re-indexing a page replaces its text."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from desk_app.services.fulltext import (
    SearchQueryError,
    index_ocr_result,
    index_page,
    search,
)
from desk_app.storage.db import transaction
from desk_app.storage.ocr_models import OcrPageRecord
from scanning.ocr import OcrPage, OcrWord


def test_search_finds_vietnamese_names_without_accents(desk, clerk):
    an = index_page(desk.sessions, text="Đề nghị ông Nguyễn Văn An mang theo căn cước.", file_sha256="a" * 64)
    dang = index_page(desk.sessions, text="Bà ĐẶNG THỊ HƯỜNG, thôn Phú Mỹ", file_sha256="b" * 64)
    index_page(desk.sessions, text="Biên bản kiểm tra hiện trạng sử dụng đất", file_sha256="c" * 64)

    hits = search(desk.sessions, clerk, "nguyen van an")
    assert [h.ocr_page_id for h in hits] == [an]
    assert "Nguyễn Văn An" in hits[0].snippet
    assert [h.ocr_page_id for h in search(desk.sessions, clerk, "dang")] == [dang]
    assert [h.ocr_page_id for h in search(desk.sessions, clerk, "Đặng")] == [dang]
    assert [h.ocr_page_id for h in search(desk.sessions, clerk, "huong phu my")] == [dang]
    assert search(desk.sessions, clerk, "nguyen thi") == []


def test_reindexing_replaces_the_text(desk, clerk):
    first = index_page(desk.sessions, text="Trần Quốc Việt", file_sha256="d" * 64)
    again = index_page(desk.sessions, text="Lê Thị Ánh Tuyết", file_sha256="d" * 64)
    assert first == again
    assert search(desk.sessions, clerk, "viet") == []
    assert [h.ocr_page_id for h in search(desk.sessions, clerk, "anh tuyet")] == [first]
    with transaction(desk.sessions) as session:
        assert session.execute(text("SELECT count(*) FROM ocr_fts")).scalar() == 1


def test_ocr_result_is_stored_with_words_and_report(desk, clerk):
    page = OcrPage(text="Đỗ Ngọc Ẩn", words=[OcrWord("Đỗ", 1, 2, 30, 20, 96.5, 1, 1, 1)], mean_confidence=96.5,
                   width=100, height=50, dpi=300)
    record_id = index_ocr_result(desk.sessions, page, {"blank": False, "orientation": 90, "skew_angle": 1.2},
                                 file_sha256="e" * 64)
    with transaction(desk.sessions) as session:
        record = session.scalars(select(OcrPageRecord).where(OcrPageRecord.id == record_id)).one()
        assert record.text_folded == "do ngoc an"
        assert record.orientation == 90 and record.report["skew_angle"] == 1.2
        assert record.words == [["Đỗ", 1, 2, 30, 20, 96.5]]
    assert [h.ocr_page_id for h in search(desk.sessions, clerk, "ngoc an")] == [record_id]


def test_empty_query_is_refused(desk, clerk):
    with pytest.raises(SearchQueryError):
        search(desk.sessions, clerk, "  …  ")
