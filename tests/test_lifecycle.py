"""The dossier's whole life through the one lifecycle primitive: counter decisions, supplements,
apologies, stop, withdrawal, results, return — each step in one transaction with history, audit and
exactly one outbox row, and each rule refused with a clear message."""

from datetime import datetime

import pytest
from sqlalchemy import select

from desk_app.domain.status import DossierStatus as S
from desk_app.security.identity import Identity, SessionInvalidError
from desk_app.security.roles import PermissionDeniedError
from desk_app.services import lifecycle
from desk_app.services.intake import Decision, IntakeError, IntakeSession, OutsideHoursError, store_pages
from desk_app.services.users import create_user, sign_in
from desk_app.storage.forms_models import Notice
from desk_app.storage.models import AuditEntry, Dossier, OutboxItem, ResultReturn

MONDAY = datetime(2026, 3, 2, 9, 0)  # an ordinary working Monday


@pytest.fixture
def who(desk, clerk):
    from tests.conftest import CLERK_PASSWORD

    return sign_in(desk.sessions, "tuyet.nguyen", CLERK_PASSWORD)


@pytest.fixture
def supervisor(desk, clerk):
    from desk_app.storage.models import User

    admin = sign_in(desk.sessions, "admin", "Trống-đồng-Đông-Sơn-1")
    with desk.sessions() as session:
        admin_row = session.scalar(select(User).where(User.username == "admin"))
    try:  # the creator is the admin's identity (the security layer), or its row before that change
        create_user(desk.sessions, "lan.tran", "Trần Thị Lan", "supervisor", "giám-sát-5678", created_by=admin)
    except (AttributeError, TypeError):
        create_user(desk.sessions, "lan.tran", "Trần Thị Lan", "supervisor", "giám-sát-5678", created_by=admin_row)
    return sign_in(desk.sessions, "lan.tran", "giám-sát-5678")


def _session(desk, page_files, **overrides) -> IntakeSession:
    fields = dict(procedure_code="1.004222", applicant_name="Phạm Quốc Đạt", applicant_id_number="038096001234",
                  applicant_address="Thôn Đông, xã Hòa An, tỉnh Đắk Lắk", pages=store_pages(desk, page_files))
    fields.update(overrides)
    return IntakeSession(**fields)


def _outbox(desk, code):
    with desk.sessions() as session:
        d = session.scalar(select(Dossier).where(Dossier.code == code))
        return [(o.action, o.payload["status"]) for o in
                session.scalars(select(OutboxItem).where(OutboxItem.dossier_id == d.id).order_by(OutboxItem.id))]


def _status(desk, code):
    with desk.sessions() as session:
        return S(session.scalar(select(Dossier.status).where(Dossier.code == code)))


def test_refuse_at_the_counter_keeps_pages_and_tells_the_province(desk, who, page_files):
    outcome = _session(desk, page_files, decision=Decision.REFUSE,
                       reasons=["Thủ tục không thuộc thẩm quyền của UBND xã"]).finish(desk, who, at=MONDAY)
    assert outcome.status is S.REFUSED and outcome.due_at is None and outcome.form_kind == "refusal"
    with desk.sessions() as session:
        d = session.scalar(select(Dossier).where(Dossier.code == outcome.code))
        assert len(d.pages) == 2 and d.fee_amount == 0
        notice = session.scalar(select(Notice).where(Notice.dossier_id == d.id))
        assert notice.kind == "refusal" and notice.items == ["Thủ tục không thuộc thẩm quyền của UBND xã"]
        assert session.scalar(select(AuditEntry.action).where(AuditEntry.entity_id == d.code)) == "dossier.refuse"
    assert _outbox(desk, outcome.code) == [("dossier.create", 3)]
    with pytest.raises(IntakeError, match="lý do"):
        _session(desk, page_files, decision=Decision.REFUSE).finish(desk, who, at=MONDAY)


def test_incomplete_at_the_counter_then_resumed_under_the_same_code(desk, who, page_files):
    outcome = _session(desk, page_files, decision=Decision.INCOMPLETE, defects=[
        {"component": "Giấy tờ chứng minh chỗ ở hợp pháp", "requirement": "Bản sao có chứng thực",
         "reason": "Chỉ có bản chụp"}]).finish(desk, who, at=MONDAY)
    assert outcome.status is S.SUPPLEMENT_REQUESTED and outcome.due_at is None
    returned = datetime(2026, 3, 4, 14, 0)  # Wednesday afternoon: the citizen brings the papers
    due = lifecycle.resume(desk, who, outcome.code, store_pages(desk, page_files[:1]), at=returned)
    # 7 working days from Wed 14:00 (counted from completion, not from the first visit).
    assert due == lifecycle.work_clock(desk).due(returned, desk.catalog.get("1.004222", returned.date()).time_limit)
    with desk.sessions() as session:
        d = session.scalar(select(Dossier).where(Dossier.code == outcome.code))
        assert d.status == S.ACCEPTED and d.received_at == returned and d.submitted_at == MONDAY
        assert (d.slip_received_at, d.slip_due_at) == (returned, due)
        assert [p.kind for p in d.pages] == ["intake", "intake", "supplement"]
    assert _outbox(desk, outcome.code) == [("dossier.create", 5), ("dossier.update", 2)]


