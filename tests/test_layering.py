"""The architecture's import rules hold: the core and scanning never pull in Qt; scanning never the core."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHECK = textwrap.dedent("""
    import importlib, pkgutil, sys
    for top in sys.argv[1:]:
        package = importlib.import_module(top)
        for info in pkgutil.walk_packages(package.__path__, top + "."):
            if ".migrations" in info.name or info.name.endswith("__main__"):
                continue
            importlib.import_module(info.name)
    print(",".join(sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "ui", "desk_app"})))
""")


def _modules_loaded_by(*packages: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", CHECK, *packages], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    return set(filter(None, result.stdout.strip().split(",")))


def test_core_runs_without_qt():
    loaded = _modules_loaded_by("desk_app")
    assert not {m for m in loaded if m.startswith(("PySide6", "ui"))}


def test_scanning_depends_on_neither_qt_nor_the_core():
    loaded = _modules_loaded_by("scanning")
    assert not {m for m in loaded if m.startswith(("PySide6", "ui", "desk_app"))}
