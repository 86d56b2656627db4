"""What every tier of the independent evaluation reports (issue 14)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# Each generator owns a block of seeds; the frozen split uses the upper half of its block, so no
# development run ever renders a frozen item.
_SEED_BLOCKS = {"declarations": 1_000_000, "id_photos": 2_000_000, "office_scans": 3_000_000}


def seed_range(generator: str, split: str, count: int) -> range:
    """Seeds for ``count`` items of ``generator`` in ``split`` ("dev" or "frozen")."""
    base = _SEED_BLOCKS[generator] + (500_000 if split == "frozen" else 0)
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
    parser.add_argument("--split", choices=("dev", "frozen"), default="dev")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    for result in evaluate(args.split, args.limit):
        print(json.dumps(result.as_json(), ensure_ascii=False))