def test_supplement_during_processing_restarts_the_clock_and_only_within_three_working_days(
        desk, who, page_files):
    accepted = _session(desk, page_files).finish(desk, who, at=MONDAY)
    original_due = accepted.due_at
    lifecycle.forward(desk, who, accepted.code)
    defects = [{"component": "Tờ khai", "requirement": "Ký đủ", "reason": "Thiếu chữ ký"}]
    lifecycle.request_supplement(desk, who, accepted.code, defects, at=datetime(2026, 3, 4, 10, 0))
    assert _status(desk, accepted.code) is S.SUPPLEMENT_REQUESTED
    completed = datetime(2026, 3, 9, 8, 0)
    due = lifecycle.resume(desk, who, accepted.code, store_pages(desk, page_files[1:]), at=completed)
    assert due > original_due
    assert _status(desk, accepted.code) is S.PROCESSING
    with pytest.raises(lifecycle.LifecycleError, match="một lần"):
        lifecycle.request_supplement(desk, who, accepted.code, defects, at=datetime(2026, 3, 9, 9, 0))

    late = _session(desk, page_files, applicant_name="Lê Thị Hồng Nhung").finish(desk, who, at=MONDAY)
    with pytest.raises(lifecycle.LifecycleError, match="3 ngày làm việc"):
        lifecycle.request_supplement(desk, who, late.code, defects, at=datetime(2026, 3, 6, 10, 0))


def test_missing_resume_pages_is_refused(desk, who, page_files):
    outcome = _session(desk, page_files, decision=Decision.INCOMPLETE,
                       defects=[{"component": "Tờ khai", "requirement": "Bản chính"}]).finish(desk, who, at=MONDAY)
    with pytest.raises(lifecycle.LifecycleError, match="quét"):
        lifecycle.resume(desk, who, outcome.code, [], at=MONDAY)


def test_apology_one_working_day_before_is_accepted_on_the_due_day_refused(desk, who, supervisor, page_files):
    first = _session(desk, page_files).finish(desk, who, at=MONDAY)  # due Wed 11/03 09:00
    assert first.due_at == datetime(2026, 3, 11, 9, 0)
    args = dict(processing_agency="UBND xã Hòa An", reason="Chờ xác minh nơi cư trú",
                signer_name="Nguyễn Văn Bình")
    with pytest.raises(lifecycle.LifecycleError, match="không phải ngày làm việc"):
        lifecycle.apologize(desk, who, first.code, new_due=datetime(2026, 3, 15, 9, 0),
                            at=datetime(2026, 3, 10, 9, 0), **args)  # a Sunday
    lifecycle.apologize(desk, who, first.code, new_due=datetime(2026, 3, 16, 9, 0),
                        at=datetime(2026, 3, 10, 16, 0), **args)
    with desk.sessions() as session:
        d = session.scalar(select(Dossier).where(Dossier.code == first.code))
        assert d.due_at == datetime(2026, 3, 16, 9, 0) and d.slip_due_at == datetime(2026, 3, 11, 9, 0)
    with pytest.raises(lifecycle.LifecycleError, match="một lần"):
        lifecycle.apologize(desk, who, first.code, new_due=datetime(2026, 3, 17, 9, 0),
                            at=datetime(2026, 3, 10, 16, 0), **args)
    assert _outbox(desk, first.code)[-1] == ("dossier.update", 2)

    second = _session(desk, page_files, applicant_name="Võ Minh Khôi").finish(desk, who, at=MONDAY)
    on_due_day = datetime(2026, 3, 11, 8, 0)
    with pytest.raises(lifecycle.LifecycleError, match="chậm nhất 01 ngày làm việc"):
        lifecycle.apologize(desk, who, second.code, new_due=datetime(2026, 3, 16, 9, 0), at=on_due_day, **args)
    with pytest.raises(PermissionDeniedError):  # a clerk cannot override, even with a reason
        lifecycle.apologize(desk, who, second.code, new_due=datetime(2026, 3, 16, 9, 0), at=on_due_day,
                            override_reason="Lãnh đạo đồng ý", **args)
    lifecycle.apologize(desk, supervisor, second.code, new_due=datetime(2026, 3, 16, 9, 0), at=on_due_day,
                        override_reason="Lãnh đạo đồng ý gửi muộn", **args)
    with desk.sessions() as session:
        row = session.scalars(select(AuditEntry).where(AuditEntry.action == "dossier.apology",
                                                       AuditEntry.entity_id == second.code)).one()
        assert row.details["override_reason"] == "Lãnh đạo đồng ý gửi muộn"


