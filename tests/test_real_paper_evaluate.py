"""The independent evaluation's command (issue 14): a broken tier is an error line, figures print."""

from __future__ import annotations

from benchmarks.real_paper import evaluate
from benchmarks.real_paper.results import TierResult


def test_a_missing_or_broken_tier_module_is_reported_and_the_others_still_run(monkeypatch, tmp_path):
    monkeypatch.setattr(evaluate, "tier_modules", lambda: ["benchmarks.real_paper.tier_does_not_exist"])
    results, errors = evaluate.run("dev", [], 1)
    assert results == []
    assert len(errors) == 1 and "tier_does_not_exist" in errors[0] and "không nạp được" in errors[0]
    text = evaluate.format_table(results, errors, "dev")
    assert "LỖI tier_does_not_exist" in text


def test_unknown_tier_name_is_an_error_line():
    results, errors = evaluate.run("dev", ["khong_co"], 1)
    assert results == [] and any("khong_co" in e for e in errors)


def test_table_and_overall_figures():
    typed = TierResult("declarations_typed", "dev", 20, cer_mean=0.006, worst_item="p#1", worst_value=0.9,
                       exact_value_rate=0.98, sure_but_wrong=0, seconds_per_page=5.0)
    ids = TierResult("id_photo", "dev", 10, cer_mean=None, mrz_valid_correct_rate=0.9, seconds_per_page=2.0)
    total = evaluate.overall([typed, ids], "dev")
    assert total.items == 30 and total.sure_but_wrong == 0
    assert abs(total.seconds_per_page - 4.0) < 1e-9 and total.mrz_valid_correct_rate == 0.9
    text = evaluate.format_table([typed, ids], [], "dev")
    assert "98.0 %" in text and "p#1 (0.900)" in text and "overall" in text and "90.0 %" in text
