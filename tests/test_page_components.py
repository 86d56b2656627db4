"""Pages belong to components (issue 10 §4): digit keys on the page list, automatic by the page's title,
a large page view (Space), the page count drives «Số trang bản chính», components without pages are
shown, and each stored page keeps its component (MaThanhPhanHoSo goes to the province filled).
Page keys act only where the clerk is: on the page list (issue 10 §1)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget
from sqlalchemy import select

from desk_app.catalog.procedures import ProcedureCatalog
from desk_app.services.page_components import (
    BY_CLERK,
    BY_CONTINUATION,
    BY_TITLE,
    Assignment,
    PageInfo,
    auto_assign,
    component_page_counts,
    fee_pages,
    match_component,
    slots_for,
    suggest_procedures,
)
from desk_app.storage.models import Dossier
from tests.test_capture_scan_panel import FastSource, spool  # noqa: F401 - fixtures
from ui.scan_panel import ScanPanel
from scanning.capture.base import CaptureOptions

DAY = date(2026, 3, 10)

DECLARATION = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

TỜ KHAI ĐĂNG KÝ KHAI SINH
Kính gửi: Ủy ban nhân dân xã Hòa An
Họ, chữ đệm, tên người yêu cầu: Lê Thị Thu Trang
Giấy tờ tùy thân: Căn cước số 038190004567
Quan hệ với người được khai sinh: Mẹ
"""
DECLARATION_PAGE_2 = """Họ, chữ đệm, tên người cha: Nguyễn Văn Hùng
Năm sinh: 1988  Dân tộc: Kinh  Quốc tịch: Việt Nam
Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật
"""
BIRTH_CERTIFICATE = """SỞ Y TẾ THANH HÓA
BỆNH VIỆN ĐA KHOA TỈNH THANH HÓA
GIẤY CHỨNG SINH
Họ và tên mẹ: Lê Thị Thu Trang
"""


@pytest.fixture(scope="module")
def catalog() -> ProcedureCatalog:
    return ProcedureCatalog.load()


@pytest.fixture(scope="module")
def birth_slots(catalog):
    return slots_for(catalog.get("1.001193", DAY), "Tờ khai đăng ký khai sinh")


# -- the core (no Qt) ------------------------------------------------------------------------------

def test_a_page_is_recognised_by_its_title_not_by_what_its_body_mentions(birth_slots):
    assert [s.number for s in birth_slots] == [1, 2, 3, 4]
    assert match_component(birth_slots, DECLARATION).code == "TP1"
    assert match_component(birth_slots, BIRTH_CERTIFICATE).code == "TP2"
    # OCR slips in the title (l for i, ỷ for ý) still match; a body that mentions "giấy tờ tùy thân" does not.
    assert match_component(birth_slots, "CONG HOA XA HOI CHU NGHIA VIET NAM\nTỜ KHAl ĐĂNG KỶ KHAI SlNH").code == "TP1"
    assert match_component(birth_slots, DECLARATION_PAGE_2) is None
    assert match_component(birth_slots, "") is None


def test_automatic_assignment_keeps_the_clerks_choice_and_follows_continuation_pages(birth_slots):
    pages = [PageInfo("p1", DECLARATION), PageInfo("p2", DECLARATION_PAGE_2), PageInfo("p3", BIRTH_CERTIFICATE),
             PageInfo("p4", "", blank=True), PageInfo("p5", None)]
    result = auto_assign(birth_slots, pages, {})
    assert result == {"p1": Assignment("TP1", BY_TITLE), "p2": Assignment("TP1", BY_CONTINUATION),
                      "p3": Assignment("TP2", BY_TITLE)}
    # The clerk says page 3 is the authorisation (4): kept however the title reads.
    result = auto_assign(birth_slots, pages, {**result, "p3": Assignment("TP4", BY_CLERK)})
    assert result["p3"] == Assignment("TP4", BY_CLERK) and result["p1"].code == "TP1"
    counts = component_page_counts(birth_slots, pages, result)
    assert counts == {"TP1": 2, "TP2": 0, "TP3": 0, "TP4": 1}