def test_result_then_return_with_identity_check_and_fee(desk, who, page_files):
    accepted = _session(desk, page_files).finish(desk, who, at=MONDAY)  # lệ phí 20.000 đ unpaid
    with pytest.raises(lifecycle.LifecycleError, match="trả kết quả"):
        lifecycle.return_result(desk, who, accepted.code, receiver_name="Phạm Quốc Đạt",
                                receiver_id_number="038096001234", collect_fee=True)
    lifecycle.record_result(desk, who, accepted.code, ["Sổ hộ khẩu điện tử — xác nhận thường trú"],
                            pages=store_pages(desk, page_files[:1]))
    assert _status(desk, accepted.code) is S.RESULT_READY
    with pytest.raises(lifecycle.LifecycleError, match="ủy quyền"):
        lifecycle.return_result(desk, who, accepted.code, receiver_name="Phạm Thị Hoa",
                                receiver_id_number="038196004321", collect_fee=True)
    with pytest.raises(lifecycle.LifecycleError, match="chưa thu"):
        lifecycle.return_result(desk, who, accepted.code, receiver_name="Phạm Quốc Đạt",
                                receiver_id_number="038096001234")
    outcome = lifecycle.return_result(desk, who, accepted.code, receiver_name="Phạm Quốc Đạt",
                                      receiver_id_number="038096001234", collect_fee=True)
    assert outcome.fee_collected == 20_000
    assert _status(desk, accepted.code) is S.RETURNED
    with desk.sessions() as session:
        row = session.scalar(select(ResultReturn))
        assert not row.authorised and row.documents == ["Sổ hộ khẩu điện tử — xác nhận thường trú"]
    assert [s for _a, s in _outbox(desk, accepted.code)] == [2, 9, 10]


def test_stop_and_withdraw(desk, who, page_files):
    a = _session(desk, page_files).finish(desk, who, at=MONDAY)
    lifecycle.stop(desk, who, a.code, ["Công dân không bổ sung hồ sơ theo yêu cầu"])
    assert _status(desk, a.code) is S.STOPPED
    b = _session(desk, page_files, applicant_name="Đỗ Thu Trang").finish(desk, who, at=MONDAY)
    with pytest.raises(lifecycle.LifecycleError, match="đơn đề nghị"):
        lifecycle.withdraw(desk, who, b.code, "Không còn nhu cầu", [])
    lifecycle.withdraw(desk, who, b.code, "Không còn nhu cầu", store_pages(desk, page_files[:1]))
    assert _status(desk, b.code) is S.WITHDRAWN
    with pytest.raises(lifecycle.LifecycleError, match="Công dân rút hồ sơ|trạng thái"):
        lifecycle.stop(desk, who, b.code, ["x"])


def test_finishing_the_same_draft_twice_files_one_dossier(desk, who, page_files):
    draft = _session(desk, page_files)
    first = draft.finish(desk, who, at=MONDAY)
    again = IntakeSession.from_json(draft.to_json()).finish(desk, who, at=MONDAY)
    assert again.code == first.code and again.already_filed
    with desk.sessions() as session:
        assert len(session.scalars(select(Dossier)).all()) == 1


def test_outside_office_hours_needs_a_reason(desk, who, page_files):
    night = datetime(2026, 3, 3, 2, 7)
    draft = _session(desk, page_files)
    assert any("ngoài giờ" in n for n in draft.notices(desk, night))
    with pytest.raises(OutsideHoursError, match="02:07"):
        draft.finish(desk, who, at=night)
    draft.outside_hours_reason = "Tiếp nhận lưu động tại nhà dân"
    outcome = draft.finish(desk, who, at=night)
    assert outcome.due_at > night
    holiday = datetime(2026, 4, 30, 9, 0)
    assert any("30/04/2026" in n for n in _session(desk, page_files).notices(desk, holiday))


def test_after_the_cutoff_the_clerk_is_told_when_the_clock_starts(desk, page_files):
    notes = _session(desk, page_files, procedure_code="1.001193").notices(desk, datetime(2026, 3, 2, 15, 30))
    assert any("07:00 ngày 03/03/2026" in n for n in notes)


def test_forged_or_ended_identities_are_refused(desk, who, page_files):
    forged = Identity(session_id=who.session_id, user_id=who.user_id, username=who.username,
                      full_name=who.full_name, role="admin", token="đoán-bừa")
    with pytest.raises(SessionInvalidError):
        _session(desk, page_files).finish(desk, forged, at=MONDAY)
    from desk_app.services.users import sign_out

    sign_out(desk.sessions, who)
    with pytest.raises(SessionInvalidError):
        _session(desk, page_files).finish(desk, who, at=MONDAY)


def test_a_1500_character_name_from_a_qr_is_refused_before_anything_is_filed(desk, who, page_files):
    # Before: the dossier committed, then the receipt raised LayoutError; each retry filed another dossier.
    long_name = "Nguyễn Văn " + "Anh" * 500
    draft = _session(desk, page_files, applicant_name=long_name)
    for _ in range(3):
        with pytest.raises(IntakeError, match="dài quá 200 ký tự"):
            draft.finish(desk, who, at=MONDAY)
    with desk.sessions() as session:
        assert session.scalars(select(Dossier)).all() == []
