"""Start-up of the GUI: Qt application, translations, the desk, sign-in, main window."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desk_app.desk import Desk
from desk_app.errors import user_errors
from desk_app.services.users import count_users
from resources import RESOURCES_DIR
from ui.login_dialog import FirstRunDialog, LoginDialog
from ui.qt_translations import install_qt_translations
from ui.single_instance import claim_data_folder, install_quit_on_signals, report_refusal, startup_probe
from ui.tasks import TaskRunner, install_gui_thread_gc

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install_translator(app: QApplication, language: str) -> QTranslator | None:
    """Vietnamese is the source language; any other language loads resources/translations/desk_app_<lang>.qm."""
    if language.startswith("vi"):
        return None
    translator = QTranslator(app)
    if translator.load(str(RESOURCES_DIR / "translations" / f"desk_app_{language}.qm")):
        app.installTranslator(translator)
        return translator
    return None


def run_gui(argv: list[str]) -> int:
    app = QApplication.instance() or QApplication(argv)
    install_gui_thread_gc(app)  # Qt objects are only ever collected on the GUI thread
    app.setApplicationName("desk-app")
    app.setApplicationDisplayName("Bộ phận Một cửa")
    app.setFont(QFont("DejaVu Sans", 10))
    # One app per data folder: a second start brings the first window forward (ui/single_instance.py).
    from desk_app.config import data_dir

    try:
        claim = claim_data_folder(data_dir())
    except OSError as exc:
        claim = None
        report_refusal(f"Không mở được thư mục dữ liệu: {exc.strerror or exc}")
    if claim is None or claim.guard is None:
        if claim is not None and claim.activated_other:
            print("Bộ phận Một cửa đã mở với thư mục dữ liệu này: đã đưa cửa sổ đó lên trước.", flush=True)
            return 0
        if claim is not None:
            report_refusal(claim.message)
        return 2
    install_quit_on_signals(app)  # SIGTERM ends the app as closing it does (children stopped, drafts saved)
    try:
        desk = Desk.open()
    except Exception as exc:  # noqa: BLE001 - tell the clerk, then stop
        if not isinstance(exc, user_errors()):
            raise
        QMessageBox.critical(None, "Không khởi động được", str(exc))
        return 2
    language = desk.settings.language or QLocale.system().name()
    ui_translator = install_translator(app, language)
    # Qt's own dialogs (file, print, context menus, standard buttons) in the language the UI shows.
    install_qt_translations(app, language if ui_translator is not None else "vi")

    tasks = TaskRunner(app)
    code = 0
    while True:  # once more after each logout (ui.idle_lock.log_out)
        dialog: QDialog = (FirstRunDialog(desk, tasks) if count_users(desk.sessions) == 0
                           else LoginDialog(desk, tasks))
        startup_probe(dialog)  # benchmarks/startup_benchmark.py
        if dialog.exec() != QDialog.Accepted or dialog.user is None:
            break
        # Loaded after the sign-in window is up (fast start): the main window and everything it uses.
        from ui.main_window import MainWindow
        from ui.sync_integration import attach_sync

        window = MainWindow(desk, tasks, dialog.user)
        # Uploads to the province run beside the counter; in training mode against the bundled sandbox.
        attach_sync(window, desk, tasks, desk.settings.provincial_endpoint)
        install_security(window, desk, tasks, dialog.user)
        window.show()
        code = app.exec()
        if not getattr(window, "logged_out", False):
            break
        window.deleteLater()
    tasks.wait_idle()
    desk.close()
    claim.guard.release()
    return code


def install_security(window: MainWindow, desk: Desk, tasks: TaskRunner, who) -> None:  # noqa: ANN001
    """Idle lock of the counter screen, and the audit chain checked once (a break shown to supervisors)."""
    from ui.audit_check import check_audit_chain
    from ui.idle_lock import install_idle_lock

    install_idle_lock(window)
    check_audit_chain(window, desk, tasks, who)


if __name__ == "__main__":
    sys.exit(run_gui(sys.argv))
