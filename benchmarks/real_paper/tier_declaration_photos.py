"""Declarations photographed at the counter (phone or document camera), read as the desk reads them.

Each photo comes from :mod:`benchmarks.real_paper.declaration_photos` with a seed of its split (its own
seed block; typed values — the handwritten tier's figures come from scans). The desk keeps a camera
capture as it was taken and gives that file to :func:`scanning.form_extraction.extract_fields`, so the
photo is read as it is: finding the sheet in the frame is the reader's job. Same figures as the scanned
declaration tiers (:mod:`benchmarks.real_paper.tier_declarations`).
"""

from __future__ import annotations

from benchmarks.real_paper.results import TierResult, run_tier, seed_range
from benchmarks.real_paper.tier_declarations import evaluate_pages

TIERS = ("declarations_photo",)
DEFAULT_COUNT = {"dev": 20, "frozen": 20, "holdout": 20, "holdout2": 20}


def evaluate(split: str, limit: int | None = None, offset: int = 0) -> list[TierResult]:
    from benchmarks.real_paper.declaration_photos import make_declaration_photo

    count = limit if limit is not None else DEFAULT_COUNT[split]
    seeds = seed_range("declaration_photos", split, offset + count)[offset:]
    return [evaluate_pages("declarations_photo", split, seeds, make_declaration_photo)]


if __name__ == "__main__":
    run_tier(evaluate, __doc__)
