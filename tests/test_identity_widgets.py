"""Identify field (keyboard-wedge QR reader) and pre-fill review list."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from ui.identity_widgets import IdentifyField, PrefillReviewList

# What a USB reader on a US layout types for a card: diacritics lost, still parseable.
WEDGE = "001099012345|123456789|NGUYEN VAN AN|15031999|Nam|Phuong X, Thanh pho Y|20042021"


class FakeClock:
    def __init__(self, step: float):
        self.now, self.step = 100.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def test_reader_burst_becomes_card_data_and_leaves_the_field_as_it_was(qtbot):
    field = IdentifyField(clock=FakeClock(0.004))
    qtbot.addWidget(field)
    field.setText("ng")
    field.setCursorPosition(2)
    with qtbot.waitSignal(field.cardScanned) as blocker:
        qtbot.keyClicks(field, WEDGE)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    data = blocker.args[0]
    assert data.id_number == "001099012345" and data.dob == date(1999, 3, 15)
    assert field.text() == "ng"


def test_clerk_typing_searches_instead(qtbot):
    field = IdentifyField(clock=FakeClock(0.15))
    qtbot.addWidget(field)
    scanned = []
    field.cardScanned.connect(scanned.append)
    with qtbot.waitSignal(field.searchRequested) as blocker:
        qtbot.keyClicks(field, "001099012345")
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert blocker.args == ["001099012345"]
    assert scanned == []


def test_reader_without_enter_is_caught_by_the_idle_timer_and_other_codes_pass(qtbot):
    field = IdentifyField(clock=FakeClock(0.004))
    qtbot.addWidget(field)
    with qtbot.waitSignal(field.codeScanned, timeout=2000) as blocker:
        qtbot.keyClicks(field, "H22.15-260301-0007")
    assert blocker.args == ["H22.15-260301-0007"]
    assert field.text() == ""


def test_review_list_highlights_and_requires_ticks(qtbot):
    from desk_app.eforms.id_card import CardReading
    from desk_app.eforms.prefill import PrefillInputs, prefill
    from desk_app.eforms.schema import load_schema

    card = CardReading(source="mrz", id_number="038085001234", full_name="LE VAN DAT", dob=date(1985, 4, 2),
                       gender="Nam", mrz_valid=True)
    result = prefill("1.001193", PrefillInputs(card=card, clerk={"declarant_relationship": "Cha"}))
    schema = load_schema("1.001193")
    review = PrefillReviewList()
    qtbot.addWidget(review)
    review.show_result(result, {f.key: f.label for f in schema.fields})
    assert review.rowCount() == len(result.fields)
    pending = review.unconfirmed_keys()
    assert "declarant_name" in pending and "father_id_number" not in pending
    with qtbot.waitSignal(review.allConfirmed):
        for key in pending:
            review.item(list(result.fields).index(key), 0).setCheckState(Qt.CheckState.Checked)
    assert review.unconfirmed_keys() == []
