"""Argument types shared by the subcommands: dates and moments typed by people, with Vietnamese errors."""

from __future__ import annotations

import argparse
from datetime import date, datetime


def iso_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày «{text}» không đúng dạng YYYY-MM-DD") from None


def iso_moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"thời điểm «{text}» không đúng dạng YYYY-MM-DD[THH:MM]") from None
