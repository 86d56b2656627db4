"""One app per data folder (ui/single_instance.py): a second start brings the first window forward, or
says clearly why it cannot; a lock left by a killed app does not stop the next start; SIGTERM ends the
app as closing its window does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SECOND_START = textwrap.dedent("""
    import sys
    from PySide6.QtWidgets import QApplication
    from ui.single_instance import claim_data_folder
    app = QApplication([])
    claim = claim_data_folder(sys.argv[1])
    print("primary" if claim.guard else "activated" if claim.activated_other else "refused")
    print(claim.message)
""")


def _env(folder: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
            "DESK_APP_DATA_DIR": str(folder), **extra}


def _second_start(folder: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", SECOND_START, str(folder)], cwd=ROOT, env=_env(folder),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_second_start_brings_the_first_forward(qtbot, data_folder):
    from ui.single_instance import claim_data_folder

    claim = claim_data_folder(data_folder)
    assert claim.guard is not None and claim.guard.listening
    try:
        with qtbot.waitSignal(claim.guard.activationRequested, timeout=20000):
            second = _second_start(data_folder)
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=20000)
        out, err = second.communicate()
        assert out.split("\n")[0] == "activated", err
    finally:
        claim.guard.release()


def test_a_locked_folder_whose_app_does_not_answer_is_explained(data_folder):
    from PySide6.QtCore import QLockFile

    from ui.single_instance import LOCK_NAME

    lock = QLockFile(str(data_folder / LOCK_NAME))   # held by a live process that serves no window
    assert lock.tryLock(0)
    try:
        out, _err = _second_start(data_folder).communicate(timeout=60)
    finally:
        lock.unlock()
    state, message = out.split("\n", 1)
    assert state == "refused"
    assert f"tiến trình {os.getpid()}" in message and "không trả lời" in message
    assert "Errno" not in message and str(data_folder) in message


def test_a_lock_file_that_cannot_be_made_is_a_clear_message(tmp_path):
    """As when the folder is read-only; a directory in the lock file's place fails for root as well."""
    from ui.single_instance import LOCK_NAME, claim_data_folder

    folder = tmp_path / "chỉ đọc"
    (folder / LOCK_NAME).mkdir(parents=True)
    claim = claim_data_folder(folder)
    assert claim.guard is None and "khóa" in claim.message and str(folder) in claim.message
    assert "Errno" not in claim.message


# -- the whole app: `desk-app gui` -------------------------------------------------------------------
def _prepared(folder: Path) -> None:
    subprocess.run([sys.executable, "-m", "desk_app", "init"], cwd=ROOT, check=True, capture_output=True,
                   env=_env(folder, DESK_APP_ADMIN_PASSWORD="Trống-đồng-Đông-Sơn-1"), timeout=300)


def _start_gui(folder: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "desk_app", "gui"], cwd=ROOT,
                            env=_env(folder, DESK_APP_STARTUP_PROBE="print"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _expect_line(process: subprocess.Popen, prefix: str) -> str:
    line = process.stdout.readline()   # the app prints each event on its own line (no fixed wait)
    if not line.startswith(prefix):
        process.kill()
        pytest.fail(f"expected «{prefix}», got «{line}»: {process.stderr.read()[-2000:]}")
    return line


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
    process.wait(30)


@pytest.mark.slow
def test_two_starts_of_the_app_on_one_data_folder(data_folder):
    _prepared(data_folder)
    first = _start_gui(data_folder)
    try:
        _expect_line(first, "sign-in-shown")
        second = subprocess.run([sys.executable, "-m", "desk_app", "gui"], cwd=ROOT, capture_output=True,
                                text=True, env=_env(data_folder, DESK_APP_STARTUP_PROBE="print"), timeout=120)
        assert second.returncode == 0, second.stderr
        assert "đã đưa cửa sổ đó lên trước" in second.stdout and "sign-in-shown" not in second.stdout
        _expect_line(first, "activated")

        # SIGTERM ends the first app as closing it would (no traceback, exit code 0).
        first.send_signal(signal.SIGTERM)
        assert first.wait(60) == 0
        assert "Traceback" not in first.stderr.read()
    finally:
        _stop(first)


@pytest.mark.slow
def test_a_lock_left_by_a_killed_app_does_not_stop_the_next_start(data_folder):
    _prepared(data_folder)
    first = _start_gui(data_folder)
    try:
        _expect_line(first, "sign-in-shown")
        first.kill()
        first.wait(30)
        assert (data_folder / "desk-app.lock").exists()
        again = _start_gui(data_folder)
        try:
            _expect_line(again, "sign-in-shown")
        finally:
            _stop(again)
    finally:
        _stop(first)


def test_sign_in_through_run_gui_with_the_database_opened_behind_the_window(qtbot, qapp, desk, clerk,
                                                                             monkeypatch, fixed_clock):
    """Fast start: run_gui shows the sign-in window before the desk is open; signing in still works."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import ui.app
    import ui.sync_integration
    from tests.conftest import CLERK_PASSWORD
    from ui.login_dialog import LoginDialog
    from ui.main_window import MainWindow

    monkeypatch.setattr(ui.app, "install_quit_on_signals", lambda app: None)  # not in the test process
    monkeypatch.setattr(ui.app, "install_security", lambda *args: None)
    monkeypatch.setattr(ui.sync_integration, "attach_sync", lambda *args, **kwargs: None)
    from datetime import datetime

    from PySide6.QtWidgets import QMessageBox

    # A working day in March: no start-up notice (from December on, next year's provisional calendar has one).
    fixed_clock(datetime(2026, 3, 10, 9, 0))
    seen: dict[str, object] = {}

    def step() -> None:   # the clerk, driven from the event loop run_gui runs
        for box in QApplication.topLevelWidgets():   # a notice the clerk reads and closes
            if isinstance(box, QMessageBox) and box.isVisible():
                box.done(QMessageBox.Ok)
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, LoginDialog) and "login" not in seen:
            seen["login"] = dialog
            dialog.username.setText("tuyet.nguyen")
            dialog.password.setText(CLERK_PASSWORD)
            dialog.buttons.accepted.emit()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and "window" not in seen:
                seen["window"] = widget
                seen["user"] = widget.user.username
                widget.close()

    driver = QTimer(interval=50)
    driver.timeout.connect(step)
    driver.start()
    # Never a hung suite: the event loop ends after two minutes whatever happened, and the asserts say what.
    QTimer.singleShot(120_000, QApplication.quit)
    try:
        assert ui.app.run_gui(["desk-app"]) == 0
    finally:
        driver.stop()
    assert seen.get("user") == "tuyet.nguyen"
