"""Fast start: the sign-in window first, the database behind it (docs/PERFORMANCE.md, «Start-up»).

Importing SQLAlchemy and the models and opening the desk take most of a start (more than the rest
together on this machine). ``run_gui`` therefore

* loads only the settings (a JSON file) before the sign-in window;
* decides between the first-run and the sign-in dialog from the SQLite file itself with the standard
  library (:func:`users_exist`; any doubt — another database, an unreadable file — and the desk is
  opened first, as before);
* opens the desk (:meth:`PendingDesk.open`) as the first job of the database lane while the window is
  on screen. The dialogs only ever use ``desk.settings`` on the UI thread and call ``desk.sessions``
  inside their background job, which runs on that same lane after the open: nothing waits on the UI
  thread.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from desk_app.config import Settings

if TYPE_CHECKING:
    from desk_app.desk import Desk


def sqlite_path(url: str) -> Path | None:
    """The file of a plain ``sqlite:///path`` URL (None for anything else)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url or "%" in url:
        return None
    path = url[len(prefix):]
    return Path(path) if path and path != ":memory:" else None


def users_exist(settings: Settings, folder: Path) -> bool | None:
    """Whether the desk has an account, read from its SQLite file read-only; None when unsure."""
    path = sqlite_path(settings.database_url_or_default(folder))
    if path is None:
        return None
    if not path.exists():
        return False   # a new installation: the first-run dialog
    try:
        connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        return connection.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError as exc:
        return False if "no such table" in str(exc) else None
    except sqlite3.Error:
        return None
    finally:
        connection.close()


class _Sessions:
    """Stands for ``desk.sessions`` until the desk is open: calling it (in a background job) waits for it."""

    def __init__(self, pending: "PendingDesk") -> None:
        self._pending = pending

    def __call__(self, *args: Any, **kwargs: Any):  # noqa: ANN204 - a SQLAlchemy Session
        return self._pending.result().sessions(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pending.result().sessions, name)


class PendingDesk:
    """The desk being opened in the background; ``settings`` and ``folder`` are there at once."""

    def __init__(self, settings: Settings, folder: Path) -> None:
        self.settings = settings
        self.folder = folder
        self.sessions = _Sessions(self)
        self._desk: Desk | None = None
        self._error: BaseException | None = None
        self._done = threading.Event()

    def open(self) -> "Desk":
        """Open the desk (a background job: the database lane's first)."""
        from desk_app.desk import Desk

        try:
            self._desk = Desk.open(self.folder, self.settings)
            return self._desk
        except BaseException as exc:
            self._error = exc
            raise
        finally:
            self._done.set()

    @property
    def ready(self) -> bool:
        return self._done.is_set()

    @property
    def failed(self) -> bool:
        return self._error is not None

    def result(self, timeout: float | None = None) -> "Desk":
        """The open desk (waits for it: only from background jobs, or once it is known to be ready)."""
        if not self._done.wait(timeout):
            raise TimeoutError("Cơ sở dữ liệu chưa mở xong.")
        if self._error is not None:
            raise self._error
        return self._desk

    def __getattr__(self, name: str) -> Any:
        # Anything else a dialog might use is the real desk's (only reached once the desk is open).
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.result(), name)


def preload_main_window() -> None:
    """Import the main window and what it uses while the clerk types the password.

    Run on the database lane right after :meth:`PendingDesk.open` (the same thread, so two background
    threads never import the same modules at once); the sign-in job queues behind it, so by the time the
    main window is built on the UI thread its modules are loaded and nothing imports concurrently.
    """
    import ui.main_window  # noqa: F401
    import ui.sync_integration  # noqa: F401
