"""E-form fields that follow counts known at the counter (chứng thực: pages of the original, copies)."""

from __future__ import annotations

from datetime import date

from desk_app.eforms.prefill import PrefillInputs, prefill
from desk_app.eforms.schema import load_schema

DAY = date(2026, 3, 10)


def test_pages_scanned_fill_the_original_page_count_and_copies_follow_the_fee():
    result = prefill(load_schema("2.000815"), PrefillInputs(today=DAY, desk_counts={"pages": 7, "copies": 3}))
    pages, copies = result.fields["original_pages"], result.fields["copies_count"]
    assert (pages.value, pages.source, pages.needs_review) == ("7", "derived", False)
    assert "đã quét" in pages.provenance
    assert (copies.value, copies.needs_review) == ("3", False)


def test_without_a_count_the_form_default_stays_a_default():
    result = prefill(load_schema("2.000815"), PrefillInputs(today=DAY))
    assert (result.fields["original_pages"].value, result.fields["original_pages"].source) == ("1", "default")


def test_a_paper_declaration_disagreeing_with_the_pages_sends_the_count_to_review():
    result = prefill(load_schema("2.001035"), PrefillInputs(
        today=DAY, desk_counts={"pages": 4}, extraction={"contract_pages": ("6", 0.95, True)}))
    field = result.fields["contract_pages"]
    assert field.needs_review
    assert {field.value} | {alt.value for alt in field.alternatives} == {"4", "6"}


def test_the_clerk_typing_the_count_wins_over_the_pages():
    result = prefill(load_schema("2.000815"), PrefillInputs(
        today=DAY, desk_counts={"pages": 7}, clerk={"original_pages": "12"}))
    assert (result.fields["original_pages"].value, result.fields["original_pages"].source) == ("12", "clerk")
