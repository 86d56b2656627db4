"""Child processes end when the app ends, even after kill -9 (scanning/child_processes.py).

Each test starts a stand-in for the app in a subprocess — it starts the real children (an OCR worker
of scanning.pipeline, the training sandbox server) and prints their pids — then kills it and polls,
with a deadline, until the children are gone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[1]

APP = textwrap.dedent("""
    import os, sys, threading, time
    from pathlib import Path
    from scanning.pipeline import PagePipeline
    from sync.sandbox.server import SandboxProcess

    pipeline = PagePipeline(workers=1)
    worker_pid = pipeline._pool().submit(os.getpid).result(timeout=120)
    pids = [worker_pid]
    if sys.argv[2] == "sandbox":
        # As in the GUI: started from a background lane (a thread that ends), not the main thread.
        box = {}
        starter = threading.Thread(target=lambda: box.update(s=SandboxProcess(Path(sys.argv[1]))))
        starter.start(); starter.join()
        box["s"].wait_ready(60)
        pids.append(box["s"].process.pid)
    print(" ".join(map(str, pids)), flush=True)
    threading.Event().wait()   # until killed
""")


def _start_app(tmp_path: Path, with_sandbox: bool) -> tuple[subprocess.Popen, list[int]]:
    app = subprocess.Popen([sys.executable, "-c", APP, str(tmp_path / "sandbox"),
                            "sandbox" if with_sandbox else "none"], cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    line = app.stdout.readline()
    if not line:
        app.kill()
        pytest.fail("the stand-in app did not start its children: " + app.stderr.read()[-2000:])
    return app, [int(pid) for pid in line.split()]


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _wait_gone(pids: list[int], timeout: float = 20.0) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        left = [pid for pid in pids if _alive(pid)]
        if not left:
            return []
        psutil.wait_procs([psutil.Process(p) for p in left if psutil.pid_exists(p)], timeout=0.2)
    return [pid for pid in pids if _alive(pid)]


def _cleanup(pids: list[int]) -> None:
    for pid in pids:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_ocr_worker_and_sandbox_end_with_the_app(tmp_path, how):
    app, children = _start_app(tmp_path, with_sandbox=True)
    try:
        assert all(_alive(pid) for pid in children)
        app.send_signal(how)
        app.wait(timeout=30)
        left = _wait_gone(children)
        assert not left, f"children still running after the app ended ({how.name}): {left}"
    finally:
        _cleanup(children)
        app.kill()


def test_ocr_worker_takes_its_programs_with_it(tmp_path):
    """The worker leads its own process group: a program it ran (tesseract) ends with it."""
    app, children = _start_app(tmp_path, with_sandbox=False)
    worker = children[0]
    try:
        assert os.getpgid(worker) == worker
        # A long-running program in the worker's group, as a tesseract run would be.
        grandchild = subprocess.Popen(["sleep", "600"], process_group=worker)
        try:
            app.kill()
            app.wait(timeout=30)
            assert not _wait_gone([worker, grandchild.pid])
        finally:
            grandchild.kill()
            grandchild.wait()
    finally:
        _cleanup(children)
        app.kill()


def test_parent_death_signal_and_watchdog_in_process(tmp_path):
    """The primitives: a child started with child_env() from the main thread dies with SIGKILLed parent."""
    script = textwrap.dedent("""
        import subprocess, sys, os
        from scanning.child_processes import child_env
        child = subprocess.Popen([sys.executable, "-c",
            "from scanning.child_processes import die_with_parent_from_env as d; import threading; "
            "assert d(); print('ready', flush=True); threading.Event().wait()"],
            env={**os.environ, **child_env()}, stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        print(child.pid, flush=True)
        import threading; threading.Event().wait()
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    child = int(parent.stdout.readline())
    try:
        parent.kill()
        parent.wait(timeout=30)
        assert not _wait_gone([child], timeout=10)
    finally:
        _cleanup([child])


def test_file_decoder_ends_with_the_app(tmp_path):
    """A page-file decoder (scanning/untrusted.py, under the forkserver) stuck on a file: gone after kill -9."""
    script = textwrap.dedent("""
        import os, threading, time, psutil
        from scanning.untrusted import iter_isolated
        threading.Thread(target=lambda: list(iter_isolated(time.sleep, 600, label="treo", timeout=900)),
                         daemon=True).start()
        me = psutil.Process()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            family = me.children(recursive=True)
            if any(p.ppid() != os.getpid() for p in family):   # the decoder, a child of the forkserver
                break
            time.sleep(0.05)   # polling for the child to appear
        print(" ".join(str(p.pid) for p in family), flush=True)
        threading.Event().wait()
    """)
    app = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    family = [int(pid) for pid in app.stdout.readline().split()]
    try:
        assert len(family) >= 2
        app.kill()
        app.wait(timeout=30)
        assert not _wait_gone(family)
    finally:
        _cleanup(family)
