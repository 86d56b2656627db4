"""Tier "ID cards at an angle" of the independent evaluation (issue 14 §4).

Each item of :mod:`benchmarks.real_paper.id_photos` is read by :func:`scanning.id_card.mrz.read_mrz`, as
``desk-app read-id`` does for a card back. An item counts as *valid and correct* when every check digit
holds **and** the ID number, birth date, sex, expiry date, surname and given names all equal the truth
(names have no check digit; they are compared too). Items are generated and read in worker processes
(tesseract with one thread each), two at a time.
"""

from __future__ import annotations

import os
import time
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from datetime import date

from benchmarks.real_paper.results import TierResult

TIERS = ("id_photo", "id_flatbed")
DEFAULT_ITEMS = 40          # per tier and split
_KIND = {"id_photo": "photo", "id_flatbed": "flatbed"}
_TODAY = date(2026, 11, 30)


def _init() -> None:
    import cv2

    cv2.setNumThreads(1)
    os.environ["OMP_THREAD_LIMIT"] = "1"


def read_item(seed: int, kind: str) -> dict:
    """Generate one capture, read it, and compare with the truth (runs in a worker)."""
    import io

    from PIL import Image

    from benchmarks.real_paper.id_photos import make_item
    from scanning.id_card.mrz import MrzNotFoundError, read_mrz

    data, _suffix, truth = make_item(seed, kind)
    started = time.perf_counter()
    fields: dict[str, bool] = {}
    error = ""
    valid = False
    try:
        mrz = read_mrz(Image.open(io.BytesIO(data)), today=_TODAY)
        valid = mrz.valid
        fields = {
            "id_number": mrz.id_number == truth.id_number,
            "dob": (mrz.dob.isoformat() if mrz.dob else None) == truth.dob,
            "sex": mrz.sex == truth.sex,
            "expiry": (mrz.expiry.isoformat() if mrz.expiry else None) == truth.expiry,
            "surname": mrz.surname == truth.surname,
            "given_names": mrz.given_names == truth.given_names,
        }
        flagged = "full_name" in mrz.needs_review
    except MrzNotFoundError as exc:
        error = str(exc)
        flagged = True
    seconds = time.perf_counter() - started
    correct = valid and bool(fields) and all(fields.values())
    return {"item": truth.item, "valid": valid, "correct": correct, "fields": fields, "error": error,
            "seconds": seconds, "name_flagged": flagged, "rotation": truth.rotation,
            "upside_down": truth.upside_down}


def evaluate(split: str, limit: int | None = None, jobs: int = 2,
             tiers: tuple[str, ...] = TIERS, offset: int = 0) -> list[TierResult]:
    from benchmarks.real_paper.id_photos import items

    count = limit or DEFAULT_ITEMS
    results = []
    # Fresh interpreters, not forks: another tier run before this one in the same process may have
    # started threads (onnxruntime's), and a fork taken then can hang in the child.
    with ProcessPoolExecutor(jobs, initializer=_init, mp_context=multiprocessing.get_context("spawn")) as pool:
        for tier in tiers:
            kind = _KIND[tier]
            seeds = items(split, kind, offset + count)[offset:]
            rows = list(pool.map(read_item, seeds, [kind] * len(seeds)))
            good = [r for r in rows if r["correct"]]
            # Worst item: the one with the fewest fields right (not found at all counts as none right).
            def right(r: dict) -> float:
                return sum(r["fields"].values()) / len(r["fields"]) if r["fields"] and r["valid"] else 0.0
            worst = min(rows, key=lambda r: (r["correct"], right(r)))
            result = TierResult(
                tier=tier, split=split, items=len(rows), mrz_valid_correct_rate=len(good) / len(rows),
                worst_item=worst["item"], worst_value=1.0 if worst["correct"] else right(worst),
                seconds_per_page=sum(r["seconds"] for r in rows) / len(rows))
            result.notes.append(f"names flagged for review: {sum(r['name_flagged'] for r in rows)}/{len(rows)}")
            result.notes.append(f"valid but wrong (a field differs though every check digit holds): "
                                f"{sum(r['valid'] and not r['correct'] for r in rows)}")
            result.notes.append(f"slowest item: {max(r['seconds'] for r in rows):.1f} s")
            if split == "dev":   # the frozen split is only summarised
                for r in rows:
                    if not r["correct"]:
                        wrong = [k for k, ok in r["fields"].items() if not ok]
                        result.notes.append(f"{r['item']} (rotation {r['rotation']}°, upside down {r['upside_down']}): "
                                            + (r["error"] or f"valid={r['valid']}, wrong: {', '.join(wrong) or '-'}"))
            results.append(result)
    return results


if __name__ == "__main__":
    from benchmarks.real_paper.results import run_tier

    run_tier(evaluate, __doc__)
