"""End to end against the real sandbox server (a child process on a free 127.0.0.1 port).

Every fault switch is turned on in turn; afterwards each dossier and file is on the server exactly
once with matching hashes, and nothing is left "sending". A separate test SIGKILLs ``desk-app sync``
at random moments.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from desk_app.config import Settings
from desk_app.desk import Desk
from desk_app.domain.status import DossierStatus
from desk_app.services.reception import IntakeRequest, StoredPage, accept_dossier
from desk_app.services.users import create_user, sign_in
from desk_app.storage.models import Dossier, OutboxItem, Page, StatusChange
from desk_app.storage.sync_models import SyncNotification
from sync import outbox, protocol as p
from sync.outbox import Backoff
from sync.sandbox.processing import needs_supplement
from sync.sandbox.server import SandboxProcess
from sync.worker import SyncWorker, WorkerConfig

ROOT = Path(__file__).resolve().parents[1]
_agencies = itertools.count(10)
NAMES = ["Phạm Quốc Đạt", "Đặng Thị Mỹ Linh", "Bùi Minh Châu", "Lê Thị Hạnh", "Hoàng Văn Thái", "Vũ Thị Thu Hà"]


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    server = SandboxProcess(tmp_path_factory.mktemp("máy chủ tỉnh") / "sandbox", step_seconds=3600)
    server.wait_ready()
    yield server
    server.stop()


@pytest.fixture
def sync_desk(data_folder):
    """A desk with its own agency id, so its dossier codes never collide with other tests' on the shared server."""
    desk = Desk.open(data_folder, Settings(agency_id=f"000.00.{next(_agencies):02d}.H56"))
    yield desk
    desk.close()


def signed_in_clerk(desk):
    """A clerk account on *desk*, signed in (services take the identity the security layer issues)."""
    admin = create_user(desk.sessions, "admin", "Quản Trị Viên", "admin", "Trống-đồng-Đông-Sơn-1")
    try:  # the creator is the admin's identity (security layer), or its row before that change
        create_user(desk.sessions, "tuyet.nguyen", "Nguyễn Thị Ánh Tuyết", "clerk", "Sông-Hồng-chảy-mãi",
                    created_by=sign_in(desk.sessions, "admin", "Trống-đồng-Đông-Sơn-1"))
    except (AttributeError, TypeError):
        create_user(desk.sessions, "tuyet.nguyen", "Nguyễn Thị Ánh Tuyết", "clerk", "Sông-Hồng-chảy-mãi",
                    created_by=admin)
    return sign_in(desk.sessions, "tuyet.nguyen", "Sông-Hồng-chảy-mãi")


@pytest.fixture
def sync_clerk(sync_desk):
    return signed_in_clerk(sync_desk)


