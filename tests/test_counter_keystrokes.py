"""How many keys a standard birth registration takes at the counter (issue 10, "Done when").

A clerk at a 1600×1000 screen, keyboard only: the mother hands over her CCCD and three sheets (the filled
Tờ khai đăng ký khai sinh, the Giấy chứng sinh and its back). Every key the clerk presses goes through
:class:`Keyboard`, which counts it; the card reader's key events (a USB QR reader is a keyboard) are
counted apart, they are not the clerk's. Confirmations — reading and confirming the yellow e-form values
and the accept itself — are counted apart too, as the issue asks ("≤ 10 keystrokes beyond confirmations").

The pages come from the SANE ``test`` backend through F8 (child process, feeder, spool, thumbnails — the
capture path the desk uses). That backend scans test patterns, not paper: :class:`PaperFeeder` puts the
image of each sheet in place of the pattern SANE delivered, as if the sheet had been in the feeder. The
declaration is the TT 04/2024 form as printed, typed, captured as a counter scanner does
(``benchmarks/real_paper/declarations.py``). OCR
(tesseract, worker processes) reads the pages, the declaration's title suggests the procedure and puts
the pages under their components, and the declaration reader fills the child's and parents' data.

Run: ``.venv/bin/python -m pytest tests/test_counter_keystrokes.py -q -s`` (prints the count; recorded in
docs/PERFORMANCE.md).
"""

from __future__ import annotations

import io
import random
from dataclasses import replace
from datetime import datetime

import pytest
from PIL import Image, ImageDraw, ImageFont
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desk_app.storage.models import Dossier
from scanning.capture.base import CaptureBatch, CaptureOptions, CaptureSource
from tests.test_counter_bugs import _burst, _key
from tests.test_procedure_picker import settle
from ui.main_window import MainWindow

MAX_KEYSTROKES = 10
MORNING = datetime(2026, 3, 10, 9, 0)   # Tuesday, office hours

CARD = "038190004567||Lê Thị Thu Trang|02091990|Nữ|Thôn Yên Vực, xã Hòa An, tỉnh Thanh Hóa|15062022"
DECLARATION = {
    "addressee": "Ủy ban nhân dân xã Hòa An",
    "declarant_name": "Lê Thị Thu Trang",
    "declarant_residence": "Thôn Yên Vực, xã Hòa An, tỉnh Thanh Hóa",
    "declarant_id_doc": "Căn cước số 038190004567",
    "declarant_relationship": "Mẹ",
    "child_name": "Nguyễn Minh Khôi",
    "child_dob": "20/02/2026",
    "child_dob_words": "Ngày hai mươi tháng hai năm hai nghìn không trăm hai mươi sáu",   # as the form asks
    "child_gender": "Nam",
    "child_ethnicity": "Kinh",
    "child_nationality": "Việt Nam",
    "child_birthplace": "Bệnh viện đa khoa tỉnh Thanh Hóa",
    "child_hometown": "Xã Hòa An, tỉnh Thanh Hóa",
    "mother_name": "Lê Thị Thu Trang",
    "mother_birth_year": "1990",
    "mother_ethnicity": "Kinh",
    "mother_nationality": "Việt Nam",
    "mother_id_number": "038190004567",
    "mother_residence": "Thôn Yên Vực, xã Hòa An, tỉnh Thanh Hóa",
    "father_name": "Nguyễn Văn Hùng",
    "father_birth_year": "1988",
    "father_ethnicity": "Kinh",
    "father_nationality": "Việt Nam",
    "father_id_number": "038088012345",
    "father_residence": "Thôn Yên Vực, xã Hòa An, tỉnh Thanh Hóa",
    "signed_at": "Xã Hòa An",
    "signed_date": "ngày 10 tháng 3 năm 2026",
    "copies_requested": "Có",
    "copies_count": "1",
}
# Values the pre-fill may give in another, equally right form (the desk's own name for the addressee, the
# card's fuller description of the ID document): the clerk leaves them.
EQUIVALENT = {
    "addressee": lambda v: v.casefold() in {"ubnd xã hòa an", "ủy ban nhân dân xã hòa an"},
    "declarant_id_doc": lambda v: "038190004567" in v and v.startswith("Căn cước"),
    "signed_at": lambda v: v.casefold().endswith("hòa an"),
}
# What the dossier's e-form must hold at the end: the child, both parents, the declarant.
MUST_HAVE = ("declarant_name", "declarant_relationship", "child_name", "child_dob", "child_gender",
             "child_birthplace", "child_ethnicity", "child_nationality", "mother_name", "mother_id_number",
             "father_name", "father_birth_year")


