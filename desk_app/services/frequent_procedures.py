"""The procedures this desk receives most, one key away at the counter (Alt+1 … Alt+5).

Order: what was received today (most first), then what was received in the last 30 days, then the
procedures a commune receives most when the desk has no history yet (birth registration first; the
order of :data:`DEFAULT_ORDER`, then the catalog's own). Only procedures in force on the day are
listed. One read, checked like any counter action.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from desk_app.desk import Desk
from desk_app.security.identity import Identity, authorize
from desk_app.security.roles import Permission
from desk_app.storage.models import Dossier

QUICK_KEYS = 5
HISTORY_DAYS = 30
# Civil status and certification first: what a commune counter receives most (DOMAIN.md §1).
DEFAULT_ORDER = ("1.001193", "2.000815", "2.000884", "1.000656", "1.000894", "1.004873", "2.000635", "1.004222")


def _counts(session, since: datetime, until: datetime) -> Counter:  # noqa: ANN001
    rows = session.execute(select(Dossier.procedure_code, func.count())
                           .where(Dossier.received_at >= since, Dossier.received_at < until)
                           .group_by(Dossier.procedure_code)).all()
    return Counter({code: n for code, n in rows})


def frequent_procedures(desk: Desk, who: Identity, on: date, limit: int = QUICK_KEYS) -> list[str]:
    """Codes of up to *limit* procedures in force on *on*, most received first."""
    start = datetime.combine(on, time.min)
    with desk.sessions() as session:
        authorize(session, who, Permission.RECEIVE_DOSSIER)
        today = _counts(session, start, start + timedelta(days=1))
        recent = _counts(session, start - timedelta(days=HISTORY_DAYS), start)
    active = [p.code for p in desk.catalog.active_on(on)]
    in_force = set(active)
    order: list[str] = []
    for ranking in (today, recent):
        for code, _n in sorted(ranking.items(), key=lambda item: (-item[1], item[0])):
            if code in in_force and code not in order:
                order.append(code)
    for code in (*DEFAULT_ORDER, *active):
        if code in in_force and code not in order:
            order.append(code)
    return order[:limit]
