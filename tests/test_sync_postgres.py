"""Claiming outbox rows on PostgreSQL (several desks, one server): FOR UPDATE SKIP LOCKED, never blocking.

A private PostgreSQL cluster (tests/conftest.py: started once for the run, initdb + pg_ctl, loopback only)
gives the module a new, empty database.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import sessionmaker

import desk_app.storage.sync_models  # noqa: F401 - registers the sync tables
from desk_app.storage.models import Base, OutboxItem
from sync import outbox

pytestmark = pytest.mark.slow  # uses the private PostgreSQL cluster (about 5 s to start, once a run)


@pytest.fixture
def pg_sessions(postgres_url):
    engine = create_engine(postgres_url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions.begin() as session:
        for n in range(20):
            code = f"000.00.12.H56-261124-{5001 + n}"
            session.add(OutboxItem(idempotency_key=f"k{n:04d}", action="dossier.create", state="ready",
                                   payload={"dossier_code": code, "snapshot": {
                                       "record": {"MaHoSo": code}, "history": [], "files": []}}))
    yield sessions
    engine.dispose()


def test_claims_skip_rows_another_desk_holds_instead_of_waiting(pg_sessions):
    held = pg_sessions()
    held.begin()
    locked = list(held.scalars(select(OutboxItem.id).order_by(OutboxItem.id).limit(5).with_for_update()))
    try:
        with ThreadPoolExecutor(1) as pool:
            # Would block until the other transaction ends without SKIP LOCKED.
            claimed = pool.submit(outbox.claim_due, pg_sessions, "quầy-2", 10).result(timeout=10)
    finally:
        held.rollback()
        held.close()
    ids = [i.id for i in claimed]
    assert len(ids) == 10 and not set(ids) & set(locked)


def test_concurrent_desks_each_get_different_rows(pg_sessions):
    results: list[list[int]] = []
    lock = threading.Lock()

    def claim(name: str) -> None:
        got = [i.id for i in outbox.claim_due(pg_sessions, name, 7)]
        with lock:
            results.append(got)

    threads = [threading.Thread(target=claim, args=(f"quầy-{n}",)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    claimed = [i for r in results for i in r]
    assert len(claimed) == len(set(claimed)) == 20
    with pg_sessions() as session:
        owners = session.execute(text("SELECT count(DISTINCT claimed_by) FROM outbox WHERE state = 'sending'"))
        assert owners.scalar() >= 2