# --- the paper in the feeder ------------------------------------------------------------------------

def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    from resources import resource_path

    return ImageFont.truetype(str(resource_path("fonts", name)), size)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(200, 200))
    return out.getvalue()


def _birth_certificate(back: bool = False) -> Image.Image:
    page = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(page)
    regular, bold = _font("LiberationSerif-Regular.ttf", 34), _font("LiberationSerif-Bold.ttf", 46)
    if back:
        lines = ["Người đỡ đẻ: Hộ sinh Phạm Thị Hạnh", "Tình trạng trẻ khi sinh: khỏe mạnh, cân nặng 3200 gam",
                 "Ghi chú: cấp lần đầu"]
        y = 200
    else:
        draw.text((180, 100), "SỞ Y TẾ TỈNH THANH HÓA", font=regular, fill=0)
        draw.text((180, 150), "BỆNH VIỆN ĐA KHOA TỈNH THANH HÓA", font=regular, fill=0)
        draw.text((620, 300), "GIẤY CHỨNG SINH", font=bold, fill=0)
        lines = ["Họ và tên mẹ: Lê Thị Thu Trang", "Năm sinh: 1990   Dân tộc: Kinh",
                 "Đã sinh con vào lúc 07 giờ 45 phút ngày 20 tháng 02 năm 2026",
                 "Tại: Bệnh viện đa khoa tỉnh Thanh Hóa", "Giới tính của con: Nam   Cân nặng: 3200 gam"]
        y = 420
    for line in lines:
        draw.text((180, y), line, font=regular, fill=0)
        y += 70
    return page


def paper_sheets() -> list[Image.Image]:
    """The declaration as the TT 04/2024 form prints (typed values), captured as a counter scanner does
    (``benchmarks/real_paper/declarations.py``: skew, grey paper, speckle, blur, JPEG); then the certificate."""
    from benchmarks.real_paper.declarations import capture, render

    declaration = render("1.001193", DECLARATION, random.Random(7), handwritten=False, dpi=200)
    scanned, _angle = capture(declaration.image, random.Random(7))
    return [scanned.convert("L"), _birth_certificate(), _birth_certificate(back=True)]


class _FeederBatch(CaptureBatch):
    def __init__(self, inner: CaptureBatch, sheets: list[bytes]) -> None:
        super().__init__()
        self.inner, self.sheets = inner, sheets

    def __iter__(self):
        for index, page in enumerate(self.inner):
            if index >= len(self.sheets) or self.cancelled:
                break
            image = Image.open(io.BytesIO(self.sheets[index]))
            yield replace(page, data=self.sheets[index], media_type="image/png", width=image.width,
                          height=image.height, dpi=200)

    def cancel(self) -> None:
        super().cancel()
        self.inner.cancel()

    def close(self) -> None:
        self.inner.close()


class PaperFeeder(CaptureSource):
    """The SANE test scanner with real sheets in its feeder (see the module docstring)."""

    def __init__(self, sane: CaptureSource, sheets: list[bytes]) -> None:
        self.sane, self.sheets = sane, sheets
        self.kind = sane.kind

    def discover(self):  # noqa: ANN201
        return self.sane.discover()

    def start_batch(self, options: CaptureOptions) -> CaptureBatch:
        return _FeederBatch(self.sane.start_batch(replace(options, max_pages=len(self.sheets))), self.sheets)


# --- the clerk's keyboard -----------------------------------------------------------------------------