def test_fee_pages_count_the_pages_of_the_original(catalog):
    slots = slots_for(catalog.get("2.000815", DAY))   # chứng thực bản sao: per page, tiers
    pages = [PageInfo(f"p{i}", "") for i in range(1, 5)] + [PageInfo("p5", "", blank=True)]
    # Nothing assigned yet: every non-blank page the citizen brought.
    assert fee_pages(slots, pages, {}) == 4
    # Three pages of the original (TP1, bản chính), one photocopy (TP2, bản chụp): 3 pages to certify.
    assert fee_pages(slots, pages, {"p1": "TP1", "p2": "TP1", "p3": "TP1", "p4": "TP2"}) == 3
    assert fee_pages(slots, [], {}) == 1


def test_the_declaration_title_suggests_its_procedure(catalog):
    assert [p.code for p in suggest_procedures(catalog, DAY, DECLARATION)] == ["1.001193"]
    assert [p.code for p in suggest_procedures(catalog, DAY, "TỜ KHAI ĐĂNG KÝ KẾT HÔN\nHọ tên bên nữ")] == ["1.000894"]
    assert suggest_procedures(catalog, DAY, BIRTH_CERTIFICATE) == []   # not a declaration
    assert suggest_procedures(catalog, DAY, "") == []


def test_each_stored_page_keeps_its_component_and_the_province_gets_its_code(desk, clerk, page_files, fixed_clock):
    from desk_app.services.intake import IntakeSession, store_pages
    from sync.protocol import dossier_record

    fixed_clock(datetime(2026, 3, 10, 9, 0))
    first, second = store_pages(desk, page_files)
    session = IntakeSession(procedure_code="1.001193", applicant_name="Lê Thị Thu Trang",
                            applicant_id_number="038190004567",
                            pages=[replace(first, component_code="TP1"), replace(second, component_code="TP2")])
    outcome = session.finish(desk, clerk)
    with desk.sessions() as db:
        dossier = db.scalar(select(Dossier).where(Dossier.code == outcome.code))
        codes = [next(c.component_code for c in dossier.components if c.id == p.component_id) for p in dossier.pages]
        record = dossier_record(dossier)
    assert codes == ["TP1", "TP2"]
    assert [f["MaThanhPhanHoSo"] for f in record["TaiLieuNop"]] == ["TP1", "TP2"]


# -- the page list -------------------------------------------------------------------------------

@pytest.fixture
def counter(qtbot, spool, tasks, catalog):  # noqa: F811 - fixtures from the scan panel tests
    """A scan panel between a text field and a button, like on the counter screen."""
    host = QWidget()
    field = QLineEdit(objectName="someField")
    panel = ScanPanel(spool, tasks, lambda: FastSource(3), CaptureOptions(source="ADF"))
    button = QPushButton("Tiếp nhận hồ sơ", objectName="acceptButton")
    layout = QVBoxLayout(host)
    for widget in (field, panel, button):
        layout.addWidget(widget)
    qtbot.addWidget(host)
    host.resize(1280, 720)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    panel.set_components(slots_for(catalog.get("1.001193", DAY), "Tờ khai đăng ký khai sinh"))
    panel.install_capture_shortcuts(host)      # as the counter screen does: F8 from any of its fields
    field.setFocus()
    with qtbot.waitSignal(panel.batchFinished, timeout=15000):
        qtbot.keyClick(field, Qt.Key_F8)
    return host, field, panel, button


