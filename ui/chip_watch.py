"""«Đặt thẻ lên đầu đọc»: the PC/SC reader watched in the background, a chip CCCD read without a keystroke.

- :class:`ReaderWatcher` — a daemon thread asks pcscd every few hundred ms whether a card sits on a
  reader and reports arrivals, departures and a missing reader as Qt signals (queued to the UI thread).
- :class:`ChipCardBox` — the small box of the reception (and postal) form: when a card arrives it reads
  the chip through :func:`desk_app.services.chip_reading.read_chip_card` on the database lane, with
  the access key it has — the MRZ or the ID number + dates typed once, or the QR just scanned (birth
  and issue dates give the expiry, see ``expiry_candidates``) — or asks once for it. It shows the
  card photo (kept in memory only, dropped with the next card or the cleared form) and emits
  ``cardRead`` with the reading.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desk_app.desk import Desk
from scanning.id_card.chip.access_key import AccessKey, expiry_candidates, parse_access
from scanning.id_card.chip.errors import AccessKeyInputError, ChipError, ReaderNotFoundError, WrongAccessKeyError
from ui.tasks import TaskRunner


def _displayable(image: bytes | None, mime: str | None) -> bytes | None:
    """The photo as bytes Qt can show: JPEG as is, JPEG 2000 (no Qt plugin by default) re-encoded in memory."""
    if not image or mime != "image/jp2":
        return image
    import io

    from PIL import Image

    try:
        out = io.BytesIO()
        Image.open(io.BytesIO(image)).convert("RGB").save(out, "PNG")
        return out.getvalue()
    except (OSError, ValueError):
        return None


class ReaderWatcher(QObject):
    cardPlaced = Signal(str)      # reader name
    cardLifted = Signal()
    readerMissing = Signal(str)   # message for the clerk

    def __init__(self, parent: QObject | None = None, interval: float = 0.3) -> None:
        super().__init__(parent)
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="chip-reader-watch", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2)
            self._thread = None

    def _run(self) -> None:
        try:
            self._watch()
        except RuntimeError:   # the widget went away (form closed) while a signal was on its way
            pass

    def _watch(self) -> None:
        from scanning.id_card.chip.transport import card_present, list_readers

        holding: str | None = None
        missing = ""
        while not self._stop.is_set():
            try:
                readers = list_readers()
                now = next((r for r in readers if card_present(r)), None)
                missing = ""
            except ReaderNotFoundError as exc:
                now = None
                if str(exc) != missing:
                    missing = str(exc)
                    self.readerMissing.emit(missing)
                self._stop.wait(2.0)   # a reader may be plugged in later; no need to ask often
            except Exception:  # noqa: BLE001 - a PC/SC hiccup must not kill the watcher
                now = holding
            if now != holding:
                if now is None:
                    self.cardLifted.emit()
                else:
                    self.cardPlaced.emit(now)
                holding = now
            self._stop.wait(self.interval)


class ChipCardBox(QWidget):
    cardRead = Signal(object)   # desk_app.services.chip_reading.ChipCardReading

    def __init__(self, desk: Desk, tasks: TaskRunner, user, parent: QWidget | None = None,  # noqa: ANN001
                 watch: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("chipCard")
        self.desk, self.tasks, self.user = desk, tasks, user
        self._keys: list[AccessKey | str] = []
        self._bursts: list[str] = []   # the last keyboard-reader bursts (an MRZ arrives line by line)
        self._reader: str | None = None
        self._reading = False
        self.photo = QLabel(objectName="chipPhoto")
        self.photo.setFixedSize(72, 96)
        self.photo.setAlignment(Qt.AlignCenter)
        self.photo.setToolTip(self.tr("Ảnh chân dung trong chip: chỉ hiển thị, không lưu"))
        self.status = QLabel(self.tr("Đặt thẻ căn cước gắn chip lên đầu đọc."), objectName="chipStatus")
        self.status.setWordWrap(True)
        self.key_edit = QLineEdit(objectName="chipKey")
        self.key_edit.setPlaceholderText(self.tr("Số định danh, ngày sinh, ngày hết hạn (hoặc 3 dòng MRZ, mã CAN) — Enter"))
        self.key_edit.setVisible(False)
        self.key_edit.returnPressed.connect(self._key_typed)
        text = QVBoxLayout()
        text.addWidget(self.status)
        text.addWidget(self.key_edit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.photo)
        layout.addLayout(text, 1)
        self.watcher = ReaderWatcher(self)
        self.watcher.cardPlaced.connect(self._placed)
        self.watcher.cardLifted.connect(self._lifted)
        self.watcher.readerMissing.connect(self._reader_missing)
        if watch:
            self.watcher.start()
        stop = self.watcher._stop   # the thread ends with the form (the lambda must not touch the dead widget)
        self.destroyed.connect(lambda *_: stop.set())

    # -- keys ----------------------------------------------------------------------------------
    def use_key(self, key: AccessKey | str) -> None:
        """The MRZ scanned (or typed) for this citizen: used for the next card placed, or the one on the reader."""
        self._keys = [key]
        self._read_if_ready()

    def use_scanned_text(self, text: str) -> None:
        """A keyboard-reader burst that was not a QR: the MRZ of the back when an MRZ reader typed it.

        MRZ readers type the three lines with Enter between them, which may arrive as three bursts: the
        last three are tried together.
        """
        self._bursts = (self._bursts + [text.strip()])[-3:]
        for candidate in ("\n".join(self._bursts), text):
            try:
                key = AccessKey.parse(candidate)
            except AccessKeyInputError:
                continue
            self._bursts = []
            self.status.setText(self.tr("Đã nhận vùng MRZ mặt sau: đặt thẻ lên đầu đọc."))
            self.use_key(key)
            return

    def remember_card(self, card) -> None:  # noqa: ANN001 - CardQrData / CardReading from the QR
        """A QR just read: its number and dates give the chip key (expiry derived), no typing needed."""
        dob, number = getattr(card, "dob", None), getattr(card, "id_number", "")
        if not dob or len(number or "") != 12:
            return
        expiry = getattr(card, "expiry_date", None)
        expiries = [expiry] if expiry else expiry_candidates(dob, getattr(card, "issue_date", None))
        self._keys = [AccessKey.from_id(number, dob, e) for e in expiries]
        self._read_if_ready()

    def forget(self) -> None:
        """The form was cleared: drop the key and the photo."""
        self._keys = []
        self.photo.clear()
        self.key_edit.clear()
        self.key_edit.setVisible(False)

    def _key_typed(self) -> None:
        try:
            key = parse_access(self.key_edit.text())
        except AccessKeyInputError as exc:
            self.status.setText(str(exc))
            return
        self.key_edit.setVisible(False)
        self.use_key(key)

    # -- the reader ----------------------------------------------------------------------------
    def _placed(self, reader: str) -> None:
        self._reader = reader
        self._read_if_ready()

    def _lifted(self) -> None:
        self._reader = None
        if not self._reading:
            self.status.setText(self.tr("Đặt thẻ căn cước gắn chip lên đầu đọc."))

    def _reader_missing(self, message: str) -> None:
        self.status.setText(message)

    def _read_if_ready(self) -> None:
        if self._reader is None or self._reading:
            return
        if not self._keys:
            # Asked once: the key typed is kept for this citizen until the form is cleared.
            self.status.setText(self.tr("Thẻ đã đặt lên đầu đọc: nhập số định danh, ngày sinh, ngày hết hạn "
                                        "(hoặc quét mặt sau) để mở chip."))
            self.key_edit.setVisible(True)
            self.key_edit.setFocus()
            return
        self._reading = True
        self.status.setText(self.tr("Đang đọc chip… giữ yên thẻ trên đầu đọc."))
        desk, who, reader, keys = self.desk, self.user, self._reader, list(self._keys)

        def job():  # noqa: ANN202 - one core call per key guess; the first that opens the chip wins
            from desk_app.services.chip_reading import read_chip_card

            for index, key in enumerate(keys):
                try:
                    reading = read_chip_card(desk, who, key, reader_name=reader)
                except WrongAccessKeyError:
                    if index == len(keys) - 1:
                        raise
                    continue
                return reading, _displayable(reading.face_image, reading.face_mime)
            raise WrongAccessKeyError()

        self.tasks.run_db(job, self._done, self._failed)

    def _done(self, result) -> None:  # noqa: ANN001
        self._reading = False
        reading, face = result
        if face:
            pixmap = QPixmap()
            pixmap.loadFromData(face)
            self.photo.setPixmap(pixmap.scaled(self.photo.size(), Qt.KeepAspectRatio, Qt.SmoothTransformation))
        auth = reading.authentication.get("message", "")
        self.status.setText(self.tr("Đã đọc chip CCCD của %1. %2").replace("%1", reading.full_name).replace("%2", auth))
        self.cardRead.emit(reading)

    def _failed(self, exc: Exception) -> None:
        self._reading = False
        if isinstance(exc, WrongAccessKeyError):
            self._keys = []
            self.key_edit.setVisible(True)
            self.key_edit.setFocus()
        if isinstance(exc, (ChipError, PermissionError)):
            self.status.setText(str(exc))
        else:
            self.status.setText(self.tr("Không đọc được chip: %1").replace("%1", type(exc).__name__))

    def shutdown(self) -> None:
        self.watcher.stop()
