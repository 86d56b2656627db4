"""QĐ 766 indicators for a year of 60,000 dossiers (target: under 2 s).

Bulk-inserted year (the benchmark measures ``desk_app.services.indicators.indicators``): dossiers on the
three channels, each with its history (2 → 4 → 9, a few late, a few still open), one intake page row,
its ``dossier.create`` outbox row (98 % acknowledged), a reused value in one dossier in four, a payment
for one in three (40 % by transfer). Then the indicators for the whole year and for one month run
``--repeat`` times; median and worst are printed.

Run: ``.venv/bin/python benchmarks/indicators_benchmark.py [--dossiers 60000] [--repeat 5]``
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

YEAR = 2026
PASSWORD = "Giám-sát-chỉ-số-2026"


def populate(desk, n: int, rng: random.Random) -> None:  # noqa: ANN001
    from sqlalchemy import insert, text

    from desk_app.storage.forms_models import Payment
    from desk_app.storage.models import Dossier, OutboxItem, Page, StatusChange, StoredFileRecord

    procedures = list(desk.catalog.active_on(date(YEAR, 6, 1)))
    dossiers, history, pages, outbox, payments = [], [], [], [], []
    start = datetime(YEAR, 1, 2, 7, 0)
    for i in range(1, n + 1):
        at = start + timedelta(minutes=rng.randrange(0, 360 * 24 * 60))
        procedure = rng.choice(procedures)
        due = at + timedelta(days=rng.choice([0, 3, 5, 10]))
        status = rng.choices([2, 4, 9, 10], weights=[2, 3, 10, 85])[0]
        channel = rng.choices([1, 2, 3], weights=[60, 35, 5])[0]
        code = f"000.00.12.H56-{at:%y%m%d}-{5000 + i % 1500:04d}-{i}"
        dossiers.append(dict(
            id=i, code=code, procedure_code=procedure.code, procedure_name=procedure.name,
            procedure_version=procedure.effective_from, channel=channel, status=status, applicant_name="A",
            applicant_name_folded="a", applicant_id_number="", applicant_address="", applicant_phone="",
            applicant_email="", submitter_name="", summary="", received_at=at, submitted_at=at, due_at=due,
            fee_amount=0, book_year=YEAR, book_sequence=i, training=True, clerk_id=1, created_at=at, updated_at=at,
            form_data={}, form_sources={"ho_ten": "registry"} if i % 4 == 0 else {}))
        history.append(dict(dossier_id=i, from_status=None, to_status=2, at=at, user_id=1, note=""))
        if status >= 4:
            history.append(dict(dossier_id=i, from_status=2, to_status=4, at=at + timedelta(hours=1), user_id=1,
                                note=""))
        if status >= 9:
            end = due - timedelta(hours=rng.choice([1, 2, 30])) if rng.random() > 0.05 else due + timedelta(days=2)
            history.append(dict(dossier_id=i, from_status=4, to_status=9, at=max(end, at + timedelta(hours=2)),
                                user_id=1, note=""))
        sha = f"{i:064x}"
        pages.append(dict(dossier_id=i, position=1, file_sha256=sha, source_name="", width_px=0, height_px=0,
                          dpi=0, blank=False, kind="intake", added_at=at))
        outbox.append(dict(idempotency_key=f"k{i}", dossier_id=i, action="dossier.create", payload={},
                           state="acknowledged" if rng.random() < 0.98 else "ready", attempts=1, last_error="",
                           created_at=at, updated_at=at, claimed_by="", escalation_note=""))
        if i % 3 == 0:
            payments.append(dict(dossier_id=i, receipt_year=YEAR, receipt_number=len(payments) + 1, phi_amount=10_000,
                                 le_phi_amount=0, description="", method="transfer" if rng.random() < 0.4 else "cash",
                                 state="paid", vietqr_payload="", transfer_reference="", created_at=at,
                                 created_by_id=1, confirmed_at=at, confirmed_by_id=1, note=""))
    files = [dict(sha256=p["file_sha256"], size=1, media_type="image/jpeg", created_at=start) for p in pages]
    with desk.engine.begin() as connection:
        for table, rows in ((StoredFileRecord, files), (Dossier, dossiers), (StatusChange, history), (Page, pages),
                            (OutboxItem, outbox), (Payment, payments)):
            for chunk in range(0, len(rows), 5000):
                connection.execute(insert(table), rows[chunk:chunk + 5000])
        connection.execute(text("ANALYZE"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=60_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from desk_app.desk import Desk
    from desk_app.services.indicators import indicators
    from desk_app.services.users import create_user, sign_in

    with tempfile.TemporaryDirectory(prefix="chỉ-số-") as folder:
        os.environ["DESK_APP_DATA_DIR"] = folder
        desk = Desk.open(Path(folder))
        try:
            create_user(desk.sessions, "admin", "Quản Trị Viên", "admin", PASSWORD)
            t0 = time.perf_counter()
            populate(desk, args.dossiers, random.Random(11))
            print(f"populated {args.dossiers} dossiers in {time.perf_counter() - t0:.1f} s")
            who = sign_in(desk.sessions, "admin", PASSWORD)
            for label, start, end in (("year", date(YEAR, 1, 1), date(YEAR, 12, 31)),
                                      ("month", date(YEAR, 6, 1), date(YEAR, 6, 30))):
                times, cpu = [], []
                load = os.getloadavg()[0]
                for _ in range(args.repeat):
                    t, c = time.perf_counter(), time.process_time()
                    report = indicators(desk, who, start, end)
                    times.append(time.perf_counter() - t)
                    cpu.append(time.process_time() - c)
                summary = ", ".join(f"{i.key} {i.rate:.1f}%" for i in report.indicators if i.rate is not None)
                print(f"indicators for the {label}: median {statistics.median(times):.3f} s, worst {max(times):.3f} s"
                      f" (CPU median {statistics.median(cpu):.3f} s; load average {load:.1f} → "
                      f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores) — {summary}")
        finally:
            desk.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