def test_page_keys_act_only_on_the_page_list(qtbot, counter):
    host, field, panel, button = counter
    assert len(panel.pages()) == 3 and panel.list.hasFocus()   # scanning put the focus on the pages
    first = panel.pages()[0].page_id

    # On the accept button: Del, R, B and digits change nothing.
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    for key in (Qt.Key_Delete, Qt.Key_R, Qt.Key_B, Qt.Key_1, Qt.Key_F9):
        qtbot.keyClick(button, key)
    assert len(panel.pages()) == 3 and not panel.scanning   # F9 (rescan the page) did not start either
    assert panel.pages()[0].rotation == 0 and not panel.pages()[0].blank and panel.page_assignments() == {}
    # In a text field the keys are text.
    field.setFocus()
    qtbot.keyClicks(field, "rb1")
    assert field.text() == "rb1" and len(panel.pages()) == 3 and panel.page_assignments() == {}

    # On the page list they act on the selected page.
    panel.list.setFocus()
    qtbot.waitUntil(panel.list.hasFocus)
    panel.list.setCurrentRow(0)
    qtbot.keyClick(panel.list, Qt.Key_1)
    assert panel.page_assignments() == {first: "TP1"} and panel.list.hasFocus()
    qtbot.keyClick(panel.list, Qt.Key_Right)   # the pages are a row of thumbnails
    qtbot.keyClick(panel.list, Qt.Key_2)
    second = panel.pages()[1].page_id
    assert panel.page_assignments() == {first: "TP1", second: "TP2"}
    assert "→ 2" in panel.list.item(1).text() and "Giấy chứng sinh" in panel.list.item(1).text()
    qtbot.keyClick(panel.list, Qt.Key_9)     # the procedure has 4 components: refused with a message
    assert panel.page_assignments()[second] == "TP2" and "4 thành phần" in panel.status_label.text()
    qtbot.keyClick(panel.list, Qt.Key_0)     # to none
    assert panel.page_assignments() == {first: "TP1"}
    qtbot.keyClick(panel.list, Qt.Key_Delete)
    assert len(panel.pages()) == 2 and panel.list.hasFocus()


def test_space_shows_the_page_large_and_digits_assign_it_there(qtbot, counter):
    _host, _field, panel, _button = counter
    panel.list.setFocus()
    panel.list.setCurrentRow(0)
    qtbot.keyClick(panel.list, Qt.Key_Space)
    viewer = panel.viewer
    assert viewer is not None
    qtbot.waitExposed(viewer)
    qtbot.waitUntil(lambda: viewer.picture.pixmap() is not None and not viewer.picture.pixmap().isNull(),
                    timeout=10000)
    assert viewer.width() > 600 and "Trang 1/3" in viewer.caption.text()
    qtbot.keyClick(QApplication.focusWidget() or viewer, Qt.Key_Right)
    assert viewer.row == 1 and "Trang 2/3" in viewer.caption.text()
    qtbot.keyClick(QApplication.focusWidget() or viewer, Qt.Key_2)
    assert panel.page_assignments() == {panel.pages()[1].page_id: "TP2"}
    assert "thành phần 2" in viewer.caption.text()
    qtbot.keyClick(QApplication.focusWidget() or viewer, Qt.Key_Escape)
    qtbot.waitUntil(lambda: panel.viewer is None)
    # Back on the page list, on the page last shown.
    qtbot.waitUntil(panel.list.hasFocus)
    assert panel.list.currentRow() == 1


def test_a_draft_restores_the_assignments(qtbot, counter):
    _host, _field, panel, _button = counter
    ids = [p.page_id for p in panel.pages()]
    with qtbot.waitSignal(panel.assignmentsChanged):
        panel.set_page_assignments({ids[0]: "TP1", ids[2]: "TP2"})
    assert panel.page_assignments() == {ids[0]: "TP1", ids[2]: "TP2"}
    # Automatic assignment never overrides a restored (clerk's) choice.
    panel.set_page_text(ids[2], DECLARATION)
    assert panel.page_assignments()[ids[2]] == "TP2"
    panel.set_page_text(ids[1], BIRTH_CERTIFICATE)
    assert panel.page_assignments()[ids[1]] == "TP2" and panel.page_assignment_details()[ids[1]].source == BY_TITLE


# -- the counter screen ------------------------------------------------------------------------------

def _counter_window(qtbot, desk, clerk, tasks):  # noqa: F811
    from ui.main_window import MainWindow

    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


