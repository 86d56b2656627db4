"""Start-up benchmark: from launching ``desk-app gui`` to its sign-in window on screen (issue 10 §7, ≤ 1.5 s).

    nice -n 10 .venv/bin/python -m benchmarks.startup_benchmark --runs 15

A data folder with one account is prepared once (``desk-app init``: the schema is current, so the runs
measure an ordinary start, not a first installation). Each run launches ``desk-app gui`` under
``QT_QPA_PLATFORM=offscreen`` with ``DESK_APP_STARTUP_PROBE=exit``: the app prints
``sign-in-shown <s>`` when the sign-in window is first painted (seconds since the process started, from
``/proc``) and exits. Two figures per run: the app's own (process start → painted) and the launcher's
wall clock (``Popen`` → the line read, i.e. including the interpreter's own start). Reported: median
and worst of each, the load average before and after, and the first run apart (cold file cache).

The project's modules are byte-compiled first, as ``pip install`` does (this machine's environment sets
``PYTHONDONTWRITEBYTECODE``, so without it every launch would compile ~60 modules from source).

``--compare DIR`` also measures another checkout (e.g. the commit before the fast-start work, unpacked
with ``git archive <commit> | tar -x -C DIR``), alternating runs so both see the same load. That older
code has no probe, so both are then launched through the same small wrapper that watches for the first
painted dialog from outside the app (``python -c WRAPPER``, which calls ``desk_app.cli.main(["gui"])``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 1.5


def _desk_app() -> list[str]:
    script = Path(sys.executable).with_name("desk-app")
    return [str(script)] if script.exists() else [sys.executable, "-m", "desk_app"]


def prepare(folder: Path, root: Path | None = None) -> dict[str, str]:
    """A data folder with one account, made by the checkout that will use it (its own migrations)."""
    env = {**os.environ, "DESK_APP_DATA_DIR": str(folder), "QT_QPA_PLATFORM": "offscreen",
           "DESK_APP_ADMIN_PASSWORD": "Trống-đồng-Đông-Sơn-1"}
    if root is None:
        command, cwd = [*_desk_app(), "init"], ROOT
    else:
        command, cwd = [sys.executable, "-m", "desk_app", "init"], root
        env["PYTHONPATH"] = str(root)
    subprocess.run(command, env=env, check=True, capture_output=True, cwd=cwd, timeout=300)
    env.pop("PYTHONPATH", None)
    env.pop("DESK_APP_ADMIN_PASSWORD")
    env["DESK_APP_STARTUP_PROBE"] = "exit"
    return env


WRAPPER = """
import os, sys, time
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog
def since_start():
    ticks = os.sysconf("SC_CLK_TCK")
    start = int(open(f"/proc/{os.getpid()}/stat").read().rsplit(")", 1)[1].split()[19])
    return time.time() - (time.time() - float(open("/proc/uptime").read().split()[0]) + start / ticks)
class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint and isinstance(obj, QDialog) and obj.isWindow() and not self.done:
            self.done = True
            print(f"sign-in-shown {since_start():.3f}", flush=True)
            QTimer.singleShot(0, lambda: (obj.reject(), QCoreApplication.exit(0)))
        return False
app = QApplication(sys.argv[:1])
probe = Probe(); probe.done = False
app.installEventFilter(probe)
from desk_app.cli import main
sys.exit(main(["gui"]))
"""


def compile_sources(root: Path) -> None:
    """Byte-compile the project as an installation would (quietly; errors are the launch's to report)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", *[str(root / d) for d in
                    ("desk_app", "ui", "scanning", "sync", "resources") if (root / d).is_dir()]],
                   capture_output=True, timeout=600)


def one_run(env: dict[str, str], timeout: float = 60.0, root: Path | None = None) -> tuple[float, float]:
    started = time.monotonic()
    if root is None:
        command, cwd = [*_desk_app(), "gui"], ROOT
    else:   # the wrapper, run from *root* so that checkout's packages are the ones imported
        command, cwd = [sys.executable, "-c", WRAPPER], root
        env = {k: v for k, v in env.items() if k != "DESK_APP_STARTUP_PROBE"}
        env["PYTHONPATH"] = str(root)
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    try:
        for line in process.stdout:
            if line.startswith("sign-in-shown"):
                wall = time.monotonic() - started
                return float(line.split()[1]), wall
        raise RuntimeError(f"desk-app gui ended without showing the sign-in window (code {process.wait()})")
    finally:
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the prepared data folder")
    parser.add_argument("--compare", type=Path, help="another checkout to measure alternately (see above)")
    args = parser.parse_args(argv)
    compile_sources(ROOT)
    if args.compare:
        compile_sources(args.compare)
    folder = Path(tempfile.mkdtemp(prefix="startup-bench-"))
    try:
        env = prepare(folder / "this")
        other_env = prepare(folder / "other", args.compare) if args.compare else env
        load_before = os.getloadavg()
        first = one_run(env)
        runs, compared = [], {"this checkout": [], str(args.compare): []}
        for _ in range(args.runs):
            runs.append(one_run(env))
            if args.compare:
                compared["this checkout"].append(one_run(env, root=ROOT))
                compared[str(args.compare)].append(one_run(other_env, root=args.compare))
        load_after = os.getloadavg()
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    if args.compare:
        for name, figures in compared.items():
            app = [r[0] for r in figures]
            print(f"wrapper, {name}: median {statistics.median(app):.3f} s, worst {max(app):.3f} s, "
                  f"best {min(app):.3f} s (process start → sign-in painted)")
    app = [r[0] for r in runs]
    wall = [r[1] for r in runs]
    print(f"runs: {len(runs)} (+1 first run: app {first[0]:.3f} s, launcher {first[1]:.3f} s)")
    print(f"app (process start → sign-in painted): median {statistics.median(app):.3f} s, "
          f"worst {max(app):.3f} s, best {min(app):.3f} s")
    print(f"launcher (Popen → line read):          median {statistics.median(wall):.3f} s, "
          f"worst {max(wall):.3f} s, best {min(wall):.3f} s")
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    met = statistics.median(wall) <= TARGET_SECONDS
    print(f"target ≤ {TARGET_SECONDS} s (median, launcher clock): {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
