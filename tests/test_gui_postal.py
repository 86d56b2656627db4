"""The postal workspace and the clerk's hand-over screen, keyboard only (docs/POSTAL.md).

Friday afternoon the postal employee collects three dossiers (procedure typed, papers ticked with Space,
the citizen's card QR read by the USB reader, pages added with Ctrl+O, the S10 label scanned, fee and
postal charge, Ctrl+Enter → Phiếu gửi). Monday morning the clerk receives them (F5: both parties named,
each S10 scanned, B marks one incomplete, Ctrl+Enter signs the Biên bản): channel 3, received at the
signing time, due dates counted from it across the weekend, the record names both parties. Then one
result goes back by post after a failed first invitation.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pypdf import PdfReader
from sqlalchemy import select

from desk_app.domain.postal_code import make_s10
from desk_app.domain.status import Channel, DossierStatus as S
from desk_app.services import lifecycle, postal
from desk_app.services.intake import IntakeSession, store_pages
from desk_app.services.users import create_user, sign_in
from desk_app.storage.models import Dossier
from tests.conftest import make_page_image
from tests.test_gui_dossier_book import focused, inside, open_window, type_text  # noqa: F401 - fixtures

FRIDAY = datetime(2026, 3, 6, 14, 0)
MONDAY_MORNING = datetime(2026, 3, 9, 7, 45)
POSTAL_PASSWORD = "Mưa-rào-mùa-hạ-1234"
S10 = [make_s10("EB", 22345670 + n) for n in range(3)]
# What the USB reader types for the card of the first citizen (US layout: diacritics lost).
WEDGE = "038096001234|123456789|PHAM QUOC DAT|15031996|Nam|Thon Dong, xa Hoa An|20042021"


@pytest.fixture
def postman(desk, admin):
    create_user(desk.sessions, "ha.vu", "Vũ Thị Thu Hà", "postal", POSTAL_PASSWORD, created_by=admin)
    return sign_in(desk.sessions, "ha.vu", POSTAL_PASSWORD)


def press(qtbot, key, modifier=Qt.NoModifier) -> None:
    widget = focused()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, key, modifier)


def wait_focus(qtbot, widget) -> None:
    try:
        qtbot.waitUntil(lambda: focused() is widget, timeout=5000)
    except Exception:
        raise AssertionError(f"focus on {focused()!r} ({focused().objectName() if focused() else None}), expected {widget.objectName()}")


def collect_one(qtbot, monkeypatch, workspace, *, search: str, name: str, id_number: str, s10: str,
                files: list, charge: str, card: bool = False, by_post: bool = False) -> None:
    wait_focus(qtbot, workspace.picker.search)
    type_text(workspace.picker.search, search)
    press(qtbot, Qt.Key_Return)
    wait_focus(qtbot, workspace.checklist)
    for row in range(workspace.checklist.count()):  # every paper counted against the published list
        workspace.checklist.setCurrentRow(row) if row == 0 else press(qtbot, Qt.Key_Down)
        press(qtbot, Qt.Key_Space)
    press(qtbot, Qt.Key_Return)
    wait_focus(qtbot, workspace.identify)
    if card:
        with qtbot.waitSignal(workspace.identify.cardScanned):
            qtbot.keyClicks(workspace.identify, WEDGE)
            press(qtbot, Qt.Key_Return)
        assert workspace.id_number.text() == id_number
        wait_focus(qtbot, workspace.capture.scan_panel.list)
        workspace.applicant_name.selectAll()
        type_text(workspace.applicant_name, name)  # the card's name without diacritics, corrected
    else:
        press(qtbot, Qt.Key_Tab)
        wait_focus(qtbot, workspace.applicant_name)
        type_text(workspace.applicant_name, name)
        press(qtbot, Qt.Key_Tab)
        wait_focus(qtbot, workspace.id_number)
        qtbot.keyClicks(workspace.id_number, id_number)
        press(qtbot, Qt.Key_Tab)
        type_text(workspace.address, "Thôn Đông, xã Hòa An")
        press(qtbot, Qt.Key_Tab)
        press(qtbot, Qt.Key_Tab)
        wait_focus(qtbot, workspace.capture.scan_panel.list)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(f) for f in files], ""))
    press(qtbot, Qt.Key_O, Qt.ControlModifier)
    qtbot.waitUntil(lambda: workspace.capture.count() == len(files), timeout=30000)
    workspace.capture.scan_panel.list.setFocus() if not inside(workspace) else None
    press(qtbot, Qt.Key_Tab)
    wait_focus(qtbot, workspace.s10)
    qtbot.keyClicks(workspace.s10, s10)  # the barcode reader types the label, then Enter
    press(qtbot, Qt.Key_Return)
    wait_focus(qtbot, workspace.fee)
    press(qtbot, Qt.Key_Tab)
    wait_focus(qtbot, workspace.charge)
    press(qtbot, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(workspace.charge, charge)
    if by_post:
        press(qtbot, Qt.Key_Tab)
        wait_focus(qtbot, workspace.by_post)
        press(qtbot, Qt.Key_Space)
        assert workspace.delivery.isEnabled() and workspace.delivery.text()  # the address, to confirm
    with qtbot.waitSignal(workspace.itemCollected, timeout=20000) as blocker:
        press(qtbot, Qt.Key_Return, Qt.ControlModifier)
    assert blocker.args == [s10]
    qtbot.waitUntil(lambda: workspace.preview is not None and workspace.preview.isVisible()
                    and s10 in workspace.preview.windowTitle(), timeout=20000)
    qtbot.waitUntil(lambda: inside(workspace.preview))
    press(qtbot, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not workspace.preview.isVisible())


def dossier(desk, code) -> Dossier:
    with desk.sessions() as session:
        return session.scalar(select(Dossier).where(Dossier.code == code))


def test_collect_on_friday_hand_over_on_monday_return_by_post(
        qtbot, desk, admin, clerk, postman, tasks, tmp_path, fixed_clock, monkeypatch):
    fixed_clock(FRIDAY)
    window = open_window(qtbot, desk, tasks, postman)
    # The postal employee's window: the postal workspace and the dossier book, nothing of the counter.
    assert window.reception is None and window.today is None and window.due_list is None
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Bưu chính công ích (F2)", "Sổ hồ sơ (F4)"]
    workspace = window.postal
    assert window.tabs.currentWidget() is workspace
    folder = tmp_path / "Ảnh quét bưu điện"
    people = [("tinh trang hon nhan", "Phạm Quốc Đạt", "038096001234", "25000", True, True),
              ("thuong tru", "Ngô Thị Mai", "038196002345", "25000", False, False),
              ("tinh trang hon nhan", "Bùi Văn Toàn", "038096003456", "30000", False, False)]
    for n, (search, name, id_number, charge, card, by_post) in enumerate(people):
        files = [make_page_image(folder / f"{name} trang {i}.png", f"{n} trang {i}") for i in range(2)]
        collect_one(qtbot, monkeypatch, workspace, search=search, name=name, id_number=id_number, s10=S10[n],
                    files=files, charge=charge, card=card, by_post=by_post)
        qtbot.waitUntil(lambda n=n: workspace.transit_codes() == S10[:n + 1], timeout=10000)
    assert dossier_count(desk) == 0  # in transit: not dossiers yet
    first = postal.item_by_s10(desk, postman, S10[0])
    assert (first.applicant_name, first.fee_collected, first.postal_charge, first.return_by_post) == (
        "Phạm Quốc Đạt", 15000, 25000, True)
    window.close()

    # Monday morning at the commune centre: the clerk receives the three items.
    fixed_clock(MONDAY_MORNING)
    window = open_window(qtbot, desk, tasks, clerk)
    assert window.postal is None and window.reception is not None
    press(qtbot, Qt.Key_F5)
    screen = window.handover
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is screen)
    wait_focus(qtbot, screen.employee)
    type_text(screen.employee, "Vũ Thị Thu Hà")
    press(qtbot, Qt.Key_Return)
    wait_focus(qtbot, screen.employee_id)
    qtbot.keyClicks(screen.employee_id, "038185009999")
    press(qtbot, Qt.Key_Return)
    wait_focus(qtbot, screen.scan)
    for n, code in enumerate(S10):
        qtbot.keyClicks(screen.scan, code)
        press(qtbot, Qt.Key_Return)
        qtbot.waitUntil(lambda n=n: len(screen.rows) == n + 1, timeout=10000)
        wait_focus(qtbot, screen.scan)
    qtbot.waitUntil(lambda: screen.page.pixmap() is not None and not screen.page.pixmap().isNull(), timeout=10000)
    press(qtbot, Qt.Key_Tab)
    wait_focus(qtbot, screen.items)
    press(qtbot, Qt.Key_End)
    press(qtbot, Qt.Key_B)  # the third is incomplete: what is missing, sent back by post
    qtbot.waitUntil(lambda: screen.dialog is not None and screen.dialog.isVisible())
    qtbot.waitUntil(lambda: inside(screen.dialog))
    for n, text in enumerate(("Tờ khai xác nhận tình trạng hôn nhân", "Ký và ghi rõ họ tên",
                              "Thiếu chữ ký người yêu cầu")):
        wait_focus(qtbot, screen.dialog.fields[n])
        type_text(screen.dialog.fields[n], text)
        press(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: not screen.dialog.isVisible())
    wait_focus(qtbot, screen.items)
    assert [r.decision.value for r in screen.rows] == ["accept", "accept", "incomplete"]
    assert screen.fees.value() == 35000  # the fees of the accepted items, to count against the cash
    with qtbot.waitSignal(screen.handedOver, timeout=30000) as blocker:
        press(qtbot, Qt.Key_Return, Qt.ControlModifier)
    number = blocker.args[0]
    qtbot.waitUntil(lambda: screen.preview is not None and screen.preview.isVisible(), timeout=20000)
    assert "Biên bản giao nhận" in screen.preview.windowTitle()
    text = " ".join(p.extract_text() for p in PdfReader(screen.preview.pdf_path).pages)
    assert "Vũ Thị Thu Hà" in text and "038185009999" in text and "Nguyễn Thị Ánh Tuyết" in text
    press(qtbot, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not screen.preview.isVisible())
    wait_focus(qtbot, screen.scan)
    assert postal.handover_pdf(desk, clerk, number)[:4] == b"%PDF"

    with desk.sessions() as session:
        filed = session.scalars(select(Dossier).order_by(Dossier.id)).all()
        assert [(d.postal_item_id, d.channel, d.received_at, S(d.status)) for d in filed] == [
            (S10[0], int(Channel.POSTAL), MONDAY_MORNING, S.ACCEPTED),
            (S10[1], int(Channel.POSTAL), MONDAY_MORNING, S.ACCEPTED),
            (S10[2], int(Channel.POSTAL), MONDAY_MORNING, S.SUPPLEMENT_REQUESTED)]
        # Counted from Monday's signing, not from Friday's collection (which would end on Wednesday).
        assert filed[0].due_at.date() == datetime(2026, 3, 12).date()
        assert filed[0].result_by_post and filed[0].delivery_address
        codes = [d.code for d in filed]
    qtbot.waitUntil(lambda: set(codes[:2]) <= set(window.today.model.codes()), timeout=10000)

    # The result of the first is ready on Wednesday; the citizen chose the post.
    result_pages = store_pages(desk, [make_page_image(tmp_path / "Kết quả" / "xác nhận.png", "Ket qua")])
    lifecycle.record_result(desk, clerk, codes[0], ["Giấy xác nhận tình trạng hôn nhân"], result_pages,
                            at=datetime(2026, 3, 11, 9, 0))
    fixed_clock(datetime(2026, 3, 11, 10, 0))
    back = make_s10("RR", 55500022)
    press(qtbot, Qt.Key_R, Qt.ControlModifier)
    send = screen.send_box
    wait_focus(qtbot, send.code)
    qtbot.keyClicks(send.code, codes[0])  # the Mẫu 01 QR, read by the scanner
    press(qtbot, Qt.Key_Return)
    wait_focus(qtbot, send.s10)
    qtbot.keyClicks(send.s10, back)
    press(qtbot, Qt.Key_Return)
    wait_focus(qtbot, send.code)
    with qtbot.waitSignal(send.sent, timeout=20000):
        press(qtbot, Qt.Key_G, Qt.ControlModifier | Qt.ShiftModifier)
    wait_focus(qtbot, send.code)
    window.close()

    # The postal employee: Thursday nobody at home; Monday delivered, the signed delivery note scanned.
    fixed_clock(datetime(2026, 3, 12, 9, 0))
    window = open_window(qtbot, desk, tasks, postman)
    workspace = window.postal
    wait_focus(qtbot, workspace.picker.search)
    box = workspace.delivery_box
    press(qtbot, Qt.Key_R, Qt.ControlModifier)
    wait_focus(qtbot, box.s10)
    qtbot.keyClicks(box.s10, back)
    press(qtbot, Qt.Key_Return)
    wait_focus(qtbot, box.note)
    type_text(box.note, "Vắng nhà, đã để giấy mời")
    with qtbot.waitSignal(box.reported, timeout=20000) as blocker:
        press(qtbot, Qt.Key_K, Qt.ControlModifier | Qt.ShiftModifier)
    assert blocker.args == [back, "attempt"]
    fixed_clock(datetime(2026, 3, 16, 10, 0))
    wait_focus(qtbot, box.s10)
    qtbot.keyClicks(box.s10, back)
    press(qtbot, Qt.Key_Return)
    press(qtbot, Qt.Key_Return)
    wait_focus(qtbot, box.receiver)
    type_text(box.receiver, "Phạm Quốc Đạt")
    press(qtbot, Qt.Key_Return)
    wait_focus(qtbot, box.receiver_id)
    qtbot.keyClicks(box.receiver_id, "038096001234")
    signed = make_page_image(tmp_path / "Phiếu phát" / "đã ký.png", "Phieu phat")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(signed)], ""))
    press(qtbot, Qt.Key_O, Qt.ControlModifier)
    qtbot.waitUntil(lambda: workspace.capture.count() == 1, timeout=30000)
    wait_focus(qtbot, box.receiver_id)
    with qtbot.waitSignal(box.reported, timeout=20000) as blocker:
        press(qtbot, Qt.Key_D, Qt.ControlModifier | Qt.ShiftModifier)
    assert blocker.args == [back, "delivered"]
    wait_focus(qtbot, box.s10)
    assert dossier(desk, codes[0]).status == int(S.RETURNED)
    with desk.sessions() as session:
        d = session.scalar(select(Dossier).where(Dossier.code == codes[0]))
        assert [h.note for h in d.history][-3:] == [
            f"Giao kết quả cho bưu chính công ích để trả qua bưu điện (bưu gửi {back})",
            f"Phát kết quả không thành công lần 1 (bưu gửi {back})",
            f"Đã phát kết quả qua bưu chính (bưu gửi {back})"]
        assert [p.kind for p in d.pages][-1] == "delivery_note"
    window.close()


def dossier_count(desk) -> int:
    with desk.sessions() as session:
        return len(session.scalars(select(Dossier.id)).all())


def test_the_window_is_composed_by_role(qtbot, desk, admin, clerk, postman, tasks):
    """Each role its workspaces; an administrator sees every one, each with its own key."""
    from ui.main_window import MainWindow

    window = MainWindow(desk, tasks, admin)  # built, not shown: only the composition is looked at here
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Tiếp nhận hồ sơ (F2)" in titles and "Bưu chính công ích (Ctrl+F2)" in titles
    assert "Nhận hồ sơ từ bưu điện (F5)" in titles and "Hạn xử lý (F7)" in titles
    keys = [t.rsplit("(", 1)[1] for t in titles]
    assert len(keys) == len(set(keys))
    assert window.queue_visible
    window.close()
    window = open_window(qtbot, desk, tasks, postman)
    assert not window.queue_visible and window.handover is None
    press(qtbot, Qt.Key_F4)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.book)
    press(qtbot, Qt.Key_F2)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.postal)
    wait_focus(qtbot, window.postal.picker.search)
    window.close()


def test_a_result_back_from_the_post_after_two_failed_invitations(
        qtbot, desk, admin, clerk, postman, tasks, tmp_path, fixed_clock):
    fixed_clock(FRIDAY)
    intake = IntakeSession(
        procedure_code="1.004873", applicant_name="Đỗ Thu Trang", applicant_id_number="038196005555",
        pages=store_pages(desk, [make_page_image(tmp_path / "Ảnh" / "tờ khai.png", "To khai")]))
    postal.collect(desk, postman, intake, S10[0], fee_collected=15000, return_by_post=True,
                   delivery_address="Xóm Bãi, xã Hòa An", at=FRIDAY)
    code = postal.handover(desk, clerk, postal_employee="Vũ Thị Thu Hà", postal_employee_id="038185009999",
                           items=[postal.HandoverItem(S10[0])], at=MONDAY_MORNING).items[0].code
    lifecycle.record_result(desk, clerk, code, ["Giấy xác nhận"], store_pages(
        desk, [make_page_image(tmp_path / "Ảnh" / "kết quả.png", "Ket qua")]), at=datetime(2026, 3, 10, 9, 0))
    back = make_s10("RR", 55500044)
    postal.send_results(desk, clerk, postal_employee="Vũ Thị Thu Hà", items=[(code, back)],
                        at=datetime(2026, 3, 10, 10, 0))
    postal.record_attempt(desk, postman, back, at=datetime(2026, 3, 11, 9, 0))
    postal.record_attempt(desk, postman, back, at=datetime(2026, 3, 13, 9, 0))  # two working days later
    fixed_clock(datetime(2026, 3, 16, 8, 0))
    window = open_window(qtbot, desk, tasks, clerk)
    press(qtbot, Qt.Key_F5)
    screen = window.handover
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is screen)
    press(qtbot, Qt.Key_R, Qt.ControlModifier)
    wait_focus(qtbot, screen.send_box.code)
    press(qtbot, Qt.Key_Tab)
    wait_focus(qtbot, screen.send_box.s10)
    qtbot.keyClicks(screen.send_box.s10, back)
    with qtbot.waitSignal(screen.send_box.undeliveredRecorded, timeout=20000) as blocker:
        press(qtbot, Qt.Key_U, Qt.ControlModifier | Qt.ShiftModifier)
    assert blocker.args == [code]
    wait_focus(qtbot, screen.send_box.code)
    assert dossier(desk, code).status == int(S.RESULT_READY)  # the citizen collects it at the desk
    lifecycle.return_result(desk, clerk, code, receiver_name="Đỗ Thu Trang", receiver_id_number="038196005555",
                            at=datetime(2026, 3, 16, 9, 0))
    assert dossier(desk, code).status == int(S.RETURNED)
    window.close()
