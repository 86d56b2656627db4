"""The e-form editor as a clerk uses it: keyboard only, at 1280×720 and 1600×1000, focus checked after each step."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desk_app.eforms.id_card import CardReading
from desk_app.eforms.prefill import PrefillInputs, prefill
from desk_app.eforms.schema import load_schema
from ui.eform_editor import REVIEW_STYLE, EformEditor

SETTINGS = {"agency_name": "Ủy ban nhân dân xã Hòa An", "place_name": "Hòa An"}
MOTHER = CardReading(source="qr", id_number="038190004567", full_name="Lê Thị Thu Trang", dob=date(1990, 9, 2),
                     gender="Nữ", place_of_residence="Thôn Yên Vực, xã Hòa An, Thanh Hóa",
                     issue_date=date(2022, 6, 15))
DECLARATION = {"child_name": ("Phạm Minh An", 0.96, True), "child_dob": ("02/11/2026", 0.93, False),
               "child_gender": ("Nam", 0.95, True), "child_birthplace": ("Bệnh viện Đa khoa tỉnh Thanh Hóa", 0.95, True),
               "child_nationality": ("Việt Nam", 0.97, True), "mother_residence": ("Xóm 3, xã Hòa An", 0.95, True)}
SIZES = [(1280, 720), (1600, 1000)]


def _result(**kw):  # noqa: ANN003
    return prefill("1.001193", PrefillInputs(card=MOTHER, settings=SETTINGS, today=date(2026, 11, 30),
                                             extraction=DECLARATION, **kw))


@pytest.fixture(params=SIZES, ids=["1280x720", "1600x1000"])
def screen(qtbot, request):
    """The editor between a field before it and a button after it, in a window of the given size."""
    window = QWidget()
    before = QLineEdit(objectName="before")
    editor = EformEditor()
    after = QPushButton("Sau", objectName="after")
    layout = QVBoxLayout(window)
    layout.addWidget(before)
    layout.addWidget(editor, 1)
    layout.addWidget(after)
    qtbot.addWidget(window)
    window.resize(*request.param)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    editor.set_schema(load_schema("1.001193"))
    editor.show_result(_result())
    before.setFocus()
    qtbot.waitUntil(lambda: before.hasFocus())
    return window, before, editor, after


def _focused_key(editor: EformEditor) -> str | None:
    widget = QApplication.focusWidget()
    for key in editor.schema.keys:
        combo = editor.field_widget(key)
        if widget is combo or widget is combo.lineEdit():
            return key
    return None


def _visible_in_scroll(editor: EformEditor, key: str) -> bool:
    combo = editor.field_widget(key)
    viewport = editor.scroll.viewport()
    top_left = combo.mapTo(viewport, combo.rect().topLeft())
    return 0 <= top_left.y() and top_left.y() + combo.height() <= viewport.height()


def test_tab_walks_every_field_in_order_and_leaves_the_form(qtbot, screen):
    window, before, editor, after = screen
    keys = editor.schema.keys
    assert editor.field_count() == len(keys) == 29
    qtbot.keyClick(before, Qt.Key_Tab)
    for key in keys:
        assert _focused_key(editor) == key
        assert _visible_in_scroll(editor, key), f"{key} scrolled into view"
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert after.hasFocus(), "Tab goes on out of the form (no Tab trap)"
    qtbot.keyClick(after, Qt.Key_Backtab)
    assert _focused_key(editor) == keys[-1]


def test_values_show_their_source_and_what_waits_for_confirmation(qtbot, screen):
    _window, _before, editor, _after = screen
    assert editor.value("mother_name") == "Lê Thị Thu Trang"
    assert editor.origin_label("mother_name") == "Thẻ CCCD (mã QR)"
    assert editor.value("child_name") == "Phạm Minh An" and editor.origin_label("child_name") == "Tờ khai (OCR)"
    status = editor.findChild(QWidget, "eformSource_child_dob")
    assert "Tờ khai (OCR)" in status.text() and "cần xác nhận" in status.text()
    assert editor.field_widget("child_dob").lineEdit().styleSheet() == REVIEW_STYLE
    assert editor.field_widget("mother_name").lineEdit().styleSheet() == ""
    # Yellow: the guessed relationship, the unsure date of birth and the date in words derived from it, and
    # the mother's residence, on which the card and the declaration disagree.
    assert editor.unconfirmed_keys() == ["declarant_relationship", "child_dob", "child_dob_words", "mother_residence"]


def test_enter_confirms_and_moves_to_the_next_value_waiting(qtbot, screen):
    _window, _before, editor, _after = screen
    confirmed = []
    editor.changed.connect(lambda: confirmed.append(True))
    editor.field_widget("declarant_relationship").setFocus()
    qtbot.waitUntil(lambda: _focused_key(editor) == "declarant_relationship")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert _focused_key(editor) == "child_dob"
    assert editor.unconfirmed_keys() == ["child_dob", "child_dob_words", "mother_residence"]
    assert "đã xác nhận" in editor.findChild(QWidget, "eformSource_declarant_relationship").text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert _focused_key(editor) == "child_dob_words"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert _focused_key(editor) == "mother_residence"
    assert _visible_in_scroll(editor, "mother_residence")
    with qtbot.waitSignal(editor.allConfirmed, timeout=1000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    assert editor.unconfirmed_keys() == [] and confirmed
    assert editor.check_ready() is None


def test_ctrl_shift_enter_confirms_every_yellow_value(qtbot, screen):
    _window, before, editor, _after = screen
    qtbot.keyClick(before, Qt.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return, Qt.ControlModifier | Qt.ShiftModifier)
    assert editor.unconfirmed_keys() == []
    assert _focused_key(editor) == "addressee", "confirming all does not move the clerk"


def test_accept_check_names_the_fields_and_puts_the_focus_on_the_first(qtbot, screen):
    _window, before, editor, _after = screen
    message = editor.check_ready()
    assert message.startswith("Chưa xác nhận 4 giá trị tờ khai")
    assert "«Quan hệ với người được khai sinh» (Người yêu cầu)" in message
    assert "«Ngày, tháng, năm sinh» (Người được khai sinh)" in message
    assert _focused_key(editor) == "declarant_relationship"
    assert _visible_in_scroll(editor, "declarant_relationship")
    editor.confirm_all()
    # A value that is not valid stops the accept too, with the field's own message.
    line = editor.field_widget("mother_birth_year").lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "19x0")
    message = editor.check_ready()
    assert "«Năm sinh» phải là năm gồm 4 chữ số." in message
    assert _focused_key(editor) == "mother_birth_year"


def test_typing_in_place_makes_the_value_the_clerks_and_a_new_prefill_keeps_it(qtbot, screen):
    _window, _before, editor, _after = screen
    line = editor.field_widget("father_name").lineEdit()
    line.setFocus()
    qtbot.keyClicks(line, "Pham Van Binh")
    assert editor.value("father_name") == "Pham Van Binh"
    assert editor.origin_label("father_name") == "Nhập tay"
    assert editor.typed_values()["father_name"] == "Pham Van Binh"
    editor.show_result(_result(clerk=editor.typed_values()))
    assert editor.value("father_name") == "Pham Van Binh"
    assert _focused_key(editor) == "father_name"


def test_alternatives_open_with_f4_and_alt_down_and_are_picked_by_keyboard(qtbot, screen):
    _window, _before, editor, _after = screen
    # The declaration says "Xóm 3"; the card says "Thôn Yên Vực": the card wins, the declaration is offered.
    assert editor.value("mother_residence") == "Thôn Yên Vực, xã Hòa An, Thanh Hóa"
    combo = editor.field_widget("mother_residence")
    combo.setFocus()
    qtbot.waitUntil(lambda: _focused_key(editor) == "mother_residence")
    qtbot.keyClick(combo.lineEdit(), Qt.Key_F4)
    qtbot.waitUntil(lambda: combo.view().isVisible())
    items = [combo.itemText(i) for i in range(combo.count())]
    assert any(text.startswith("Xóm 3, xã Hòa An") and "Tờ khai (OCR)" in text for text in items)
    view = combo.view()
    qtbot.keyClick(view, Qt.Key_Home)     # the first candidate: the declaration's value
    assert view.currentIndex().row() == 0
    qtbot.keyClick(view, Qt.Key_Return)
    qtbot.waitUntil(lambda: not combo.view().isVisible())
    assert editor.value("mother_residence") == "Xóm 3, xã Hòa An"
    assert editor.origin_label("mother_residence") == "Tờ khai (OCR)"
    assert _focused_key(editor) == "mother_residence"
    # Alt+↓ opens the list too: the ethnicities of the form are there to choose from.
    ethnicity = editor.field_widget("child_ethnicity")
    ethnicity.setFocus()
    qtbot.keyClick(ethnicity.lineEdit(), Qt.Key_Down, Qt.AltModifier)
    qtbot.waitUntil(lambda: ethnicity.view().isVisible())
    assert ethnicity.findText("Kinh") >= 0
    qtbot.keyClick(ethnicity.view(), Qt.Key_Escape)
    qtbot.waitUntil(lambda: not ethnicity.view().isVisible())


def test_values_round_trip_for_drafts(qtbot, screen):
    _window, _before, editor, _after = screen
    values = editor.eform_values()
    assert values["mother_name"] == "Lê Thị Thu Trang" and "father_name" not in values
    assert editor.eform_sources()["mother_name"] == "id_card"
    fresh = EformEditor()
    qtbot.addWidget(fresh)
    fresh.set_schema(load_schema("1.001193"))
    with qtbot.waitSignal(fresh.changed, timeout=1000):
        fresh.set_eform_values(values)
    assert fresh.eform_values() == values
    # Restored values nobody re-read come back yellow until confirmed (one Ctrl+Shift+Enter).
    assert set(fresh.unconfirmed_keys()) == set(values)
    fresh.confirm_all()
    assert fresh.check_ready() is None
    # Unknown keys from an older draft are ignored.
    fresh.set_eform_values({"no_such_field": "x"})
    assert "no_such_field" not in fresh.eform_values()


def test_correcting_the_date_of_birth_asks_for_the_date_in_words_again(qtbot, screen):
    _window, _before, editor, _after = screen
    editor.confirm_all()
    assert editor.value("child_dob_words").startswith("Ngày hai tháng mười một")
    line = editor.field_widget("child_dob").lineEdit()
    line.setFocus()
    qtbot.waitUntil(lambda: _focused_key(editor) == "child_dob")
    line.selectAll()
    with qtbot.waitSignal(editor.refreshWanted, timeout=1000):
        qtbot.keyClicks(line, "03/11/2026")
        qtbot.keyClick(line, Qt.Key_Tab)
    # The counter runs the pre-fill again with the clerk's values: the words follow the corrected date.
    editor.show_result(_result(clerk=editor.typed_values()))
    assert editor.value("child_dob") == "03/11/2026"
    assert editor.value("child_dob_words").startswith("Ngày ba tháng mười một")
    assert editor.origin_label("child_dob") == "Nhập tay"
