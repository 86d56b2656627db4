"""Nothing typed is lost: drafts of the dossier being received (desk_app/services/drafts.py,
ui/reception_draft.py) and scanned pages recovered for the user who scanned them (scanning/spool.py)."""

from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy import select

from desk_app.services import drafts
from desk_app.storage.models import AuditEntry
from tests.conftest import CLERK_PASSWORD


@pytest.fixture
def other_clerk(desk, admin):
    from desk_app.services.users import create_user, sign_in

    create_user(desk.sessions, "minh.tran", "Trần Văn Minh", "clerk", CLERK_PASSWORD, created_by=admin)
    return sign_in(desk.sessions, "minh.tran", CLERK_PASSWORD)


def _actions(desk) -> list[str]:
    with desk.sessions() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


STATE = {"procedure": "2.000986", "fields": {"applicantName": "Nguyễn Thị Hoa", "address": "Thôn Đông"},
         "eform": {"ho_ten_tre": "Nguyễn Văn An"}, "result_by_post": True}


def test_draft_comes_back_to_the_same_user_only(desk, clerk, other_clerk):
    assert drafts.save_draft(desk, clerk, STATE, intake_id="abc", batch_id="b1") == 1
    assert drafts.save_draft(desk, clerk, {**STATE, "fee_pages": 3}, intake_id="abc", batch_id="b1") == 2
    assert drafts.load_draft(desk, other_clerk) is None
    draft = drafts.load_draft(desk, clerk)
    assert draft.state["fields"]["applicantName"] == "Nguyễn Thị Hoa"
    assert draft.state["fee_pages"] == 3 and draft.revision == 2
    assert (draft.intake_id, draft.batch_id) == ("abc", "b1")
    assert _actions(desk)[-1] == "draft.read"  # reading citizen data back is audited


def test_text_is_stored_nfc(desk, clerk):
    decomposed = unicodedata.normalize("NFD", "Phạm Thị Ngọc Ánh")
    drafts.save_draft(desk, clerk, {"fields": {"applicantName": decomposed}})
    assert drafts.load_draft(desk, clerk).state["fields"]["applicantName"] == "Phạm Thị Ngọc Ánh"


def test_discard_and_filed_drafts(desk, clerk):
    drafts.save_draft(desk, clerk, STATE, intake_id="one")
    assert not drafts.discard_draft(desk, clerk, intake_id="another")  # a late clearing keeps the next draft
    assert drafts.discard_draft(desk, clerk, intake_id="one")
    assert drafts.load_draft(desk, clerk) is None
    assert "draft.discard" in _actions(desk)


def test_a_draft_whose_dossier_was_filed_is_not_offered(desk, clerk, page_files, fixed_clock):
    from datetime import datetime

    from desk_app.services.intake import IntakeSession, store_pages

    fixed_clock(datetime(2025, 3, 12, 9, 30))
    session = IntakeSession(procedure_code=desk.catalog.active_on(datetime(2025, 3, 12).date())[0].code,
                            applicant_name="Lê Văn Tám", pages=store_pages(desk, page_files[:1]))
    drafts.save_draft(desk, clerk, STATE, intake_id=session.intake_id)
    session.finish(desk, clerk)
    assert drafts.load_draft(desk, clerk) is None  # crashed between filing and clearing: dropped


def test_bad_state_is_a_clear_message(desk, clerk):
    with pytest.raises(drafts.DraftError, match="Bản nháp"):
        drafts.save_draft(desk, clerk, {"x": object()})
    with pytest.raises(drafts.DraftError, match="dài quá"):
        drafts.save_draft(desk, clerk, {"x": "a" * (drafts.MAX_PAYLOAD_CHARS + 1)})


def test_drafts_need_a_valid_sign_in(desk, clerk):
    from desk_app.security.identity import SessionInvalidError
    from desk_app.services.users import sign_out

    sign_out(desk.sessions, clerk)
    with pytest.raises(SessionInvalidError):
        drafts.load_draft(desk, clerk)


# -- scanned pages go back to the user who scanned them ---------------------------------------------
def _captured(text: str = "trang"):
    import io

    from PIL import Image

    from scanning.capture.base import CapturedPage

    out = io.BytesIO()
    Image.new("RGB", (40, 60), "white").save(out, format="PNG")
    return CapturedPage(data=out.getvalue(), media_type="image/png", width=40, height=60, dpi=150,
                        source_name=text)


def test_recovered_pages_go_only_to_who_scanned_them(desk):
    spool = desk.spool
    mine = spool.owned_by("user:1").open_batch("scanner")
    mine.add_page(_captured())
    theirs = spool.owned_by("user:2").open_batch("scanner")
    theirs.add_page(_captured())
    assert [b.id for b in desk.spool.recover("user:2")] == [theirs.id]
    assert [b.id for b in desk.spool.recover("user:1")] == [mine.id]
    assert desk.spool.recover("user:3") == []
    assert mine.folder.is_dir() and theirs.folder.is_dir()  # nobody else's pages were tidied away
