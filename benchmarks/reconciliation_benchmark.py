"""End-of-day reconciliation of a busy office day: 500 dossiers on each of 3 desks (target: under 2 s).

The day is bulk-inserted (the benchmark measures the reconciliation, not intake): 1,500 dossiers with
their history, filing audit rows, Mẫu 01 issue log, 2 archived pages each (real files of ``--page-kb``
bytes, so the archive check hashes real bytes), one fee payment in three (a few cancelled or pending),
outbox rows mostly acknowledged with some rejected, and a few planted gaps. Then ``reconcile`` runs
``--repeat`` times; the median and worst are printed, with and without re-hashing the page files.

Run: ``.venv/bin/python benchmarks/reconciliation_benchmark.py [--per-desk 500] [--desks 3] [--page-kb 60]``
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DAY = date(2026, 3, 2)
EVENING = datetime(2026, 3, 2, 17, 30)
PASSWORD = "Giám-sát-đối-soát-2026"


def populate(desk, per_desk: int, desks: int, page_kb: int, rng: random.Random) -> int:  # noqa: ANN001
    from sqlalchemy import insert

    from desk_app.storage.forms_models import FormIssue, Payment
    from desk_app.storage.models import (
        AuditEntry,
        Dossier,
        OutboxItem,
        Page,
        SequenceCounter,
        StatusChange,
        StoredFileRecord,
    )

    s = desk.settings
    procedures = list(desk.catalog.active_on(DAY))
    rows: dict = {t: [] for t in (Dossier, Page, StoredFileRecord, StatusChange, AuditEntry, FormIssue, Payment,
                                  OutboxItem, SequenceCounter)}
    n = 0
    receipt = 0
    for desk_no in range(1, desks + 1):
        first = s.sequence_base + (desk_no - 1) * s.sequence_block_size + 1
        for k in range(per_desk):
            n += 1
            at = datetime.combine(DAY, datetime.min.time()) + timedelta(hours=7, seconds=k * 50 + desk_no)
            code = f"{s.agency_id}-{DAY:%y%m%d}-{first + k:04d}"
            procedure = rng.choice(procedures)
            rows[Dossier].append(dict(
                id=n, code=code, procedure_code=procedure.code, procedure_name=procedure.name,
                procedure_version=procedure.effective_from, channel=rng.choice([1, 1, 1, 3]), status=2,
                applicant_name="Nguyễn Văn An", applicant_name_folded="nguyen van an", applicant_id_number="",
                applicant_address="", applicant_phone="", applicant_email="", submitter_name="", summary="",
                received_at=at, submitted_at=at, due_at=at + timedelta(days=5), fee_amount=10_000,
                book_year=DAY.year, book_sequence=n, training=True, clerk_id=1, form_data={}, form_sources={},
                created_at=at, updated_at=at))
            rows[StatusChange].append(dict(dossier_id=n, from_status=None, to_status=2, at=at, user_id=1,
                                           note="Tiếp nhận hồ sơ"))
            rows[AuditEntry].append(dict(at=at, user_id=1, username="admin", action="dossier.accept",
                                         entity="dossier", entity_id=code, details={}, prev_hash="", row_hash=""))
            rows[FormIssue].append(dict(kind="receipt", dossier_code=code, issued_at=at, user_id=1,
                                        sha256="0" * 64, signed=False))
            for position in (1, 2):
                stored = desk.archive.store_bytes(os.urandom(page_kb * 1024))
                rows[StoredFileRecord].append(dict(sha256=stored.sha256, size=page_kb * 1024,
                                                   media_type="image/jpeg", created_at=at))
                rows[Page].append(dict(dossier_id=n, position=position, file_sha256=stored.sha256,
                                       source_name="", width_px=0, height_px=0, dpi=0, blank=False, kind="intake",
                                       added_at=at))
            state = "acknowledged" if rng.random() > 0.01 else "failed_rejected"
            rows[OutboxItem].append(dict(idempotency_key=f"k{n}", dossier_id=n, action="dossier.create",
                                         payload={"dossier_code": code}, state=state, attempts=1,
                                         last_error="E_TEST" if state != "acknowledged" else "", created_at=at,
                                         updated_at=at, claimed_by="", escalation_note=""))
            if n % 3 == 0:
                receipt += 1
                pstate = rng.choices(["paid", "cancelled", "pending"], weights=[95, 3, 2])[0]
                rows[Payment].append(dict(dossier_id=n, receipt_year=DAY.year, receipt_number=receipt,
                                          phi_amount=10_000, le_phi_amount=0, description="Phí", method="cash",
                                          state=pstate, vietqr_payload="", transfer_reference="", created_at=at,
                                          created_by_id=1, confirmed_at=at if pstate == "paid" else None,
                                          confirmed_by_id=1 if pstate == "paid" else None, note=""))
        rows[SequenceCounter].append(dict(name=f"code:{s.agency_id}:{DAY:%Y%m%d}:desk{desk_no}",
                                          last_value=first + per_desk - 1))
    rows[SequenceCounter].append(dict(name=f"book:{DAY.year}", last_value=n))
    # Planted: one dossier of desk 2 deleted (a code gap, a book gap and its biên lai number missing).
    gone = per_desk + 7
    gone_code = rows[Dossier][gone - 1]["code"]
    for table in (Dossier, StatusChange, AuditEntry, FormIssue, OutboxItem, Page, Payment):
        key = "id" if table is Dossier else "dossier_id"
        if table in (FormIssue, AuditEntry):
            field = "dossier_code" if table is FormIssue else "entity_id"
            rows[table] = [r for r in rows[table] if r[field] != gone_code]
        else:
            rows[table] = [r for r in rows[table] if r[key] != gone]
    with desk.engine.begin() as connection:
        for table in (StoredFileRecord, Dossier, StatusChange, AuditEntry, FormIssue, Page, Payment, OutboxItem,
                      SequenceCounter):
            data = rows[table]
            for chunk in range(0, len(data), 2000):
                connection.execute(insert(table), data[chunk:chunk + 2000])
    return n - 1


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-desk", type=int, default=500)
    parser.add_argument("--desks", type=int, default=3)
    parser.add_argument("--page-kb", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from desk_app.clock import set_clock
    from desk_app.desk import Desk
    from desk_app.services.reconciliation import reconcile
    from desk_app.services.users import create_user, sign_in

    with tempfile.TemporaryDirectory(prefix="đối-soát-") as folder:
        os.environ["DESK_APP_DATA_DIR"] = folder
        desk = Desk.open(Path(folder))
        try:
            create_user(desk.sessions, "admin", "Quản Trị Viên", "admin", PASSWORD)
            set_clock(lambda: EVENING)
            started = time.perf_counter()
            count = populate(desk, args.per_desk, args.desks, args.page_kb, random.Random(7))
            print(f"populated {count} dossiers, {2 * count} page files of {args.page_kb} KB "
                  f"in {time.perf_counter() - started:.1f} s")
            who = sign_in(desk.sessions, "admin", PASSWORD)
            for verify in (True, False):
                times, cpu = [], []
                load = os.getloadavg()[0]
                for _ in range(args.repeat):
                    t0, c0 = time.perf_counter(), time.process_time()
                    report = reconcile(desk, who, DAY, verify_files=verify)
                    times.append(time.perf_counter() - t0)
                    cpu.append(time.process_time() - c0)
                kinds: dict[str, int] = {}
                for p in report.problems:
                    kinds[p.kind] = kinds.get(p.kind, 0) + 1
                label = "with page hashes" if verify else "without re-hashing"
                print(f"reconcile {report.dossiers} dossiers ({label}): median {statistics.median(times):.3f} s, "
                      f"worst {max(times):.3f} s (CPU median {statistics.median(cpu):.3f} s; load average "
                      f"{load:.1f} → {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores); problems {kinds}")
        finally:
            set_clock(None)
            desk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
