"""Outbox states without a server: back-off, claiming, requeue of stuck rows, send now, wire format."""

from __future__ import annotations

import random
import threading
from datetime import datetime, timedelta

import httpx
import pytest
from sqlalchemy import select

from desk_app.clock import now_local
from desk_app.services.reception import IntakeRequest, accept_dossier, store_pages
from desk_app.services.users import sign_in
from desk_app.storage.models import Dossier, OutboxItem, StatusChange
from sync import outbox, protocol as p
from sync.outbox import Backoff
from tests.conftest import CLERK_PASSWORD

NOON = datetime(2026, 11, 24, 12, 0)
MORNING = datetime(2026, 11, 24, 9, 0)  # fixed, so the test does not depend on the hour it runs


def _receive(desk, clerk, page_files, count=1) -> list[str]:
    who = sign_in(desk.sessions, clerk.username, CLERK_PASSWORD)
    return [accept_dossier(desk, who, IntakeRequest(procedure_code="1.004222", applicant_name="Phạm Quốc Đạt",
                                                    applicant_id_number="038096001234",
                                                    pages=store_pages(desk, page_files),
                                                    outside_hours_reason="kiểm thử tự động: chạy được cả ngoài giờ"),
                           received_at=MORNING).code
            for _ in range(count)]


def test_backoff_starts_near_a_minute_and_doubles_with_jitter():
    backoff, rng = Backoff(), random.Random(1)
    first = [backoff.delay(1, rng) for _ in range(200)]
    assert 45 <= min(first) and max(first) <= 75 and len({round(d, 3) for d in first}) > 100  # spread
    assert 90 <= backoff.delay(2, rng) <= 150 and 180 <= backoff.delay(3, rng) <= 300
    assert backoff.delay(30, rng) <= 3600 * 1.25


def test_dates_are_yyyymmddhhmmss_vietnam_time_and_html_is_never_success():
    assert p.format_date(datetime(2026, 2, 13, 9, 5, 7)) == "20260213090507"
    assert p.parse_date("20260213090507") == datetime(2026, 2, 13, 9, 5, 7)
    portal = httpx.Response(200, html="<html><body>Đăng nhập Wi-Fi</body></html>")
    with pytest.raises(p.NotProtocolReply):
        p.parse_reply(portal)
    with pytest.raises(p.NotProtocolReply):
        p.parse_reply(httpx.Response(200, json={"status": "ok"}))
    with pytest.raises(p.NetworkFailure):
        p.parse_reply(httpx.Response(502, json=p.reply()))
    with pytest.raises(p.Rejected):
        p.parse_reply(httpx.Response(200, json=p.reply(p.INVALID_DATA, "Thiếu MaTTHC")))
    assert p.parse_reply(httpx.Response(200, json=p.reply(data={"x": 1}))).data == {"x": 1}


def test_claims_are_exclusive_and_a_stuck_row_of_a_dead_worker_is_requeued(desk, clerk, page_files):
    _receive(desk, clerk, page_files, count=6)
    results: list[list[int]] = []

    def claim(name: str) -> None:
        results.append([i.id for i in outbox.claim_due(desk.sessions, name, 6)])

    threads = [threading.Thread(target=claim, args=(f"host:{n}:0",)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    claimed = [i for r in results for i in r]
    assert sorted(claimed) == sorted(set(claimed)) and len(claimed) == 6  # each row to exactly one worker

    with desk.sessions() as session:
        item = session.scalars(select(OutboxItem)).first()
        snap = item.payload["snapshot"]
    assert snap["record"]["NgayTiepNhan"].isdigit() and len(snap["record"]["NgayTiepNhan"]) == 14
    assert snap["record"]["KenhThucHien"] == 1 and snap["record"]["TrangThaiHoSo"] == 2
    assert [f["TepDinhKemId"] for f in snap["record"]["TaiLieuNop"]] == [f["sha256"] for f in snap["files"]]
    assert snap["history"][0]["TrangThai"] == 2 and snap["history"][0]["NguoiXuLy"] == "Nguyễn Thị Ánh Tuyết"

    # The claimants "host:N:0" are on no real host: only the lease can free them.
    assert outbox.requeue_stale(desk.sessions, lease_seconds=300) == 0
    later = now_local() + timedelta(minutes=10)
    assert outbox.requeue_stale(desk.sessions, lease_seconds=300, now=later) == 6
    # A claim by a process of this machine that no longer exists is freed at once.
    dead = f"{outbox.worker_identity().rsplit(':', 2)[0]}:999999:1"
    assert len(outbox.claim_due(desk.sessions, dead, 2, now=later)) == 2
    assert outbox.requeue_stale(desk.sessions, lease_seconds=300, now=later) == 2
    assert outbox.counts(desk.sessions)[outbox.SENDING] == 0


def test_failures_back_off_rejections_wait_for_a_person_and_send_now_always_works(desk, clerk, page_files):
    _receive(desk, clerk, page_files, count=2)
    a, b = outbox.claim_due(desk.sessions, "w", 10, NOON)
    assert outbox.fail(desk.sessions, a.id, "w", p.NetworkFailure("mất mạng"), [], Backoff(), NOON) == \
        outbox.FAILED_NETWORK
    assert outbox.fail(desk.sessions, b.id, "w", p.Rejected("Thiếu MaTTHC", 1), [], Backoff(), NOON) == \
        outbox.FAILED_REJECTED
    assert outbox.fail(desk.sessions, b.id, "someone-else", p.NetworkFailure("x"), [], Backoff(), NOON) is None
    with desk.sessions() as session:
        waiting = session.get(OutboxItem, a.id)
        assert timedelta(seconds=45) <= waiting.next_attempt_at - NOON <= timedelta(seconds=75)
    assert outbox.due_count(desk.sessions, NOON + timedelta(seconds=30)) == 0
    assert outbox.due_count(desk.sessions, NOON + timedelta(seconds=80)) == 1  # the rejected one never
    for item_id in (a.id, b.id):
        assert outbox.send_now(desk.sessions, item_id, clerk, NOON) == outbox.READY
    assert outbox.due_count(desk.sessions, NOON) == 2


def test_history_goes_up_in_chunks_of_ten_and_an_update_waits_for_the_create(desk, clerk, page_files):
    code = _receive(desk, clerk, page_files)[0]
    with desk.sessions.begin() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == code))
        for n in range(11):
            dossier.history.append(StatusChange(from_status=2, to_status=2, at=NOON + timedelta(minutes=n),
                                                user_id=clerk.id, note=f"Ghi chú bước {n + 1}"))
        session.add(OutboxItem(idempotency_key="u" * 32, dossier_id=dossier.id, action="dossier.update",
                               payload={"dossier_code": code}, state="ready"))
    first = outbox.claim_due(desk.sessions, "w", 10)
    assert [i.action for i in first] == ["dossier.create"]  # the update waits for the create
    assert outbox.acknowledge(desk.sessions, first[0].id, "w", [])
    (update,) = outbox.claim_due(desk.sessions, "w", 10)
    history = update.payload["snapshot"]["history"]
    assert len(history) == 12 and [len(c) for c in p.chunks(history)] == [10, 2]
