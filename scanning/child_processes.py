"""Child processes end when the app ends — also after ``kill -9`` of the app.

Two mechanisms, both set up *in the child* (nothing here imports Qt):

* the parent-death signal (Linux ``prctl(PR_SET_PDEATHSIG)`` via ctypes): the kernel signals the child
  when its parent goes. The kernel ties it to the parent *thread* that started the child, so it is only
  asked for when the parent says it started the child from its main thread (:func:`child_env`), never
  for children started from a background lane, which the pool may end after 30 s idle;
* a watchdog thread that checks every quarter second whether the parent is still the parent (the
  parent's pid, given by the parent, against ``os.getppid()``: an orphan is re-parented). It works
  whichever thread started the child and on any POSIX system.

A child may lead its own process group (``own_group``): when it ends because its parent is gone it
takes the whole group with it, so the programs it ran (tesseract) do not outlive it either.

Used by the OCR worker processes (``scanning/pipeline.py``) and the training sandbox server
(``desk-app sandbox-server`` started by ``sync/sandbox/server.SandboxProcess``). It lives in
``scanning/``, the lowest layer, so the scanning workers can use it without depending on the core.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Callable

PARENT_PID_ENV = "DESK_APP_PARENT_PID"
DEATH_SIGNAL_ENV = "DESK_APP_PARENT_DEATH_SIGNAL"  # "1": the parent started this child from its main thread
PR_SET_PDEATHSIG = 1
WATCH_INTERVAL = 0.25   # seconds between two looks at the parent (the watchdog's own pace)
GRACE_SECONDS = 3.0     # after a graceful stop is asked, the hard exit that follows


def child_env(parent_pid: int | None = None) -> dict[str, str]:
    """Environment entries for a child started now from this thread (see :func:`die_with_parent_from_env`)."""
    env = {PARENT_PID_ENV: str(parent_pid or os.getpid())}
    if threading.current_thread() is threading.main_thread():
        env[DEATH_SIGNAL_ENV] = "1"
    return env


def set_parent_death_signal(sig: int = signal.SIGTERM) -> bool:
    """Ask the kernel to send *sig* to this process when its parent (thread) ends; Linux only."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes   # here: the file-decoding children, which never ask for the signal, start faster

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def parent_gone(parent_pid: int) -> bool:
    return os.getppid() != parent_pid


def _end_orphan(own_group: bool, graceful: Callable[[], None] | None) -> None:
    if graceful is not None:
        try:
            graceful()
        except Exception:  # noqa: BLE001 - whatever happens, the process ends below
            pass
        time.sleep(GRACE_SECONDS)  # the graceful stop's time to finish; then the hard exit
    if own_group and os.name == "posix":
        try:
            if os.getpgrp() == os.getpid():
                os.killpg(os.getpgrp(), signal.SIGKILL)  # the programs this child ran, and the child itself
        except OSError:
            pass
    os._exit(1)


def watch_parent(parent_pid: int, *, own_group: bool = False, graceful: Callable[[], None] | None = None,
                 interval: float = WATCH_INTERVAL) -> threading.Thread | None:
    """Start the watchdog thread that ends this process once *parent_pid* is no longer its parent."""
    if parent_pid <= 1:
        return None
    if parent_gone(parent_pid):
        _end_orphan(own_group, None)

    def watch() -> None:
        while not parent_gone(parent_pid):
            time.sleep(interval)
        _end_orphan(own_group, graceful)

    thread = threading.Thread(target=watch, name="parent-watchdog", daemon=True)
    thread.start()
    return thread


def die_with_parent(parent_pid: int | None, *, death_signal: bool = False, own_group: bool = False,
                    graceful: Callable[[], None] | None = None) -> bool:
    """Make this (child) process end when *parent_pid* ends; returns whether a watchdog was set up.

    *death_signal*: also ask the kernel for SIGTERM at the parent's death (only when the parent started
    this child from its main thread). *own_group*: lead a new process group (the child's own programs end
    with it). *graceful*: how to ask this process to stop (e.g. a SIGTERM to itself for a server that
    shuts down cleanly on it); the hard exit follows after :data:`GRACE_SECONDS`.
    """
    if not parent_pid or os.name != "posix":
        return False
    if own_group:
        try:
            os.setpgid(0, 0)
        except OSError:
            own_group = False
    if death_signal:
        set_parent_death_signal(signal.SIGTERM)
    return watch_parent(parent_pid, own_group=own_group, graceful=graceful) is not None


def process_gone(pid: int) -> bool:
    """Whether process *pid* has ended (a zombie waiting to be reaped counts as ended)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state in ("Z", "X")


def die_with_process(pid: int | None, *, interval: float = WATCH_INTERVAL) -> threading.Thread | None:
    """End this process once process *pid* (not necessarily its parent) has ended.

    For children of a helper such as Python's forkserver: they hold the forkserver's liveness pipe, so
    the forkserver outlives the app as long as they run; they watch the app itself instead.
    """
    if not pid or pid <= 1 or os.name != "posix":
        return None
    if process_gone(pid):
        os._exit(1)

    def watch() -> None:
        while not process_gone(pid):
            time.sleep(interval)
        os._exit(1)

    thread = threading.Thread(target=watch, name="app-watchdog", daemon=True)
    thread.start()
    return thread


def die_with_parent_from_env(*, own_group: bool = False, graceful: Callable[[], None] | None = None) -> bool:
    """:func:`die_with_parent` for a child started with :func:`child_env` in its environment."""
    try:
        parent_pid = int(os.environ.get(PARENT_PID_ENV, "0"))
    except ValueError:
        return False
    return die_with_parent(parent_pid, death_signal=os.environ.get(DEATH_SIGNAL_ENV) == "1",
                           own_group=own_group, graceful=graceful)


def terminate_self() -> None:
    """A graceful stop for servers that shut down on SIGTERM (uvicorn)."""
    os.kill(os.getpid(), signal.SIGTERM)
