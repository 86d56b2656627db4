"""Data shipped with the app: fonts, procedure catalog, holiday calendars, translations, icons.

Use :func:`resource_path` rather than building paths by hand, so the app works installed or from a checkout.
"""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """Absolute path of a file under ``resources/``; raises FileNotFoundError if it is missing."""
    path = RESOURCES_DIR.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"Thiếu tệp tài nguyên: {path}")
    return path
