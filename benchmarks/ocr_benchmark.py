"""OCR benchmark: CER per tier, blank-page detection, pages/minute end to end, and ocrmypdf on the same pages.

    .venv/bin/python -m benchmarks.ocr_benchmark --corpus /tmp/ocr-corpus --pages 20 --blanks 3

End to end = read the file, clean up (page finding, perspective, lighting, deskew, orientation,
blank, colour), OCR with tesseract ``vie`` and write one PDF/A-2b per page file — the work
``desk-app digitize`` does. The worker pool is started before the clock starts (in the app it lives
for the whole session). ocrmypdf (``--deskew -l vie``, same number of jobs) gets each tier as one
multi-page PDF made losslessly with img2pdf, and its time includes its own start-up.

CER = edit distance / length of the truth, both NFC with all whitespace collapsed to one space,
summed over the written pages of a tier. Blank detection: every blank flagged, no written page flagged.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from datetime import datetime
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from benchmarks import ocr_corpus
from scanning.file_import import read_page_images
from scanning.pdfa import PdfMetadata
from scanning.pipeline import (
    PageInput,
    PagePipeline,
    build_component_pdf,
    default_workers,
)


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def cer(found: str, truth: str) -> tuple[int, int]:
    truth, found = normalise(truth), normalise(found)
    return Levenshtein.distance(found, truth), len(truth)


def _summary(errors: list[tuple[int, int]]) -> dict:
    edits = sum(e for e, _ in errors)
    chars = sum(n for _, n in errors)
    worst = max((e / n for e, n in errors if n), default=0.0)
    return {"cer": edits / chars if chars else 0.0, "edits": edits, "chars": chars, "worst_page_cer": worst}


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (workers, tesseract, ocrmypdf)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_ours(pages: list[ocr_corpus.CorpusPage], out_dir: Path, jobs: int) -> dict:
    results: dict = {}
    for tier in ocr_corpus.TIERS:
        # One pool per tier so its CPU time is counted when its workers exit (start-up and the
        # warm-up page included, so CPU per page is slightly pessimistic).
        cpu_before = _cpu_seconds()
        with PagePipeline(jobs) as pipeline:
            warm = pages[0]
            pipeline.process([PageInput(warm.path.read_bytes(), warm.dpi, "warm-up")])  # start the workers
            tier_pages = [p for p in pages if p.tier == tier]
            started = time.perf_counter()
            inputs = []
            for page in tier_pages:
                imported = read_page_images(page.path)[0]
                inputs.append(PageInput(imported.data, imported.dpi, page.name))
            outcomes = pipeline.process(inputs)
            for page, outcome in zip(tier_pages, outcomes):
                build_component_pdf([outcome], PdfMetadata(title=f"{tier} {page.name}", digitised_at=datetime.now()),
                                    out_dir / tier / f"{page.name}.pdf")
            seconds = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_before
        written = [(p, o) for p, o in zip(tier_pages, outcomes) if not p.blank]
        blanks = [(p, o) for p, o in zip(tier_pages, outcomes) if p.blank]
        per_kind: dict[str, list] = {}
        for page, outcome in written:
            per_kind.setdefault(page.kind, []).append(cer(outcome.text, page.truth))
        results[tier] = {
            "pages": len(tier_pages), "seconds": seconds, "pages_per_minute": len(tier_pages) / seconds * 60,
            **_summary([cer(o.text, p.truth) for p, o in written]),
            "by_kind": {k: _summary(v) for k, v in per_kind.items()},
            "blank_found": sum(o.blank for _, o in blanks), "blank_total": len(blanks),
            "written_flagged_blank": [p.name for p, o in written if o.blank],
            "failed": [p.name for p, o in zip(tier_pages, outcomes) if not o.ok],
            "mean_page_seconds": sum(o.seconds for o in outcomes) / len(outcomes),
            "cpu_seconds_per_page": cpu / len(tier_pages),
        }
    return results


def run_ocrmypdf(pages: list[ocr_corpus.CorpusPage], work: Path, jobs: int) -> dict:
    import img2pdf

    exe = shutil.which("ocrmypdf") or str(Path(sys.executable).with_name("ocrmypdf"))
    results: dict = {}
    for tier in ocr_corpus.TIERS:
        tier_pages = [p for p in pages if p.tier == tier]
        source = work / f"{tier}-in.pdf"
        # Photos carry no dpi and img2pdf would assume 96: give every page its tier's resolution.
        dpi = 200 if tier == "poor" else 300
        layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
        source.write_bytes(img2pdf.convert([str(p.path) for p in tier_pages], layout_fun=layout))
        sidecar = work / f"{tier}.txt"
        cpu_before = _cpu_seconds()
        started = time.perf_counter()
        done = subprocess.run([exe, "--deskew", "-l", "vie", "-j", str(jobs), "--sidecar", str(sidecar), "-q",
                               str(source), str(work / f"{tier}-out.pdf")], capture_output=True, text=True,
                              env={**os.environ, "OMP_THREAD_LIMIT": "1"}, check=False)
        seconds = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_before
        if done.returncode != 0:
            results[tier] = {"error": done.stderr[-500:]}
            continue
        texts = sidecar.read_text(encoding="utf-8").split("\f")
        written = [(p, texts[i] if i < len(texts) else "") for i, p in enumerate(tier_pages) if not p.blank]
        results[tier] = {"pages": len(tier_pages), "seconds": seconds,
                         "pages_per_minute": len(tier_pages) / seconds * 60,
                         "cpu_seconds_per_page": cpu / len(tier_pages),
                         **_summary([cer(t, p.truth) for p, t in written])}
    return results


def run_plain_tesseract(pages: list[ocr_corpus.CorpusPage]) -> dict:
    """``tesseract IMAGE stdout -l vie`` with no clean-up at all: what the clean-up is worth."""
    results: dict = {}
    for tier in ocr_corpus.TIERS:
        errors = []
        for page in (p for p in pages if p.tier == tier and not p.blank):
            done = subprocess.run(["tesseract", str(page.path), "stdout", "-l", "vie"], capture_output=True,
                                  env={**os.environ, "OMP_THREAD_LIMIT": "1"}, check=False)
            errors.append(cer(done.stdout.decode("utf-8", "replace"), page.truth))
        results[tier] = _summary(errors)
    return results


def _print_table(report: dict) -> None:
    print(f"\nOCR benchmark {report['date']} on {report['machine']} ({report['cores']} cores, {report['jobs']} jobs)")
    print(f"{'tier':8} {'pages':>5} {'CER':>8} {'worst':>8} {'pages/min':>10} {'CPU s/page':>10} {'blank':>7}"
          f" {'false blank':>11} {'ocrmypdf CER':>12} {'ocrmypdf p/min':>14} {'ocrmypdf CPU s/p':>16} {'plain CER':>9}")
    for tier in ocr_corpus.TIERS:
        ours = report["ours"][tier]
        other = report.get("ocrmypdf", {}).get(tier, {})
        plain = report.get("plain_tesseract", {}).get(tier, {})
        print(f"{tier:8} {ours['pages']:>5} {ours['cer']:>8.2%} {ours['worst_page_cer']:>8.2%} "
              f"{ours['pages_per_minute']:>10.1f} {ours['cpu_seconds_per_page']:>10.2f} "
              f"{ours['blank_found']:>3}/{ours['blank_total']:<3} {len(ours['written_flagged_blank']):>11} "
              f"{other.get('cer', float('nan')):>12.2%} {other.get('pages_per_minute', float('nan')):>14.1f} "
              f"{other.get('cpu_seconds_per_page', float('nan')):>16.2f} "
              f"{plain.get('cer', float('nan')):>9.2%}")
        for kind, summary in ours["by_kind"].items():
            if kind != "letter":
                print(f"  {kind}: CER {summary['cer']:.2%} (worst page {summary['worst_page_cer']:.2%})")
    total = report["totals"]
    print(f"load average before/after: {report['load_average_before']} / {report['load_average_after']}")
    print(f"end to end: {total['pages_per_minute']:.1f} pages/min overall, "
          f"{total['pages_per_minute_300dpi']:.1f} pages/min on the 300 dpi tiers (clean + office)")
    if "ocrmypdf_pages_per_minute_300dpi" in total:
        print(f"ocrmypdf: {total['ocrmypdf_pages_per_minute_300dpi']:.1f} pages/min on the 300 dpi tiers "
              f"→ ratio {total['speedup_300dpi']:.2f}× by wall clock; CPU per page "
              f"{total['cpu_seconds_per_page_300dpi']:.2f} s vs {total['ocrmypdf_cpu_seconds_per_page_300dpi']:.2f} s "
              f"→ {total['cpu_ratio_300dpi']:.2f}× less CPU")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "ocr-corpus")
    parser.add_argument("--pages", type=int, default=10, help="written pages per tier")
    parser.add_argument("--blanks", type=int, default=2, help="blank pages per tier")
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--jobs", type=int, default=default_workers())
    parser.add_argument("--skip-ocrmypdf", action="store_true")
    parser.add_argument("--plain-tesseract", action="store_true", help="also score tesseract without clean-up")
    parser.add_argument("--json", type=Path, help="write the full report here")
    args = parser.parse_args(argv)

    os.environ["OMP_THREAD_LIMIT"] = "1"
    if (args.corpus / "manifest.json").exists():
        pages = ocr_corpus.load(args.corpus)
    else:
        pages = ocr_corpus.generate(args.corpus, args.pages, args.seed, args.blanks)
    work = Path(tempfile.mkdtemp(prefix="ocr-bench-"))
    report: dict = {"date": datetime.now().isoformat(timespec="seconds"), "machine": platform.platform(),
                    "cores": os.cpu_count(), "jobs": args.jobs, "corpus": str(args.corpus),
                    "load_average_before": os.getloadavg()}
    report["ours"] = run_ours(pages, work / "ours", args.jobs)
    print(json.dumps(report["ours"], ensure_ascii=False), flush=True)
    if not args.skip_ocrmypdf:
        report["ocrmypdf"] = run_ocrmypdf(pages, work, args.jobs)
    if args.plain_tesseract:
        report["plain_tesseract"] = run_plain_tesseract(pages)
    report["load_average_after"] = os.getloadavg()

    ours = report["ours"]
    hi_res = ("clean", "office")
    totals = {
        "pages_per_minute": sum(ours[t]["pages"] for t in ours) / sum(ours[t]["seconds"] for t in ours) * 60,
        "pages_per_minute_300dpi": sum(ours[t]["pages"] for t in hi_res) / sum(ours[t]["seconds"] for t in hi_res) * 60,
        "blank_exact": all(ours[t]["blank_found"] == ours[t]["blank_total"] and not ours[t]["written_flagged_blank"]
                           for t in ours),
    }
    other = report.get("ocrmypdf", {})
    if other and all("seconds" in other.get(t, {}) for t in hi_res):
        totals["ocrmypdf_pages_per_minute_300dpi"] = (sum(other[t]["pages"] for t in hi_res)
                                                      / sum(other[t]["seconds"] for t in hi_res) * 60)
        totals["speedup_300dpi"] = totals["pages_per_minute_300dpi"] / totals["ocrmypdf_pages_per_minute_300dpi"]
        cpu_ours = sum(ours[t]["cpu_seconds_per_page"] for t in hi_res) / len(hi_res)
        cpu_other = sum(other[t]["cpu_seconds_per_page"] for t in hi_res) / len(hi_res)
        totals["cpu_seconds_per_page_300dpi"] = cpu_ours
        totals["ocrmypdf_cpu_seconds_per_page_300dpi"] = cpu_other
        totals["cpu_ratio_300dpi"] = cpu_other / cpu_ours
    report["totals"] = totals
    _print_table(report)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