class Keyboard:
    """Every key the clerk presses, sent to the widget that has the focus, and counted."""

    def __init__(self, qtbot) -> None:  # noqa: ANN001
        self.qtbot = qtbot
        self.keystrokes: list[str] = []
        self.confirmations: list[str] = []
        self.reader_keys = 0

    def _focus(self):  # noqa: ANN202
        widget = QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard focus"
        return widget

    def press(self, key, modifiers=Qt.KeyboardModifier.NoModifier, *, name: str, confirmation: bool = False,
              expect_focus=None) -> None:  # noqa: ANN001
        widget = self._focus()
        if expect_focus is not None:
            assert widget is expect_focus, f"{name}: focus is on {widget.objectName() or widget}"
        self.qtbot.keyClick(widget, key, modifiers)
        (self.confirmations if confirmation else self.keystrokes).append(name)

    def card_reader(self, payload: str) -> None:
        """The USB QR reader types the card's payload and Enter, a few ms a key (not the clerk's keys)."""
        widget = self._focus()
        end = _burst(widget, payload, 100_000)
        _key(widget, "\n", end)
        self.reader_keys += len(payload) + 1

    def report(self) -> str:
        return (f"birth registration at the counter: {len(self.keystrokes)} keystrokes "
                f"({', '.join(self.keystrokes)}) + {len(self.confirmations)} confirmations "
                f"({', '.join(self.confirmations)}); card reader: {self.reader_keys} key events (not the clerk's)")


@pytest.mark.slow
@pytest.mark.parametrize(("path", "size"), [("frequent", (1600, 1000)), ("suggested", (1280, 720))],
                         ids=["alt1-frequent-1600x1000", "alt0-suggested-1280x720"])