@pytest.mark.slow
def test_pages_fill_the_components_and_the_fee_pages_and_are_filed_with_them(
        qtbot, desk, clerk, tasks, page_files, tmp_path, fixed_clock):  # noqa: F811
    from tests.conftest import make_page_image
    from sync.protocol import dossier_record

    fixed_clock(datetime(2026, 3, 10, 9, 0))
    window = _counter_window(qtbot, desk, clerk, tasks)
    panel = window.reception
    panel.picker.search.setText("2.000815")        # chứng thực bản sao: per-page fee
    assert panel.procedure.code == "2.000815"
    texts = [line.split(" — ")[-1] for line in
             (panel.components.item(i).text() for i in range(panel.components.count()))]
    # The original is only shown (and handed back); the photocopy to certify has no page yet.
    assert texts == ["xuất trình, không số hóa", "chưa có trang"]
    assert panel.components.item(0).text().startswith("1. Bản chính")

    files = page_files + [make_page_image(tmp_path / "Ảnh quét" / "trang 3.png", "3")]
    panel.scan_panel.insert_from_files(files)
    qtbot.waitUntil(lambda: len(panel.scan_panel.pages()) == 3, timeout=30000)
    # «Số trang bản chính» follows the pages (it stayed 1 before).
    qtbot.waitUntil(lambda: panel.fee_pages.value() == 3)
    scan = panel.scan_panel
    scan.list.setFocus()
    qtbot.waitUntil(scan.list.hasFocus)
    for row, key in ((0, Qt.Key_1), (1, Qt.Key_1), (2, Qt.Key_2)):
        scan.list.setCurrentRow(row)
        qtbot.keyClick(scan.list, key)
    assert panel.fee_pages.value() == 2                 # two pages of the original, one photocopy
    # The e-form's «Số trang của bản chính» follows the count once it settles (filled, not yellow).
    qtbot.waitUntil(lambda: panel.eform.value("original_pages") == "2", timeout=15000)
    assert "original_pages" not in panel.eform.unconfirmed_keys()
    assert panel.components.item(0).text().endswith("2 trang")
    assert panel.components.item(1).text().endswith("1 trang")
    assert panel.components.item(1).checkState() == Qt.Checked   # its page is here: the paper was brought

    from tests.test_gui_reception import type_text

    type_text(panel.applicant_name, "Trần Văn Bình")
    if hasattr(panel.eform, "confirm_all"):
        panel.eform.confirm_all()   # the e-form's yellow values (tested in the e-form's own tests)
    with qtbot.waitSignal(panel.dossierAccepted, timeout=30000) as accepted:
        panel.accept_dossier()
    with desk.sessions() as db:
        dossier = db.scalar(select(Dossier).where(Dossier.code == accepted.args[0]))
        record = dossier_record(dossier)
        fee = dossier.fee_amount
    assert [f["MaThanhPhanHoSo"] for f in record["TaiLieuNop"]] == ["TP1", "TP1", "TP2"]
    assert fee > 0
    # The next citizen: no pages, fee pages back to 1, no procedure chosen behind the clerk's back.
    qtbot.waitUntil(lambda: panel.fee_pages.value() == 1 and not panel.scan_panel.pages())
    assert panel.procedure is None
    from tests.test_procedure_picker import settle

    settle(qtbot, window, tasks)


def test_assignment_and_suggestion_stay_quick_on_the_ui_thread(catalog, birth_slots, capsys):
    """Both run on the UI thread at every page read or edit: 50 pages and a province's 100+ procedures.
    Prints the figures (docs/PERFORMANCE.md); the bounds are loose (a loaded 2-core machine)."""
    import time
    from pathlib import Path

    from desk_app.catalog.importer import build_catalog, read_records

    records, defaults = read_records(Path("resources/catalog/sample-commune-procedures.json"))
    province = catalog.overlaid_with(ProcedureCatalog.from_dict(build_catalog(records, defaults)[0]))
    body = [f"Dòng {i}: nội dung viết tay của người yêu cầu, số nhà, thôn xóm, ngày tháng" for i in range(60)]
    pages = [PageInfo(f"p{n}", "\n".join([f"Trang {n}", *body])) for n in range(50)]
    pages[0] = PageInfo("p0", DECLARATION)
    started = time.perf_counter()
    result = auto_assign(birth_slots, pages, {})
    cold = time.perf_counter() - started
    started = time.perf_counter()
    auto_assign(birth_slots, pages, {**result, "p3": Assignment("TP2", BY_CLERK)})
    again = time.perf_counter() - started
    count = len(province.active_on(DAY))
    started = time.perf_counter()
    found = suggest_procedures(province, DAY, DECLARATION)
    suggest = time.perf_counter() - started
    with capsys.disabled():
        print(f"\npage components: auto-assign 50 pages {cold * 1000:.1f} ms (again after an edit "
              f"{again * 1000:.1f} ms); suggestion over {count} procedures {suggest * 1000:.1f} ms")
    assert found[0].code == "1.001193" and count >= 100
    assert cold < 1.0 and again < 0.1 and suggest < 0.5
