"""Parallel receives on one database lose nothing: 4 processes × 25 dossiers → 100 dossiers, 100 codes.

Before the intake session took the write lock first (BEGIN IMMEDIATE on SQLite, ON CONFLICT + row lock on
PostgreSQL), 2 × 20 `desk-app receive` gave 39 of 40 and 4 × 25 service calls gave 81 of 100.
"""

from __future__ import annotations

import json
import multiprocessing
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import make_page_image

WORKERS, PER_WORKER = 4, 25
PASSWORD = "Cán-bộ-Một-cửa-2026!"
AT = datetime(2026, 3, 2, 9, 0)


def _receive_many(folder: str, worker: int, page_json: str, queue) -> None:  # noqa: ANN001 - runs in a child
    from desk_app.desk import Desk
    from desk_app.services.intake import IntakeSession, StoredPage
    from desk_app.services.users import sign_in

    page = StoredPage(**json.loads(page_json))
    errors, codes = [], []
    try:
        desk = Desk.open(Path(folder), upgrade=False)
    except Exception as exc:  # noqa: BLE001 - reported to the test, never a silent dead child
        queue.put(([], [f"{type(exc).__name__}: {exc}"]))
        return
    try:
        try:
            who = sign_in(desk.sessions, "tuyet.nguyen", PASSWORD)
        except Exception as exc:  # noqa: BLE001
            errors.append(f"sign-in: {type(exc).__name__}: {exc}")
            return
        for n in range(PER_WORKER):
            try:
                outcome = IntakeSession(procedure_code="1.004222", applicant_name=f"Nguyễn Văn Bình {worker}-{n}",
                                        pages=[page]).finish(desk, who, at=AT)
                codes.append(outcome.code)
            except Exception as exc:  # noqa: BLE001 - counted and reported by the test
                errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        desk.close()
        queue.put((codes, errors))


def _run(folder: Path, desk) -> list[str]:  # noqa: ANN001
    from dataclasses import asdict

    from desk_app.services.intake import store_pages
    from desk_app.services.users import create_user
    from desk_app.storage.models import Dossier

    admin = create_user(desk.sessions, "admin", "Quản Trị Viên", "admin", "Quản-trị-Xã-2026!")
    try:
        from desk_app.services.users import sign_in

        creator = sign_in(desk.sessions, "admin", "Quản-trị-Xã-2026!")
        create_user(desk.sessions, "tuyet.nguyen", "Nguyễn Thị Ánh Tuyết", "clerk", PASSWORD, created_by=creator)
    except (AttributeError, TypeError):  # pragma: no cover - while create_user still takes a User row
        create_user(desk.sessions, "tuyet.nguyen", "Nguyễn Thị Ánh Tuyết", "clerk", PASSWORD, created_by=admin)
    page = store_pages(desk, [make_page_image(folder.parent / "Ảnh" / "tờ khai.png", "To khai")])[0]
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=_receive_many, args=(str(folder), w, json.dumps(asdict(page)), queue))
               for w in range(WORKERS)]
    for process in workers:
        process.start()
    results = [queue.get(timeout=300) for _ in workers]
    for process in workers:
        process.join(timeout=60)
    errors = [e for _codes, errs in results for e in errs]
    assert errors == []
    codes = [c for codes, _errs in results for c in codes]
    with desk.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == WORKERS * PER_WORKER
        books = session.execute(select(Dossier.book_sequence)).scalars().all()
    assert len(set(books)) == WORKERS * PER_WORKER
    return codes


# The workers run in fresh processes at argon2's production cost: the account is made at that cost too
# (a cheaper test hash would be upgraded by the first sign-in while the others check the old one).
@pytest.mark.slow
@pytest.mark.real_password_hashing
def test_four_processes_receive_on_one_sqlite_database(desk, data_folder):
    codes = _run(data_folder, desk)
    assert len(codes) == len(set(codes)) == WORKERS * PER_WORKER


@pytest.mark.slow
@pytest.mark.real_password_hashing
def test_four_processes_receive_on_one_postgresql_database(data_folder, postgres_url):
    from desk_app.config import Settings
    from desk_app.desk import Desk

    settings = Settings.load(data_folder)
    settings.database_url = postgres_url
    settings.save(data_folder)
    desk = Desk.open(data_folder)
    try:
        codes = _run(data_folder, desk)
    finally:
        desk.close()
    assert len(codes) == len(set(codes)) == WORKERS * PER_WORKER
