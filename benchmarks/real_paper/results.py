"""What every tier of the independent evaluation reports (issue 14)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# Each generator owns a block of seeds; the frozen split uses the upper half of its block, so no
# development run ever renders a frozen item.
_SEED_BLOCKS = {"declarations": 1_000_000, "id_photos": 2_000_000, "office_scans": 3_000_000,
                "declaration_photos": 4_000_000}
# "holdout" is a second frozen split, added after the first one had been run twice: its seeds were
# never generated before 2026-12-01 and it is evaluated once, at the end of a piece of work.
# "holdout2" is a third one (2026-12-01, second session), made after "holdout" had been run once: its
# seeds (+650 000, disjoint from the others' ranges including the declarations' handwritten +100 000)
# had never been generated; it is evaluated once, at the end of that session's work.
SPLIT_OFFSETS = {"dev": 0, "frozen": 500_000, "holdout": 800_000, "holdout2": 650_000}
SPLITS = tuple(SPLIT_OFFSETS)


def seed_range(generator: str, split: str, count: int) -> range:
    """Seeds for ``count`` items of ``generator`` in ``split`` ("dev", "frozen", "holdout" or "holdout2")."""
    base = _SEED_BLOCKS[generator] + SPLIT_OFFSETS[split]
    return range(base, base + count)


@dataclass
class TierResult:
    """Figures for one tier; a figure that does not apply to the tier stays None."""

    tier: str
    split: str
    items: int
    cer_mean: float | None = None            # character error rate, 0..1, mean over pages
    worst_item: str = ""                     # id of the worst item (by CER, or by wrong values)
    worst_value: float | None = None         # that item's CER (or its exact-value rate)
    exact_value_rate: float | None = None    # form values extracted exactly / values expected
    sure_but_wrong: int | None = None        # values returned as sure that are wrong
    mrz_valid_correct_rate: float | None = None  # MRZ read, check digits valid and fields correct
    seconds_per_page: float | None = None
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return asdict(self)


def run_tier(evaluate, doc: str) -> None:  # noqa: ANN001 - a tier module's evaluate(split, limit)
    """One tier on its own: ``python -m benchmarks.real_paper.tier_<name> [--split …] [--limit N]``."""
    import argparse
    import json

    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0] if doc else None)
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    for result in evaluate(args.split, args.limit):
        print(json.dumps(result.as_json(), ensure_ascii=False))
