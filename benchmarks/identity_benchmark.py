"""Identity benchmark: QR read rate, MRZ validity, form extraction, registry latency, pre-fill share.

    .venv/bin/python -m benchmarks.identity_benchmark --cards 50 --forms 20 --citizens 1000000

Generates its corpus with ``benchmarks/identity_corpus.py`` in a temporary folder (deterministic
seeds), reads it with two worker processes (tesseract runs single-threaded) and prints a JSON report.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def _read_card(job: tuple[str, str, dict]) -> dict:
    from scanning.id_card.mrz import read_mrz
    from scanning.id_card.qr import read_card_qr

    path, side, person = job
    started = time.perf_counter()
    result = {"file": Path(path).name, "side": side}
    try:
        if side == "front":
            data = read_card_qr(path).data
            expected = {"id_number": person["id_number"], "old_id": person["old_id"],
                        "full_name": person["full_name"], "dob": person["dob"], "gender": person["gender"],
                        "place_of_residence": person["place_of_residence"], "issue_date": person["issue_date"]}
            got = {"id_number": data.id_number, "old_id": data.old_id, "full_name": data.full_name,
                   "dob": data.dob.isoformat() if data.dob else None, "gender": data.gender,
                   "place_of_residence": data.place_of_residence,
                   "issue_date": data.issue_date.isoformat() if data.issue_date else None}
            result.update(read=True, exact=got == expected)
        else:
            from desk_app.text import fold

            mrz = read_mrz(path, today=date(2026, 11, 24))
            exact = (mrz.id_number == person["id_number"] and mrz.dob and mrz.dob.isoformat() == person["dob"]
                     and mrz.sex == person["gender"])
            result.update(read=True, valid=mrz.valid, exact=bool(exact),
                          name_exact=mrz.full_name == fold(person["full_name"]).upper())
    except ValueError as exc:
        result.update(read=False, valid=False, exact=False, error=str(exc))
    result["seconds"] = time.perf_counter() - started
    return result


def bench_cards(folder: Path, count: int, workers: int) -> dict:
    from benchmarks.identity_corpus import make_card_captures

    records = make_card_captures(folder, count)
    jobs = [(str(folder / r["file"]), r["side"], r["person"]) for r in records]
    with ProcessPoolExecutor(workers) as pool:
        results = list(pool.map(_read_card, jobs, chunksize=2))
    report: dict = {}
    for side in ("front", "back"):
        for capture in ("flatbed", "photo", None):
            rows = [res for res, rec in zip(results, records)
                    if rec["side"] == side and (capture is None or rec["capture"] == capture)]
            key = f"{'qr' if side == 'front' else 'mrz'}_{capture or 'all'}"
            entry = {"captures": len(rows), "read": sum(r["read"] for r in rows),
                     "exact": sum(r["exact"] for r in rows),
                     "median_s": round(statistics.median(r["seconds"] for r in rows), 3)}
            if side == "back":
                entry["fully_valid"] = sum(r["valid"] for r in rows)
                entry["valid_but_wrong"] = sum(r["valid"] and not r["exact"] for r in rows)
                entry["name_exact"] = sum(r.get("name_exact", False) for r in rows)
            report[key] = entry
    report["qr_read_rate"] = report["qr_all"]["read"] / report["qr_all"]["captures"]
    report["qr_exact_when_read"] = report["qr_all"]["exact"] / max(1, report["qr_all"]["read"])
    report["mrz_fully_valid_rate"] = report["mrz_all"]["fully_valid"] / report["mrz_all"]["captures"]
    report["failures"] = [r for r in results if not r["read"] or not r["exact"] or not r.get("valid", True)]
    return report


def _extract_form(job: tuple[str, dict]) -> dict:
    from scanning.form_extraction import extract_fields

    path, truth = job
    started = time.perf_counter()
    result = extract_fields(path, "1.001193")
    return {"file": Path(path).name, "truth": truth, "fields": result.values, "confidence": result.confidence,
            "seconds": time.perf_counter() - started}


def bench_forms(folder: Path, count: int, workers: int) -> dict:
    from benchmarks.identity_corpus import make_declarations
    from scanning.form_extraction import HIGH_CONFIDENCE

    records = make_declarations(folder, count)
    with ProcessPoolExecutor(workers) as pool:
        results = list(pool.map(_extract_form, [(str(folder / r["file"]), r["values"]) for r in records]))
    present = exact = high_wrong = high = spurious = 0
    wrong_examples = []
    misses = []
    for res in results:
        for key, value in res["truth"].items():
            present += 1
            got = res["fields"].get(key)
            if got == value:
                exact += 1
            else:
                misses.append({"file": res["file"], "key": key, "expected": value, "got": got,
                               "confidence": res["confidence"].get(key)})
            if got == value:
                pass
            elif got is not None and res["confidence"].get(key, 0) >= HIGH_CONFIDENCE:
                high_wrong += 1
                wrong_examples.append({"file": res["file"], "key": key, "expected": value, "got": got})
        for key, got in res["fields"].items():
            if res["confidence"].get(key, 0) >= HIGH_CONFIDENCE:
                high += 1
                if key not in res["truth"]:
                    spurious += 1
    return {"forms": len(results), "values_on_paper": present, "extracted_exactly": exact,
            "exact_rate": exact / max(1, present), "high_confidence_values": high,
            "high_confidence_wrong": high_wrong + spurious, "wrong_examples": wrong_examples[:10], "misses": misses[:20],
            "median_s": round(statistics.median(r["seconds"] for r in results), 2)}


def synthetic_citizens(count: int, seed: int = 7):
    """*count* distinct invented citizens (unique IDs), as registry rows."""
    import random
    from datetime import timedelta

    from benchmarks.identity_corpus import (
        COMMUNES,
        GIVEN_F,
        GIVEN_M,
        MIDDLE_F,
        MIDDLE_M,
        PROVINCE_CODES,
        STREETS,
        SURNAMES,
    )

    rng = random.Random(seed)
    start = date(1930, 1, 1)
    for n in range(count):
        gender = "Nữ" if rng.random() < 0.5 else "Nam"
        dob = start + timedelta(days=rng.randrange(0, 30000))
        g = (dob.year // 100 - 19) * 2 + (gender == "Nữ")
        # The serial keeps IDs unique; the province and birth digits stay realistic.
        number = f"{PROVINCE_CODES[n % len(PROVINCE_CODES)]}{g}{dob.year % 100:02d}{n % 1_000_000:06d}"
        middle = rng.choice(MIDDLE_F if gender == "Nữ" else MIDDLE_M)
        given = rng.choice(GIVEN_F if gender == "Nữ" else GIVEN_M)
        yield {"id_number": number, "full_name": f"{rng.choice(SURNAMES)} {middle} {given}", "dob": dob,
               "gender": gender, "place_of_residence": f"{rng.choice(STREETS)}, {rng.choice(COMMUNES)}"}


def bench_registry(folder: Path, citizens: int, queries: int = 300) -> dict:
    import random

    from desk_app.services.registry import CitizenRegistry
    from desk_app.storage.db import make_engine, make_session_factory, upgrade_database

    engine = make_engine(f"sqlite:///{folder / 'registry.sqlite'}")
    upgrade_database(engine)
    sessions = make_session_factory(engine)
    # Every registry call is authorised and audited (issue 13): the benchmark signs in like a desk does.
    from desk_app.services.users import create_user, sign_in

    create_user(sessions, "admin", "Quản Trị Viên", "admin", "Trống-đồng-Đông-Sơn-1")
    registry = CitizenRegistry(sessions, sign_in(sessions, "admin", "Trống-đồng-Đông-Sơn-1", kind="cli"))
    sample_every = max(1, citizens // 5000)
    people: list[dict] = []

    def rows():
        for n, row in enumerate(synthetic_citizens(citizens)):
            if n % sample_every == 0:
                people.append(row)
            yield row

    started = time.perf_counter()
    registry.bulk_insert(rows())
    load_s = time.perf_counter() - started
    rng = random.Random(3)
    # The first query after the bulk load pays for reading the index pages from disk; report it apart.
    t0 = time.perf_counter()
    registry.get(people[len(people) // 2]["id_number"])
    cold_ms = (time.perf_counter() - t0) * 1000
    timings: dict[str, list[float]] = {"by_id": [], "by_name_prefix": [], "by_name_dob": [], "by_dob": [],
                                       "by_given_names": []}
    for _ in range(queries):
        p = people[rng.randrange(len(people))]
        folded_typing = p["full_name"].lower().replace("đ", "d")  # clerk types without diacritics
        calls = {"by_id": lambda p=p: [registry.get(p["id_number"])],
                 "by_name_prefix": lambda typed=folded_typing: registry.search(typed[:-1]),
                 "by_name_dob": lambda p=p: registry.search(p["full_name"], dob=p["dob"]),
                 "by_dob": lambda p=p: registry.search(dob=p["dob"]),
                 "by_given_names": lambda p=p: registry.search(p["full_name"].split(" ", 1)[1])}
        for kind, call in calls.items():
            t0 = time.perf_counter()
            found = call()
            timings[kind].append((time.perf_counter() - t0) * 1000)
            if not found or found[0] is None:
                raise AssertionError(f"{kind}: not found {p}")
    engine.dispose()
    return {"citizens": citizens, "load_s": round(load_s, 1), "queries_each": queries,
            "first_query_cold_ms": round(cold_ms, 1),
            **{kind: {"median_ms": round(statistics.median(v), 2),
                      "p95_ms": round(sorted(v)[int(len(v) * 0.95) - 1], 2),
                      "max_ms": round(max(v), 2)} for kind, v in timings.items()}}


def bench_prefill() -> dict:
    from desk_app.eforms.prefill import prefill_share_for_returning_citizen

    return prefill_share_for_returning_citizen()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=50, help="people; each gives 4 captures")
    parser.add_argument("--forms", type=int, default=20)
    parser.add_argument("--citizens", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", choices=["cards", "forms", "registry", "prefill"], action="append")
    args = parser.parse_args()
    only = set(args.only or ["cards", "forms", "registry", "prefill"])
    report: dict = {}
    with tempfile.TemporaryDirectory(prefix="identity-bench-") as tmp:
        tmp_path = Path(tmp)
        if "cards" in only:
            report["cards"] = bench_cards(tmp_path / "cards", args.cards, args.workers)
        if "forms" in only:
            report["forms"] = bench_forms(tmp_path / "forms", args.forms, args.workers)
        if "registry" in only:
            report["registry"] = bench_registry(tmp_path, args.citizens)
        if "prefill" in only:
            report["prefill"] = bench_prefill()
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
