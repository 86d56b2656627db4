"""The one place the app reads the time: local Vietnam time, naive, as printed on forms.

Tests and the training sandbox replace the clock with :func:`set_clock` instead of patching datetime.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from scanning import vntime
from scanning.vntime import VIETNAM  # the one definition of UTC+7 (fixed offset, no tz database)

__all__ = ["VIETNAM", "now_local", "set_clock"]

_clock: Callable[[], datetime] | None = None


def now_local() -> datetime:
    if _clock is not None:
        return _clock()
    return datetime.now(VIETNAM).replace(tzinfo=None, microsecond=0)


def set_clock(clock: Callable[[], datetime] | None) -> None:
    """Use *clock* for the current time (None restores the real clock)."""
    global _clock
    _clock = clock
    vntime.set_clock(clock)  # scanning (spool, MRZ, PDF/A dates) reads the same clock
