"""Vietnam's time zone, defined once for the whole app (``desk_app.clock.VIETNAM`` is this object).

Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact and needs no tz
database (Windows installs have none). It lives here, the lowest layer, because ``scanning`` may not
import the core while the core may use ``scanning`` as a library.
"""

from __future__ import annotations

from datetime import timedelta, timezone

__all__ = ["VIETNAM"]

VIETNAM = timezone(timedelta(hours=7), "ICT")
