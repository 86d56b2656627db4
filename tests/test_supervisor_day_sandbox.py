"""The issue's day with a real province: two clerks and one postal item, one cancelled payment, and an upload the
sandbox server itself rejects (the postal record reached the desk without the applicant's name). The worker
sends the day to the sandbox; the supervisor's reconciliation names the three planted problems (missing
counter form, cancelled biên lai, rejected upload with the province's reason) and the uncounted cash; the
CLI JSON gives the same; after explanations the day closes, an edit of the closed day is refused, and the
reopening is audited."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import select

from desk_app.cli import main
from desk_app.domain.status import Channel
from desk_app.services import lifecycle
from desk_app.services.day_close import DayClosedError, close_day, reopen_day
from desk_app.services.intake import IntakeSession, store_pages
from desk_app.services.payments import cancel_payment, confirm_payment, open_payment
from desk_app.services.receipts import write_receipt_for
from desk_app.services.reconciliation import explain, reconcile, record_cash_count
from desk_app.services.users import create_user, sign_in
from desk_app.storage.models import AuditEntry, Dossier
from sync import outbox
from sync.outbox import Backoff
from sync.sandbox.server import SandboxProcess
from sync.worker import SyncWorker, WorkerConfig
from tests.test_reconciliation import DAY, EVENING, MORNING, SUPERVISOR_PASSWORD, supervisor  # noqa: F401

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    server = SandboxProcess(tmp_path_factory.mktemp("tỉnh") / "sandbox", step_seconds=3600)
    server.wait_ready()
    yield server
    server.stop()


def _file(desk, who, page_files, minute, name, channel=Channel.IN_PERSON, receipt=True) -> str:
    code = IntakeSession(procedure_code="2.000884", applicant_name=name, applicant_id_number="079085004321",
                         applicant_address="Thôn Đông, xã Hòa An", pages=store_pages(desk, page_files),
                         channel=channel, fee_pages=1).finish(desk, who, at=MORNING.replace(minute=minute)).code
    if receipt:
        write_receipt_for(desk, code, who=who)
    return code


def _send_everything(desk, sandbox) -> None:
    worker = SyncWorker(desk, sandbox.connector(desk.settings.agency_id, timeout=10.0),
                        WorkerConfig(backoff=Backoff(base=0.01, cap=0.1), concurrency=2, batch_size=6))
    deadline = time.monotonic() + 60
    passes = []
    while time.monotonic() < deadline:
        passes.append(worker.run_pass())
        counts = outbox.counts(desk.sessions)
        if counts[outbox.ACKNOWLEDGED] + counts[outbox.FAILED_REJECTED] == sum(counts.values()):
            return
        time.sleep(0.05)
    raise AssertionError(f"the day did not reach the province: {outbox.counts(desk.sessions)} {passes[-1:]}")


def test_a_day_sent_to_the_sandbox_reconciled_explained_closed_and_reopened(
        desk, clerk, admin, supervisor, sandbox, page_files, fixed_clock, capsys, monkeypatch):  # noqa: F811
    create_user(desk.sessions, "minh.le", "Lê Văn Minh", "clerk", "Phố-cổ-Hội-An-2468", created_by=admin)
    second_clerk = sign_in(desk.sessions, "minh.le", "Phố-cổ-Hội-An-2468")
    fixed_clock(MORNING)
    paid = _file(desk, clerk, page_files, 5, "Đỗ Văn Lâm")
    unpaid = _file(desk, second_clerk, page_files, 12, "Phạm Thị Hương")
    postal = _file(desk, clerk, page_files[:1], 20, "Nguyễn Thị Ánh Tuyết", Channel.POSTAL, receipt=False)
    confirm_payment(desk, clerk, open_payment(desk, clerk, paid, "cash").id)
    cancelled = open_payment(desk, second_clerk, unpaid, "cash")
    cancel_payment(desk, second_clerk, cancelled.id, "Công dân chưa mang đủ tiền")
    with desk.sessions.begin() as session:   # the postal record came without the applicant's name
        session.scalar(select(Dossier).where(Dossier.code == postal)).applicant_name = ""
    fixed_clock(EVENING)
    _send_everything(desk, sandbox)
    report = reconcile(desk, supervisor, DAY)
    problems = {p.kind: p for p in report.problems}
    assert {(p.kind, p.subject.split(" / ")[0]) for p in report.problems} == {
        ("missing_form", postal), ("payment_cancelled", cancelled.receipt_number),
        ("upload_rejected", postal), ("cash_not_counted", "tiền mặt")}
    assert "ChuHoSo" in problems["upload_rejected"].message      # the province's own reason

    monkeypatch.setenv("DESK_APP_PASSWORD", SUPERVISOR_PASSWORD)
    assert main(["day", "reconcile", "--date", DAY.isoformat(), "--json", "--user", "lan.tran"]) == 4
    listed = json.loads(capsys.readouterr().out)
    assert {p["id"] for p in listed["problems"]} == {p.id for p in report.problems}

    record_cash_count(desk, supervisor, DAY, {10_000: 1})   # the fee of one page, counted
    for problem in reconcile(desk, supervisor, DAY).problems:
        explain(desk, supervisor, DAY, problem.id, f"Đã kiểm tra: {problem.kind} — xử lý theo quy trình")
    closed = close_day(desk, supervisor, DAY)
    assert closed.pdf_path.exists()
    with pytest.raises(DayClosedError, match="khoá sổ"):
        lifecycle.forward(desk, clerk, paid)
    reopen_day(desk, supervisor, DAY, "Bổ sung Mẫu 01 cho hồ sơ bưu chính")
    with desk.sessions() as session:
        row = session.scalar(select(AuditEntry).where(AuditEntry.action == "day.reopen"))
    assert row.username == "lan.tran" and row.details["report_sha256"] == closed.report_sha256
    lifecycle.forward(desk, clerk, paid)        # editable again after the audited reopening
