"""The indicators on PostgreSQL give the same figures as on SQLite for the same year (the set queries use
``string_agg`` there instead of ``group_concat``, and dates come back as dates, not text)."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest
from sqlalchemy import create_engine, insert
from sqlalchemy.orm import sessionmaker

from benchmarks.indicators_benchmark import populate
from desk_app.services.indicators import compute_indicators
from desk_app.storage import book_models, day_models, forms_models, identity_models  # noqa: F401 - tables
from desk_app.storage.models import Base, User

pytestmark = pytest.mark.slow


class _Target:
    def __init__(self, engine, catalog) -> None:  # noqa: ANN001
        self.engine, self.catalog = engine, catalog


def _user_row() -> dict:
    return dict(id=1, username="lan.tran", full_name="Trần Thị Lan", role="supervisor", password_hash="x",
                active=True, must_change_password=False, password_changed_at=datetime(2026, 1, 1))


def test_same_figures_on_postgresql_and_sqlite(desk, postgres_url):
    engine = create_engine(postgres_url)
    try:
        Base.metadata.drop_all(engine)
        Base.metadata.create_all(engine)
        with engine.begin() as connection:
            connection.execute(insert(User), [_user_row()])
        populate(_Target(engine, desk.catalog), 400, random.Random(5))
        # The same year on the desk's SQLite database (its user 1 may exist already: rows point at id 1).
        with desk.engine.begin() as connection:
            if connection.execute(User.__table__.select().where(User.id == 1)).first() is None:
                connection.execute(insert(User), [_user_row() | {"username": "giam.sat"}])
        populate(_Target(desk.engine, desk.catalog), 400, random.Random(5))
        figures = []
        for sessions in (sessionmaker(engine), desk.sessions):
            with sessions() as session:
                for start, end in ((date(2026, 1, 1), date(2026, 12, 31)), (date(2026, 6, 1), date(2026, 6, 30))):
                    figures.append(compute_indicators(session, start, end).as_json())
        assert figures[0] == figures[2] and figures[1] == figures[3]
        year = {i["key"]: i for i in figures[0]["indicators"]}
        assert year["synced"]["denominator"] == 400 and year["on_time"]["denominator"] > 300
    finally:
        Base.metadata.drop_all(engine)
        engine.dispose()
