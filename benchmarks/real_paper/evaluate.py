"""Run the independent evaluation (issue 14) and print its table.

    python -m benchmarks.real_paper.evaluate [--split dev|frozen|holdout|holdout2] [--tier NAME …] [--limit N] [--json]

Finds every ``tier_*.py`` module beside this file (see ``__init__.py`` for the interface), runs the
tiers asked for and prints per tier and overall: CER, worst page, exact-value rate, sure-but-wrong
count, MRZ valid-and-correct rate, seconds per page. A tier module that is missing, fails to import
or fails while running is reported on an error line; the others still run. Heavy work: run it with
``nice -n 10`` and ``OMP_THREAD_LIMIT=1`` on a shared machine.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import pkgutil
import sys
import time
import traceback
from pathlib import Path

from benchmarks.real_paper.results import SPLITS, TierResult

_HERE = Path(__file__).resolve().parent


def tier_modules() -> list[str]:
    """Names of the tier modules present, in name order."""
    return sorted(f"benchmarks.real_paper.{m.name}" for m in pkgutil.iter_modules([str(_HERE)])
                  if m.name.startswith("tier_"))


def run(split: str, tiers: list[str] | None, limit: int | None,
        offset: int = 0) -> tuple[list[TierResult], list[str]]:
    """(results, error lines) for the tiers asked for (all when *tiers* is empty)."""
    results: list[TierResult] = []
    errors: list[str] = []
    wanted = set(tiers or [])
    seen: set[str] = set()
    for name in tier_modules():
        short = name.rsplit(".", 1)[1]
        try:
            module = importlib.import_module(name)
            names = tuple(getattr(module, "TIERS"))
        except Exception as exc:  # a broken tier must not stop the others
            errors.append(f"{short}: không nạp được ({type(exc).__name__}: {exc})")
            continue
        seen.update(names)
        chosen = [t for t in names if not wanted or t in wanted]
        if not chosen:
            continue
        try:
            kwargs = {}
            if "tiers" in inspect.signature(module.evaluate).parameters:
                kwargs["tiers"] = tuple(chosen)
            if offset:
                kwargs["offset"] = offset
            got = [r for r in module.evaluate(split, limit, **kwargs) if r.tier in chosen]
        except Exception as exc:
            last = traceback.extract_tb(exc.__traceback__)[-1]
            errors.append(f"{short}: lỗi khi chạy ({type(exc).__name__}: {exc}; "
                          f"{Path(last.filename).name}:{last.lineno})")
            continue
        results.extend(got)
    for missing in sorted(wanted - seen):
        errors.append(f"{missing}: không có tầng này (các tầng có: {', '.join(sorted(seen)) or 'không'})")
    return results, errors


def overall(results: list[TierResult], split: str) -> TierResult:
    """Item-weighted means; sure-but-wrong summed; the worst page is the worst tier's worst page."""
    total = TierResult(tier="overall", split=split, items=sum(r.items for r in results))

    def mean(attr: str) -> float | None:
        pairs = [(getattr(r, attr), r.items) for r in results if getattr(r, attr) is not None]
        weight = sum(n for _, n in pairs)
        return sum(v * n for v, n in pairs) / weight if weight else None

    total.cer_mean = mean("cer_mean")
    total.exact_value_rate = mean("exact_value_rate")
    total.mrz_valid_correct_rate = mean("mrz_valid_correct_rate")
    total.seconds_per_page = mean("seconds_per_page")
    counts = [r.sure_but_wrong for r in results if r.sure_but_wrong is not None]
    total.sure_but_wrong = sum(counts) if counts else None
    by_cer = [r for r in results if r.cer_mean is not None and r.worst_value is not None]
    if by_cer:
        worst = max(by_cer, key=lambda r: r.cer_mean)
        total.worst_item, total.worst_value = f"{worst.tier}: {worst.worst_item}", worst.worst_value
    return total


def _pct(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value * 100:.{digits}f} %"


def format_table(results: list[TierResult], errors: list[str], split: str) -> str:
    head = ["tầng", "số trang", "CER", "trang kém nhất", "giá trị đúng", "chắc chắn mà sai", "MRZ đúng", "s/trang"]
    rows = [head]
    for r in results + ([overall(results, split)] if results else []):
        worst = f"{r.worst_item} ({r.worst_value:.3f})" if r.worst_item and r.worst_value is not None else "—"
        rows.append([r.tier, str(r.items), _pct(r.cer_mean), worst, _pct(r.exact_value_rate, 1),
                     "—" if r.sure_but_wrong is None else str(r.sure_but_wrong), _pct(r.mrz_valid_correct_rate, 1),
                     "—" if r.seconds_per_page is None else f"{r.seconds_per_page:.2f}"])
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = [f"Đánh giá độc lập — tập {split}"]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    for r in results:
        lines += [f"  [{r.tier}] {note}" for note in r.notes]
    lines += [f"LỖI {e}" for e in errors]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đánh giá trên vật liệu làm độc lập với bộ đọc (issue 14).")
    parser.add_argument("--split", choices=SPLITS, default="dev",
                        help="dev: được xem từng trang; frozen, holdout, holdout2: chỉ in số liệu tổng")
    parser.add_argument("--tier", nargs="*", default=[], metavar="NAME", help="chỉ chạy các tầng này")
    parser.add_argument("--limit", type=int, default=None, help="số trang mỗi tầng")
    parser.add_argument("--offset", type=int, default=0,
                        help="bỏ qua N trang đầu của mỗi tầng (tập dev: để đo trên trang chưa xem)")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit phải là số nguyên dương")
    started = time.perf_counter()
    if args.offset and args.split != "dev":
        parser.error("--offset chỉ dùng cho tập dev")
    results, errors = run(args.split, args.tier, args.limit, args.offset)
    if args.json:
        data = {"split": args.split, "tiers": [r.as_json() for r in results],
                "overall": overall(results, args.split).as_json() if results else None, "errors": errors,
                "seconds": round(time.perf_counter() - started, 1)}
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(format_table(results, errors, args.split))
    return 1 if errors and not results else 0


if __name__ == "__main__":
    sys.exit(main())
