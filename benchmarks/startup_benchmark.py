"""Start-up benchmark: from launching ``desk-app gui`` to its sign-in window on screen (issue 10 §7, ≤ 1.5 s).

    nice -n 10 .venv/bin/python -m benchmarks.startup_benchmark --runs 15

A data folder with one account is prepared once (``desk-app init``: the schema is current, so the runs
measure an ordinary start, not a first installation). Each run launches ``desk-app gui`` under
``QT_QPA_PLATFORM=offscreen`` with ``DESK_APP_STARTUP_PROBE=exit``: the app prints
``sign-in-shown <s>`` when the sign-in window is first painted (seconds since the process started, from
``/proc``) and exits. Two figures per run: the app's own (process start → painted) and the launcher's
wall clock (``Popen`` → the line read, i.e. including the interpreter's own start). Reported: median
and worst of each, the load average before and after, and the first run apart (cold file cache).
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


def prepare(folder: Path) -> dict[str, str]:
    env = {**os.environ, "DESK_APP_DATA_DIR": str(folder), "QT_QPA_PLATFORM": "offscreen",
           "DESK_APP_ADMIN_PASSWORD": "Trống-đồng-Đông-Sơn-1"}
    subprocess.run([*_desk_app(), "init"], env=env, check=True, capture_output=True, cwd=ROOT, timeout=300)
    env.pop("DESK_APP_ADMIN_PASSWORD")
    env["DESK_APP_STARTUP_PROBE"] = "exit"
    return env


def one_run(env: dict[str, str], timeout: float = 60.0) -> tuple[float, float]:
    started = time.monotonic()
    process = subprocess.Popen([*_desk_app(), "gui"], env=env, cwd=ROOT, stdout=subprocess.PIPE,
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
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="startup-bench-"))
    try:
        env = prepare(folder)
        load_before = os.getloadavg()
        first = one_run(env)
        runs = [one_run(env) for _ in range(args.runs)]
        load_after = os.getloadavg()
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
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