def make_dossiers(desk, clerk, count: int, pages: int = 3, size: int = 150_000, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    codes = []
    for n in range(count):
        stored = []
        for page in range(pages):
            saved = desk.archive.store_bytes(rng.randbytes(size + rng.randrange(1000)))
            stored.append(StoredPage(saved.sha256, saved.size, "image/jpeg", 1240, 1754, 150,
                                     f"Trang {page + 1} — tờ khai.jpg"))
        codes.append(accept_dossier(desk, clerk, IntakeRequest(
            procedure_code="1.004222", applicant_name=NAMES[n % len(NAMES)], applicant_id_number="038096001234",
            pages=stored, outside_hours_reason="Kiểm thử đồng bộ")).code)
    return codes


def worker_for(desk, sandbox, timeout: float = 5.0, part_size: int = 64 * 1024) -> SyncWorker:
    connector = sandbox.connector(desk.settings.agency_id, timeout=timeout, part_size=part_size)
    return SyncWorker(desk, connector, WorkerConfig(backoff=Backoff(base=0.01, cap=0.1), concurrency=3,
                                                    batch_size=6))


def drain(worker: SyncWorker, deadline_s: float = 60.0) -> None:
    """Passes until every row is acknowledged (back-off is short in tests; the rows come due quickly)."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        worker.run_pass()
        counts = outbox.counts(worker.desk.sessions)
        if counts[outbox.ACKNOWLEDGED] == sum(counts.values()):
            return
        assert counts[outbox.FAILED_REJECTED] == 0, outbox.list_items(worker.desk.sessions)
        time.sleep(0.02)  # let a back-off of ~10 ms run out
    raise AssertionError(f"queue not drained: {outbox.counts(worker.desk.sessions)}")


def assert_on_server_exactly_once(desk, sandbox, codes: list[str]) -> None:
    stats = sandbox.stats(verify=True)
    with desk.sessions() as session:
        hashes = {row.file_sha256 for d in session.scalars(select(Dossier)) for row in d.pages}
        sending = session.scalar(select(func.count()).select_from(OutboxItem)
                                 .where(OutboxItem.state == outbox.SENDING))
    assert sending == 0
    for code in codes:
        assert stats["dossiers"][code]["creations"] == 1, code
        assert stats["history"][code] == 1, code  # the intake entry, once
    for sha in hashes:
        info = stats["files"][sha]
        assert info["hash_ok"] and info["stored_times"] == 1
        assert info["size"] == desk.archive.path_for(sha).stat().st_size


@pytest.mark.parametrize("fault", ["drop", "http_5xx", "slow", "duplicate_ack", "captive_portal"])
def test_every_dossier_and_file_arrives_exactly_once_with_each_fault_switched_on(
        sandbox, sync_desk, sync_clerk, fault):
    codes = make_dossiers(sync_desk, sync_clerk, 4, seed=hash(fault) % 1000)
    sandbox.set_faults(**{fault: 0.2 if fault == "slow" else 0.3, "slow_seconds": 0.6, "seed": 7})
    # Slow replies outlast the desk's timeout: the server still completes the work the desk gave up on.
    worker = worker_for(sync_desk, sandbox, timeout=0.3 if fault == "slow" else 5.0)
    try:
        drain(worker)
    finally:
        sandbox.set_faults(**{fault: 0.0})
        worker.connector.close()
    assert_on_server_exactly_once(sync_desk, sandbox, codes)


def test_a_captive_portal_page_is_never_taken_for_success_and_rows_go_when_the_link_returns(
        sandbox, sync_desk, sync_clerk):
    make_dossiers(sync_desk, sync_clerk, 2, pages=1, size=20_000, seed=3)
    worker = SyncWorker(sync_desk, sandbox.connector(sync_desk.settings.agency_id),
                        WorkerConfig(backoff=Backoff(base=60)))  # the real back-off: about a minute
    sandbox.set_faults(captive_portal=1.0)
    try:
        report = worker.run_pass()
        assert report.acknowledged == 0 and report.failed_network == 2 and worker.link_up is False
        items = outbox.list_items(sync_desk.sessions)
        assert {i.state for i in items} == {outbox.FAILED_NETWORK}
        assert all("Wi-Fi" in i.last_error for i in items)
        assert not worker.connector.ping()
    finally:
        sandbox.set_faults(captive_portal=0.0)
    # Nothing is due for a minute, yet the link is back: the waiting rows go at once.
    assert outbox.due_count(sync_desk.sessions) == 0
    assert worker.connector.ping()
    assert outbox.release_waiting(sync_desk.sessions) == 2
    assert worker.run_pass().acknowledged == 2
    worker.connector.close()


def test_replay_returns_the_stored_record_and_a_reused_key_with_other_content_is_a_conflict(
        sandbox, sync_desk, sync_clerk):
    make_dossiers(sync_desk, sync_clerk, 1, pages=1, size=5000)
    worker = worker_for(sync_desk, sandbox)
    drain(worker)
    with sync_desk.sessions() as session:
        item = session.scalars(select(OutboxItem)).one()
        # Once acknowledged, the row keeps no copy of the citizen's record, only the digest of what was sent.
        assert "snapshot" not in item.payload and len(item.payload["sent_sha256"]) == 64
        dossier = session.scalar(select(Dossier).options(selectinload(Dossier.pages).selectinload(Page.file),
                                                         selectinload(Dossier.components)))
        assert dossier.applicant_name not in json.dumps(item.payload, ensure_ascii=False)
        record = p.dossier_record(dossier, item.payload["status"])  # what was sent, rebuilt
    connector = worker.connector
    # The record the server holds, sent again under a new key: recognised by content, nothing changes.
    result = connector.push_dossiers([record], "key-a")[0]
    assert {k: result[k] for k in ("MaHoSo", "error_code", "message", "replayed")} == {
        "MaHoSo": record["MaHoSo"], "error_code": p.OK, "message": "Đã có (gửi lại)", "replayed": True}
    # ... with its proof: the SHA-256 of the record as held, and of each of its files.
    assert result["record_sha256"] == p.body_digest(record)
    assert set(result["files_sha256"]) == {f["TepDinhKemId"] for f in record["TaiLieuNop"]}
    again = connector.push_dossier(record, "key-a")  # the same key again: the stored reply
    assert again.replayed and again.error_code == p.OK
    with pytest.raises(p.Conflict):
        connector.push_dossier({**record, "ChuHoSo": "Người Khác"}, "key-a")
    with pytest.raises(p.Rejected) as exists:
        connector.push_dossier({**record, "ChuHoSo": "Người Khác"}, "key-new-1")
    assert exists.value.error_code == p.ALREADY_EXISTS
    assert sandbox.stats()["dossiers"][record["MaHoSo"]] == {"creations": 1, "updates": 0, "status": 2}
    with pytest.raises(p.Rejected) as bad_date:
        connector.push_dossier({**record, "MaHoSo": "X-1", "NgayTiepNhan": "24/11/2026"}, "key-new-2")
    assert bad_date.value.error_code == p.INVALID_DATA and "yyyyMMddHHmmss" in str(bad_date.value)
    connector.close()


def test_a_resumed_upload_sends_only_the_missing_parts(sandbox, sync_desk, sync_clerk):
    data = random.Random(11).randbytes(300_000)
    saved = sync_desk.archive.store_bytes(data)
    part = 64 * 1024
    headers = {p.FILE_SIZE_HEADER: str(len(data)), p.PART_SIZE_HEADER: str(part), **sandbox.client_headers()}
    import hashlib

    for index in (0, 2):  # a first attempt got two parts through, then the link dropped
        chunk = data[index * part:(index + 1) * part]
        httpx.put(f"{sandbox.url}/api/v1/files/{saved.sha256}/parts/{index}", content=chunk,
                  headers={**headers, p.PART_SHA_HEADER: hashlib.sha256(chunk).hexdigest()}).raise_for_status()
    sent = []
    connector = sandbox.connector(sync_desk.settings.agency_id, part_size=part)
    original = connector._put_part
    connector._put_part = lambda sha, size, index, chunk, key: (sent.append(index),
                                                                 original(sha, size, index, chunk, key))[1]
    connector.upload_file(saved.sha256, saved.size, saved.path, "resume-key")
    assert sent == [1, 3, 4]
    assert connector.file_status(saved.sha256)["complete"]
    # A part whose bytes do not match its hash is refused and never stored.
    other = sync_desk.archive.store_bytes(b"x" * 100)
    bad = httpx.put(f"{sandbox.url}/api/v1/files/{other.sha256}/parts/0", content=b"y" * 100,
                    headers={p.FILE_SIZE_HEADER: "100", p.PART_SIZE_HEADER: str(part), **sandbox.client_headers(),
                             p.PART_SHA_HEADER: hashlib.sha256(b"x" * 100).hexdigest()})
    assert bad.json()["error_code"] == p.FILE_HASH_MISMATCH and not connector.file_status(other.sha256)["complete"]
    connector.close()


def test_results_and_supplement_requests_come_back_once_and_notify_the_clerk(sandbox, sync_desk, sync_clerk):
    codes = make_dossiers(sync_desk, sync_clerk, 10, pages=1, size=2000, seed=5)
    worker = worker_for(sync_desk, sandbox)
    drain(worker)
    sandbox.admin("advance")  # 2 → 4
    sandbox.admin("advance")  # 4 → 9, or 5 for one in five
    sandbox.set_faults(duplicate_ack=1.0)  # every change delivered twice
    try:
        report = worker.run_pass()
    finally:
        sandbox.set_faults(duplicate_ack=0.0)
    report2 = worker.run_pass()
    assert report.pulled.applied == 20 and report2.pulled.applied == 0
    with sync_desk.sessions() as session:
        for code in codes:
            dossier = session.scalar(select(Dossier).where(Dossier.code == code))
            expected = DossierStatus.SUPPLEMENT_REQUESTED if needs_supplement(code) else DossierStatus.RESULT_READY
            assert dossier.status == expected
            moves = session.scalars(select(StatusChange).where(StatusChange.dossier_id == dossier.id)
                                    .order_by(StatusChange.id)).all()
            assert [m.to_status for m in moves] == [2, 4, int(expected)]
            assert moves[-1].note.startswith("[Tỉnh]")
        notes = session.scalars(select(SyncNotification).where(SyncNotification.audience == "clerk")).all()
        assert len(notes) == 20
        kinds = {n.kind for n in notes}
        assert "result" in kinds
        assert any(n.kind == "supplement" and "Bổ sung bản sao" in n.message for n in notes) == any(
            needs_supplement(c) for c in codes)
    worker.connector.close()


def test_an_illegal_move_from_the_province_is_not_applied_and_the_supervisor_is_told(sync_desk, sync_clerk):
    from sync.pull import apply_changes

    code = make_dossiers(sync_desk, sync_clerk, 1, pages=1, size=100)[0]
    report = apply_changes(sync_desk.sessions, [{"Id": "x-1", "MaHoSo": code, "TrangThaiHoSo": 10,
                                                 "ThoiDiemXuLy": "20261124090000", "NoiDungXuLy": "Trả"}], "1")
    assert report.refused == 1 and report.applied == 0
    with sync_desk.sessions() as session:
        assert session.scalar(select(Dossier.status).where(Dossier.code == code)) == 2
        note = session.scalars(select(SyncNotification)).one()
        assert note.audience == "supervisor" and "Đã trả kết quả" in note.message


def test_sync_forever_stops_cleanly_on_sigterm(sandbox, sync_desk, sync_clerk, data_folder):
    sync_desk.settings.save(data_folder)
    make_dossiers(sync_desk, sync_clerk, 3, pages=2, size=50_000, seed=9)
    process = subprocess.Popen([sys.executable, "-m", "desk_app", "sync", "--forever", "--endpoint", sandbox.url,
                                "--poll", "0.2", "--backoff", "0.05"],
                               cwd=ROOT, env={**os.environ, "DESK_APP_DATA_DIR": str(data_folder),
                                              **sandbox.client_env()},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while outbox.counts(sync_desk.sessions)[outbox.ACKNOWLEDGED] < 3:
            assert process.poll() is None and time.monotonic() < deadline, process.stderr.read()
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Đã dừng đồng bộ" in out
    assert outbox.counts(sync_desk.sessions)[outbox.SENDING] == 0


@pytest.mark.slow
def test_sigkill_at_random_moments_never_loses_or_duplicates_anything(tmp_path, sandbox, sync_desk, sync_clerk,
                                                                     data_folder):
    sync_desk.settings.save(data_folder)
    rng = random.Random(20261124)
    codes = make_dossiers(sync_desk, sync_clerk, 6, pages=3, size=200_000, seed=1)
    env = {**os.environ, "DESK_APP_DATA_DIR": str(data_folder), **sandbox.client_env()}
    command = [sys.executable, "-m", "desk_app", "sync", "--endpoint", sandbox.url, "--backoff", "0.01",
               "--part-size", "32768", "--no-pull", "--quiet", "--concurrency", "3"]
    sandbox.set_faults(slow=0.2, slow_seconds=0.05, seed=3)  # stretch the work so kills land mid-upload
    killed = stuck = 0
    try:
        for round_number in range(14):
            # The desk keeps receiving between runs, so every run has work to be interrupted in.
            codes += make_dossiers(sync_desk, sync_clerk, 2, pages=3, size=200_000, seed=100 + round_number)
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            if round_number % 2:
                time.sleep(rng.uniform(0.2, 2.5))  # any moment: start-up, requeue, claim, upload, ack
            else:
                # A moment while rows are claimed ("sending"): mid-upload, mid-record, before the ack.
                deadline = time.monotonic() + 30
                while (process.poll() is None and time.monotonic() < deadline
                       and outbox.counts(sync_desk.sessions)[outbox.SENDING] == 0):
                    time.sleep(0.01)
                time.sleep(rng.uniform(0.0, 0.3))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                killed += 1
            process.wait()
            stuck += outbox.counts(sync_desk.sessions)[outbox.SENDING] > 0  # killed mid-send
    finally:
        sandbox.set_faults(slow=0.0)
    assert killed >= 7 and stuck >= 1
    with sync_desk.sessions() as session:
        assert session.scalar(select(func.count()).select_from(OutboxItem)) == len(codes)
    for _ in range(5):
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        if result.returncode == 0 and outbox.counts(sync_desk.sessions)[outbox.ACKNOWLEDGED] == len(codes):
            break
    assert outbox.counts(sync_desk.sessions)[outbox.ACKNOWLEDGED] == len(codes), result.stderr
    assert_on_server_exactly_once(sync_desk, sandbox, codes)


def test_the_sandbox_describes_its_api_and_its_fault_switches_can_be_set(sandbox):
    spec = httpx.get(f"{sandbox.url}/openapi.json").json()
    for path in ("/api/v1/DongBoHoSoMC", "/api/v1/CapNhatTienDoHoSoMC", "/api/v1/files/{sha256}/parts/{index}",
                 "/api/v1/changes", "/admin/faults"):
        assert path in spec["paths"]
    admin = sandbox.admin_headers
    assert httpx.post(f"{sandbox.url}/admin/faults", json={"drop": 2}, headers=admin).status_code == 400
    assert httpx.post(f"{sandbox.url}/admin/faults", json={"nonsense": 1}, headers=admin).status_code == 400
    assert sandbox.set_faults(http_5xx=0.0)["http_5xx"] == 0.0
