"""Start-up of the GUI: Qt application, translations, the desk, sign-in, main window."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDialog

from desk_app.errors import user_errors
from resources import RESOURCES_DIR
from ui.login_dialog import FirstRunDialog, LoginDialog
from ui.qt_translations import install_qt_translations
from ui.single_instance import claim_data_folder, install_quit_on_signals, report_refusal, startup_probe
from ui.tasks import TaskRunner, install_gui_thread_gc

if TYPE_CHECKING:
    from desk_app.desk import Desk
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
        report_refusal(QCoreApplication.translate("App", "Không mở được thư mục dữ liệu: %1")
                       .replace("%1", str(exc.strerror or exc)))
    if claim is None or claim.guard is None:
        if claim is not None and claim.activated_other:
            print(QCoreApplication.translate("App", "Bộ phận Một cửa đã mở với thư mục dữ liệu này: đã đưa cửa sổ "
                                             "đó lên trước."), flush=True)
            return 0
        if claim is not None:
            report_refusal(claim.message)
        return 2
    install_quit_on_signals(app)  # SIGTERM ends the app as closing it does (children stopped, drafts saved)
    # Fast start (ui/fast_start.py): the settings now, the database behind the sign-in window.
    from desk_app.config import Settings
    from ui.fast_start import PendingDesk, preload_main_window, users_exist

    folder = data_dir()
    try:
        settings = Settings.load(folder)
    except Exception as exc:  # noqa: BLE001 - tell the clerk, then stop
        if not isinstance(exc, user_errors()):
            raise
        report_refusal(str(exc))
        return 2
    pending = PendingDesk(settings, folder)
    language = settings.language or QLocale.system().name()
    ui_translator = install_translator(app, language)
    # Qt's own dialogs (file, print, context menus, standard buttons) in the language the UI shows.
    install_qt_translations(app, language if ui_translator is not None else "vi")

    tasks = TaskRunner(app)
    failure: list[BaseException] = []

    def desk_failed(exc: BaseException) -> None:
        failure.append(exc)
        if QApplication.activeModalWidget() is not None:
            QApplication.activeModalWidget().reject()
        report_refusal(str(exc) if isinstance(exc, user_errors()) else
                       QCoreApplication.translate("App", "Không mở được cơ sở dữ liệu (%1): %2")
                       .replace("%1", type(exc).__name__).replace("%2", str(exc)))

    have_users = users_exist(settings, folder)
    if have_users is None:  # not a plain SQLite file: open the desk first, as before
        try:
            pending.open()
        except Exception as exc:  # noqa: BLE001 - tell the clerk, then stop
            if not isinstance(exc, user_errors()):
                raise
            report_refusal(str(exc))
            return 2
    else:
        tasks.run_db(pending.open, on_error=desk_failed)  # the database lane's first job
        if os.environ.get("DESK_APP_STARTUP_PROBE") != "exit":
            tasks.run_db(preload_main_window, on_error=lambda _exc: None)  # imported again (and reported) later
    code = 0
    while True:  # once more after each logout (ui.idle_lock.log_out)
        if have_users is None:
            from desk_app.services.users import count_users

            have_users = count_users(pending.result().sessions) > 0
        # The dialogs use the settings at once and the database only in their background jobs.
        dialog: QDialog = LoginDialog(pending, tasks) if have_users else FirstRunDialog(pending, tasks)
        have_users = None
        startup_probe(dialog)  # benchmarks/startup_benchmark.py
        if failure or dialog.exec() != QDialog.Accepted or dialog.user is None:
            break
        desk = pending.result()  # open: the sign-in job ran after it on the database lane
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
    if pending.ready and not pending.failed:
        pending.result().close()
    claim.guard.release()
    return 2 if failure else code


def install_security(window: MainWindow, desk: Desk, tasks: TaskRunner, who) -> None:  # noqa: ANN001
    """Idle lock of the counter screen, and the audit chain checked once (a break shown to supervisors)."""
    from ui.audit_check import check_audit_chain
    from ui.idle_lock import install_idle_lock

    install_idle_lock(window)
    check_audit_chain(window, desk, tasks, who)


if __name__ == "__main__":
    sys.exit(run_gui(sys.argv))
