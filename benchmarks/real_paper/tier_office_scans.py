"""Tier "poor office scans" of the independent evaluation (issue 14 §5).

Each page of :mod:`benchmarks.real_paper.office_scans` goes through the page pipeline exactly as
``desk-app digitize`` and the counter's OCR do (:func:`scanning.pipeline.process_page`: clean-up,
orientation, tesseract ``vie``). CER = edit distance / length of the truth, both NFC with whitespace
collapsed; the order of the lines counts (a page read with its header blocks interleaved is wrong).
Pages are generated and read in worker processes, two at a time.
"""

from __future__ import annotations

import os
import time
import unicodedata
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from benchmarks.real_paper.results import TierResult

TIERS = ("scan_bleed", "scan_faint")
DEFAULT_ITEMS = 12          # per tier and split


def _init() -> None:
    import cv2

    cv2.setNumThreads(1)
    os.environ["OMP_THREAD_LIMIT"] = "1"


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def char_errors(found: str, truth: str) -> tuple[int, int]:
    """(edits, characters of the truth): Levenshtein on normalised text."""
    from rapidfuzz.distance import Levenshtein

    found, truth = normalise(found), normalise(truth)
    return Levenshtein.distance(found, truth), len(truth)


def misses(found: str, truth: str, limit: int = 12) -> list[str]:
    """Where a page's reading differs from its truth, word by word ("'CHỦ' → 'CHU'"), at most *limit*."""
    import difflib

    want, got = normalise(truth).split(" "), normalise(found).split(" ")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, want, got, autojunk=False).get_opcodes():
        if op != "equal":
            out.append(f"{' '.join(want[i1:i2])!r} → {' '.join(got[j1:j2])!r}")
    return out[:limit]


def read_item(seed: int, tier: str) -> dict:
    from benchmarks.real_paper.office_scans import SCAN_DPI, make_item
    from scanning.pipeline import PageInput, process_page

    data, page = make_item(seed, tier)
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    outcome = process_page(0, PageInput(data, SCAN_DPI, page.file))
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
    edits, chars = char_errors(outcome.text, page.text)
    return {"item": page.item, "cer": edits / max(chars, 1), "seconds": seconds, "error": outcome.error,
            "skew": page.skew, "found_skew": outcome.report.get("skew_angle"),
            "misses": misses(outcome.text, page.text), "cpu": cpu}


def _cpu_seconds() -> float:
    """CPU of this worker and of the tesseract runs it waited for: unlike wall time, not inflated when
    other programs share the cores."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def evaluate(split: str, limit: int | None = None, jobs: int = 2,
             tiers: tuple[str, ...] = TIERS, offset: int = 0) -> list[TierResult]:
    from benchmarks.real_paper.office_scans import items

    count = limit or DEFAULT_ITEMS
    results = []
    # Fresh interpreters, not forks: another tier run before this one in the same process may have
    # started threads (onnxruntime's), and a fork taken then can hang in the child.
    with ProcessPoolExecutor(jobs, initializer=_init, mp_context=multiprocessing.get_context("spawn")) as pool:
        for tier in tiers:
            seeds = items(split, tier, offset + count)[offset:]
            rows = list(pool.map(read_item, seeds, [tier] * len(seeds)))
            worst = max(rows, key=lambda r: r["cer"])
            result = TierResult(tier=tier, split=split, items=len(rows),
                                cer_mean=sum(r["cer"] for r in rows) / len(rows),
                                worst_item=worst["item"], worst_value=worst["cer"],
                                seconds_per_page=sum(r["seconds"] for r in rows) / len(rows))
            result.notes.append(f"pages over 1 % CER: {sum(r['cer'] > 0.01 for r in rows)}; over 2 %: "
                                f"{sum(r['cer'] > 0.02 for r in rows)}; CPU per page (clean-up, OCR, tesseract): "
                                f"{sum(r['cpu'] for r in rows) / len(rows):.2f} s")
            if split == "dev":
                result.notes += [f"{r['item']}: CER {r['cer']:.2%}, skew {r['skew']}° (found {r['found_skew']}°)"
                                 + (f", error: {r['error']}" if r["error"] else "") for r in rows]
                # Dev pages may be looked at: what the worst one got wrong (never printed for frozen splits).
                result.notes.append(f"worst page {worst['item']} misses: " + ("; ".join(worst["misses"]) or "none"))
            results.append(result)
    return results


if __name__ == "__main__":
    from benchmarks.real_paper.results import run_tier

    run_tier(evaluate, __doc__)
