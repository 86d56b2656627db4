"""Vietnam's time zone, defined once for the whole app (``desk_app.clock.VIETNAM`` is this object).

Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact and needs no tz
database (Windows installs have none). It lives here, the lowest layer, because ``scanning`` may not
import the core while the core may use ``scanning`` as a library.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

__all__ = ["VIETNAM", "local_now", "local_today", "set_clock"]

VIETNAM = timezone(timedelta(hours=7), "ICT")

# The app's clock (naive Vietnam time), installed by desk_app.clock.set_clock: scanning reads the same
# "now" as the core (a frozen test clock, the training sandbox) without importing it.
_clock: Callable[[], datetime] | None = None


def set_clock(clock: Callable[[], datetime] | None) -> None:
    global _clock
    _clock = clock


def local_now() -> datetime:
    """Now, naive Vietnam local time, from the app's clock when one is set."""
    if _clock is not None:
        return _clock()
    return datetime.now(VIETNAM).replace(tzinfo=None, microsecond=0)


def local_today() -> date:
    return local_now().date()
