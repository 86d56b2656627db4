"""Declaration tiers of the independent evaluation: typed and handwritten TT 04/2024 forms.

Each page comes from :mod:`benchmarks.real_paper.declarations` with a seed of its split (typed pages
use the first seeds of the split's block, handwritten ones the seeds 100 000 further on) and is read
by :func:`scanning.form_extraction.extract_fields` exactly as the desk reads a scan.

Figures per tier: exact-value rate (values read exactly / values written on the page), sure-but-wrong
(values returned as sure that differ from the truth, or that are not on the page at all), CER of the
values (edit distance over the written values, a missed value counting as all wrong), the worst page
(lowest exact-value rate) and seconds per page. On the frozen split nothing but these figures is
printed.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from benchmarks.real_paper.results import TierResult, seed_range

TIERS = ("declarations_typed", "declarations_handwritten")
# holdout2 reads twice as many declarations: 0 sure-but-wrong of ~400 sure values said too little.
DEFAULT_COUNT = {"dev": 20, "frozen": 20, "holdout": 20, "holdout2": 40}
_HANDWRITTEN_OFFSET = 100_000


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions of one character), by rapidfuzz: the
    score does not lean on the reader's own code."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b)


def seeds(tier: str, split: str, count: int) -> range:
    base = seed_range("declarations", split, count)
    if tier == "declarations_handwritten":
        return range(base.start + _HANDWRITTEN_OFFSET, base.stop + _HANDWRITTEN_OFFSET)
    return base


def score_page(truth: dict[str, str], values: dict[str, str], sure: dict[str, bool]) -> dict:
    """Counts for one page: written values, exact ones, sure-but-wrong ones, edit distance, and misses."""
    exact = sum(values.get(k) == v for k, v in truth.items())
    wrong_sure = [k for k, v in values.items() if sure.get(k) and truth.get(k) != v]
    distance = sum(edit_distance(values.get(k, ""), v) if k in values else len(v) for k, v in truth.items())
    misses = {k: (v, values.get(k), sure.get(k)) for k, v in truth.items() if values.get(k) != v}
    return {"values": len(truth), "exact": exact, "sure_wrong": wrong_sure, "distance": distance,
            "chars": sum(len(v) for v in truth.values()), "sure": sum(bool(sure.get(k)) for k in values),
            "misses": misses}


def _evaluate_tier(tier: str, split: str, count: int, offset: int = 0) -> TierResult:
    from benchmarks.real_paper.declarations import make_declaration

    handwritten = tier == "declarations_handwritten"
    return evaluate_pages(tier, split, seeds(tier, split, offset + count)[offset:],
                          lambda seed: make_declaration(seed, handwritten))


def evaluate_pages(tier: str, split: str, page_seeds, make) -> TierResult:  # noqa: ANN001
    """Read the page *make(seed)* gives for each seed (``.image``, ``.procedure``, ``.values``) with
    :func:`scanning.form_extraction.extract_fields`, as the desk reads the page it was given, and score it."""
    from scanning.form_extraction import extract_fields

    pages, seconds = [], 0.0
    for seed in page_seeds:
        item = make(seed)
        started = time.perf_counter()
        result = extract_fields(item.image, item.procedure)
        seconds += time.perf_counter() - started
        page = score_page(item.values, result.values, result.sure)
        page["id"] = f"{item.procedure}#{seed}"
        pages.append(page)
        if split == "dev" and os.environ.get("REAL_PAPER_DUMP"):
            _dump(Path(os.environ["REAL_PAPER_DUMP"]), tier, page["id"], item.values, result)
    values = sum(p["values"] for p in pages)
    worst = min(pages, key=lambda p: p["exact"] / max(1, p["values"]))
    out = TierResult(tier=tier, split=split, items=len(pages),
                     cer_mean=sum(p["distance"] / max(1, p["chars"]) for p in pages) / len(pages),
                     worst_item=worst["id"], worst_value=worst["exact"] / max(1, worst["values"]),
                     exact_value_rate=sum(p["exact"] for p in pages) / max(1, values),
                     sure_but_wrong=sum(len(p["sure_wrong"]) for p in pages),
                     seconds_per_page=seconds / len(pages))
    sure = sum(p["sure"] for p in pages)
    out.notes.append(f"{values} giá trị trên giấy, {sure} trả về chắc chắn (tự điền), "
                     f"{sum(p['exact'] for p in pages)} đúng từng ký tự")
    if split == "dev":   # the frozen split is never looked at page by page
        for key, (want, got, is_sure) in list(worst["misses"].items())[:8]:
            out.notes.append(f"{worst['id']} {key}: cần «{want}», đọc «{got}»{' (chắc chắn!)' if is_sure else ''}")
        for page in pages:
            for key in page["sure_wrong"]:
                want, got, _ = page["misses"].get(key, (None, None, None))
                out.notes.append(f"CHẮC CHẮN NHƯNG SAI {page['id']} {key}: cần «{want}», đọc «{got}»")
    return out


def _dump(folder: Path, tier: str, page_id: str, truth: dict[str, str], result) -> None:
    """One dev page's truth and reading as JSON, to study the misses (REAL_PAPER_DUMP=folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{tier}_{page_id.replace('#', '_')}.json"
    (folder / name).write_text(json.dumps({"id": page_id, "truth": truth, "values": result.values,
                                           "sure": result.sure, "confidence": result.confidence},
                                          ensure_ascii=False, indent=1), encoding="utf-8")


def evaluate(split: str, limit: int | None = None, tiers: tuple[str, ...] | None = None,
             offset: int = 0) -> list[TierResult]:
    count = limit if limit is not None else DEFAULT_COUNT[split]
    return [_evaluate_tier(tier, split, count, offset) for tier in TIERS if tiers is None or tier in tiers]