def test_a_birth_registration_takes_at_most_ten_keystrokes_beyond_confirmations(
        qtbot, desk, clerk, tasks, tmp_path, fixed_clock, path, size):
    """Two paths: the procedure from the desk's most received (Alt+1, before anything else) or from the
    scanned declaration's title (Alt+0, once the pages are read)."""
    from scanning.capture.sane_source import SaneSource
    from tests.test_capture_sane import _config

    fixed_clock(MORNING)
    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    panel = window.reception
    scan = panel.scan_panel
    sheets = [_png(sheet) for sheet in paper_sheets()]
    sane = SaneSource(_config(tmp_path / "Cấu hình SANE"))
    scan.source_factory = lambda: PaperFeeder(sane, sheets)
    scan.options = CaptureOptions("test:0", resolution=200, mode="Gray", source="ADF")
    keys = Keyboard(qtbot)

    # 1. The screen opens in the procedure search.
    qtbot.waitUntil(panel.picker.search.hasFocus)
    if path == "frequent":
        # Birth registration is one of the desk's most received procedures: Alt+1 chooses it (shown under
        # the box) and moves on to «Nhận diện công dân».
        qtbot.waitUntil(lambda: "Alt+1: Đăng ký khai sinh" in panel.picker.quick_label.text(), timeout=10000)
        keys.press(Qt.Key_1, Qt.KeyboardModifier.AltModifier, name="Alt+1 (Đăng ký khai sinh)",
                   expect_focus=panel.picker.search)
        assert panel.procedure is not None and panel.procedure.code == "1.001193"
    else:
        # The procedure will come from the declaration: Tab on to «Nhận diện công dân» for the card.
        while not panel.identify.hasFocus():
            keys.press(Qt.Key_Tab, name="Tab")
            assert len(keys.keystrokes) <= 5, f"Tab went to {QApplication.focusWidget()}"
        assert panel.procedure is None
    qtbot.waitUntil(panel.identify.hasFocus)

    # 2. The mother's CCCD under the QR reader: her name, ID and residence fill the applicant.
    with qtbot.waitSignal(panel.identify.cardScanned, timeout=5000):
        keys.card_reader(CARD)
    assert panel.applicant_name.text() == "Lê Thị Thu Trang" and panel.id_number.text() == "038190004567"

    # 3. F8: the three sheets go through the feeder; the focus moves to the page list.
    with qtbot.waitSignal(scan.batchFinished, timeout=60000) as finished:
        keys.press(Qt.Key_F8, name="F8 (quét)")
    assert finished.args == [3] and scan.list.hasFocus()

    # 4. While the clerk looks at the papers: OCR reads the pages, the title of the first one confirms
    #    the procedure (the Alt+0 suggestion), the pages go under their components, the declaration is read.
    ids = [p.page_id for p in scan.pages()]
    qtbot.waitUntil(lambda: all(scan.page_text(i) is not None for i in ids), timeout=180000)
    qtbot.waitUntil(lambda: panel.picker.suggestion() is not None, timeout=10000)
    assert panel.picker.suggestion().code == "1.001193"
    if path == "suggested":
        assert panel.procedure is None and "Alt+0" in panel.status_label.text()
        keys.press(Qt.Key_0, Qt.KeyboardModifier.AltModifier, name="Alt+0 (thủ tục theo tờ khai)",
                   expect_focus=scan.list)
        assert panel.procedure.code == "1.001193" and scan.list.hasFocus()
    assert scan.page_assignments() == {ids[0]: "TP1", ids[1]: "TP2", ids[2]: "TP2"}
    qtbot.waitUntil(lambda: panel.eform.value("child_name") != "", timeout=180000)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=60000)

    # 5. The e-form: the clerk reads the yellow values against the paper and confirms them at once.
    eform = panel.eform
    wrong = {k: (eform.value(k), v) for k, v in DECLARATION.items()
             if eform.value(k) and eform.value(k) != v and not EQUIVALENT.get(k, lambda _v: False)(eform.value(k))}
    missing = eform.missing_required()
    print("\ne-form after pre-fill: wrong", wrong, "missing", missing, "unconfirmed", eform.unconfirmed_keys())
    # The clerk corrects what the reader got wrong and types what is missing: Tab to the field, type the
    # value (every Tab and every character counts).
    for key_name in [*wrong, *missing]:
        _correct(qtbot, keys, eform, key_name, DECLARATION.get(key_name, ""))
    if eform.unconfirmed_keys():
        # Ctrl+Enter first, as a clerk would: refused while values wait, it names them and puts the focus on
        # the first yellow value; the clerk reads them against the paper and confirms them all.
        keys.press(Qt.Key_Return, Qt.KeyboardModifier.ControlModifier,
                   name="Ctrl+Enter (từ chối: giá trị chờ xác nhận)", confirmation=True)
        assert "xác nhận" in panel.status_label.text()
        first = eform.field_widget(eform.unconfirmed_keys()[0])
        qtbot.waitUntil(lambda: QApplication.focusWidget() in (first, first.lineEdit()))
        keys.press(Qt.Key_Return, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
                   name="Ctrl+Shift+Enter (xác nhận tờ khai)", confirmation=True)
    assert eform.unconfirmed_keys() == [] and eform.missing_required() == []
    assert eform.check_ready() is None and eform.isAncestorOf(QApplication.focusWidget())

    filled, field_count = eform.eform_values(), eform.field_count()

    # 6. Ctrl+Enter: accepted (Mẫu 01).
    with qtbot.waitSignal(panel.dossierAccepted, timeout=60000) as accepted:
        keys.press(Qt.Key_Return, Qt.KeyboardModifier.ControlModifier, name="Ctrl+Enter (tiếp nhận)",
                   confirmation=True)
    print(keys.report())
    print(f"e-form: {len(filled)} of {field_count} fields filled, every required one; "
          f"{len([k for k in filled if k.startswith('child_')])} of the child's")

    with desk.sessions() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == accepted.args[0]))
        form = dict(dossier.form_data)
        components = {c.id: c.component_code for c in dossier.components}
        page_components = [components.get(p.component_id) for p in dossier.pages]
    assert dossier.procedure_code == "1.001193"
    assert page_components == ["TP1", "TP2", "TP2"]
    assert {k: form.get(k) for k in MUST_HAVE} == {k: DECLARATION[k] for k in MUST_HAVE}
    assert len(keys.keystrokes) <= MAX_KEYSTROKES, keys.report()
    settle(qtbot, window, tasks)


def _correct(qtbot, keys: Keyboard, eform, key_name: str, value: str) -> None:  # noqa: ANN001
    """Tab to the e-form field (each Tab counted), select its text, type the value (each character counted)."""
    from PySide6.QtGui import QInputMethodEvent

    widget = eform.field_widget(key_name)
    line = widget.lineEdit() if hasattr(widget, "lineEdit") and widget.lineEdit() else widget
    for _ in range(120):
        if QApplication.focusWidget() in (widget, line):
            break
        keys.press(Qt.Key_Tab, name="Tab")
    assert QApplication.focusWidget() in (widget, line), f"Tab never reaches {key_name}"
    keys.press(Qt.Key_A, Qt.KeyboardModifier.ControlModifier, name="Ctrl+A")
    for char in value:
        event = QInputMethodEvent("", [])
        event.setCommitString(char)
        QApplication.sendEvent(QApplication.focusWidget(), event)
        keys.keystrokes.append(char)
