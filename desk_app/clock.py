"""The one place the app reads the time: local Vietnam time, naive, as printed on forms.

Tests and the training sandbox replace the clock with :func:`set_clock` instead of patching datetime.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

_clock: Callable[[], datetime] | None = None


def now_local() -> datetime:
    if _clock is not None:
        return _clock()
    return datetime.now(VIETNAM).replace(tzinfo=None, microsecond=0)


def set_clock(clock: Callable[[], datetime] | None) -> None:
    """Use *clock* for the current time (None restores the real clock)."""
    global _clock
    _clock = clock
