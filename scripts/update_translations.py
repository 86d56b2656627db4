"""Refresh the Qt Linguist files from the UI sources, then compile them.

    .venv/bin/python scripts/update_translations.py            # lupdate + lrelease
    .venv/bin/python scripts/update_translations.py --check    # fail if a string is new or untranslated

Vietnamese is the source language; translators edit resources/translations/desk_app_<lang>.ts
with Qt Linguist (`pyside6-linguist`), then run this script to produce the .qm files the app loads.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ["en"]


def _tool(name: str) -> str:
    candidate = Path(sys.executable).with_name(name)
    return str(candidate) if candidate.exists() else (shutil.which(name) or name)


def ui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").glob("*.py"))


def run_lupdate(ts_file: Path, language: str) -> None:
    subprocess.run([_tool("pyside6-lupdate"), *ui_sources(), "-ts", str(ts_file), "-source-language", "vi",
                    "-target-language", language, "-no-obsolete", "-silent"], check=True, cwd=ROOT)


def untranslated(ts_file: Path) -> list[str]:
    """Source strings with no finished translation."""
    missing = []
    for message in ET.parse(ts_file).getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") == "unfinished" or not (translation.text or "").strip():
            missing.append(message.findtext("source") or "")
    return missing


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="only check; change nothing")
    args = parser.parse_args()
    problems = []
    for language in LANGUAGES:
        ts_file = TRANSLATIONS / f"desk_app_{language}.ts"
        if args.check:
            with tempfile.TemporaryDirectory() as tmp:
                fresh = Path(tmp) / ts_file.name
                shutil.copy(ts_file, fresh)
                run_lupdate(fresh, language)
                problems += [f"{language}: {text}" for text in untranslated(fresh)]
            continue
        run_lupdate(ts_file, language)
        subprocess.run([_tool("pyside6-lrelease"), str(ts_file), "-qm",
                        str(TRANSLATIONS / f"desk_app_{language}.qm")], check=True, cwd=ROOT)
        problems += [f"{language}: {text}" for text in untranslated(ts_file)]
    for problem in problems:
        print(f"chưa dịch / untranslated: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
