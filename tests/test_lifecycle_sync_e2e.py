"""Every local status change reaches the province exactly once, in order, through kill -9 of the sync worker.

Dossiers go through their whole life at the desk (accept, forward, supplement and resume, apology, stop,
withdrawal, refusal and Mẫu 02 at the counter, result, return) while ``desk-app sync`` is started and
killed (SIGKILL) at random moments between the steps. Then one ``desk-app sync`` runs to the end. On the
sandbox province each dossier's processing history must be exactly the desk's history — same steps, same
order, none twice — and its record must carry the desk's current status and due date.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desk_app.config import Settings
from desk_app.desk import Desk
from desk_app.services import lifecycle
from desk_app.services.intake import Decision, IntakeSession, store_pages
from desk_app.storage.models import Dossier
from sync import outbox
from sync import protocol as p
from sync.sandbox.server import SandboxProcess
from tests.conftest import make_page_image
from tests.test_sync_e2e import signed_in_clerk

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def sandbox(tmp_path_factory):
    # No processing at the province during the test (one step an hour): every change comes from the desk.
    server = SandboxProcess(tmp_path_factory.mktemp("tỉnh") / "sandbox", step_seconds=3600)
    server.wait_ready()
    yield server
    server.stop()


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute)


def _scenario(desk, who, pages):  # noqa: ANN001, ANN202
    """The desk's steps, in time order, each a callable; the codes are filled in as dossiers are filed."""
    codes: dict[str, str] = {}

    def file(key: str, name: str, at: datetime, decision: Decision = Decision.ACCEPT, **extra) -> None:
        codes[key] = IntakeSession(procedure_code="1.004222", applicant_name=name,
                                   applicant_id_number="038096001234", pages=pages(2), decision=decision,
                                   **extra).finish(desk, who, at=at).code

    defect = [{"component": "Tờ khai", "requirement": "Ký đủ", "reason": "Thiếu chữ ký"}]
    apology = dict(processing_agency="UBND xã Hòa An", reason="Chờ xác minh", signer_name="Nguyễn Văn Bình")
    return codes, [
        lambda: file("a", "Phạm Quốc Đạt", _at(2, 8)),
        lambda: file("b", "Ngô Thị Mai", _at(2, 8, 30), Decision.INCOMPLETE, defects=defect),
        lambda: file("c", "Bùi Văn Toàn", _at(2, 9), Decision.REFUSE, reasons=["Không thuộc thẩm quyền"]),
        lambda: file("d", "Đỗ Thu Trang", _at(2, 9, 30)),
        lambda: lifecycle.forward(desk, who, codes["a"]),
        lambda: lifecycle.request_supplement(desk, who, codes["a"], defect, at=_at(3, 9)),
        lambda: lifecycle.resume(desk, who, codes["b"], pages(1), at=_at(3, 10)),
        lambda: lifecycle.withdraw(desk, who, codes["d"], "Không còn nhu cầu", pages(1), at=_at(3, 11)),
        lambda: lifecycle.resume(desk, who, codes["a"], pages(1), at=_at(4, 9)),
        lambda: lifecycle.apologize(desk, who, codes["b"], new_due=_at(16, 9), at=_at(5, 9), **apology),
        lambda: lifecycle.record_result(desk, who, codes["a"], ["Xác nhận thường trú"], pages(1), at=_at(6, 9)),
        lambda: lifecycle.stop(desk, who, codes["b"], ["Công dân không đến bổ sung"], at=_at(6, 10)),
        lambda: lifecycle.return_result(desk, who, codes["a"], receiver_name="Phạm Quốc Đạt",
                                        receiver_id_number="038096001234", collect_fee=True, at=_at(9, 8)),
    ]


def _province_history(sandbox, code: str) -> list[tuple[int, str, str]]:
    with sqlite3.connect(Path(sandbox.folder) / "sandbox.sqlite3") as db:
        rows = db.execute("SELECT entry FROM history WHERE ma_ho_so = ? ORDER BY id", (code,)).fetchall()
    entries = [json.loads(r[0]) for r in rows]
    return [(int(e["TrangThai"]), e["ThoiDiemXuLy"], e["NoiDungXuLy"]) for e in entries]


def _province_record(sandbox, code: str) -> dict:
    with sqlite3.connect(Path(sandbox.folder) / "sandbox.sqlite3") as db:
        return json.loads(db.execute("SELECT record FROM dossiers WHERE ma_ho_so = ?", (code,)).fetchone()[0])


def test_every_status_change_reaches_the_province_once_in_order_through_kill_9(
        sandbox, data_folder, tmp_path):
    desk = Desk.open(data_folder, Settings(agency_id="000.00.77.H56"))
    desk.settings.save(data_folder)
    who = signed_in_clerk(desk)
    images = [make_page_image(tmp_path / "Ảnh" / f"trang {n}.png", f"Trang {n}") for n in range(4)]
    counter = iter(range(10_000))

    def pages(n: int) -> list:
        # Each page a distinct image (so every step brings new files to upload).
        return store_pages(desk, [make_page_image(tmp_path / "Ảnh" / f"bổ sung {next(counter)}.png",
                                                  f"Trang bo sung {next(counter)}") for _ in range(n)])

    codes, steps = _scenario(desk, who, pages)
    env = {**os.environ, "DESK_APP_DATA_DIR": str(data_folder), **sandbox.client_env()}
    command = [sys.executable, "-m", "desk_app", "sync", "--endpoint", sandbox.url, "--part-size", "16384",
               "--no-pull", "--quiet"]
    rng = random.Random(9)
    killed = 0
    sandbox.set_faults(http_5xx=0.2, seed=9)
    try:
        for step in steps:
            step()
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 20
            while process.poll() is None and time.monotonic() < deadline:  # wait until it is mid-send
                if outbox.counts(desk.sessions)[outbox.SENDING]:
                    break
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.4))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                killed += 1
            process.wait()
    finally:
        sandbox.set_faults(http_5xx=0.0)
    assert killed >= len(steps) // 2, killed

    final = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert final.returncode == 0, final.stdout + final.stderr
    counts = outbox.counts(desk.sessions)
    assert counts[outbox.ACKNOWLEDGED] == sum(counts.values()), counts

    with desk.sessions() as session:
        dossiers = session.scalars(select(Dossier).options(selectinload(Dossier.history))).all()
        assert {d.code for d in dossiers} == set(codes.values())
        for d in dossiers:
            local = [(h.to_status, p.format_date(h.at), h.note) for h in d.history]
            assert _province_history(sandbox, d.code) == local, d.code
            record = _province_record(sandbox, d.code)
            assert record["TrangThaiHoSo"] == d.status
            assert record["NgayHenTra"] == p.format_date(d.due_at)
    # The whole life of the first dossier, as the province saw it.
    assert [s for s, _t, _n in _province_history(sandbox, codes["a"])] == [2, 4, 5, 4, 9, 10]
    desk.close()
