"""Speed of ``desk-app ocr`` and ``desk-app digitize`` against tesseract and ocrmypdf, in the same run (issue 14 §6).

    OMP_THREAD_LIMIT=1 .venv/bin/python -m benchmarks.ocr_speed_benchmark --repeats 5 --pages 16 --jobs 2

1. **Start-up of ``desk-app ocr`` on one page**: one 300 dpi A4 letter (``benchmarks.ocr_corpus``), read
   alternately by ``tesseract PAGE stdout -l vie`` and by ``desk-app ocr PAGE``, *repeats* times each;
   medians of wall time and CPU time (the command's whole process tree, see below). "Beyond tesseract"
   is the median of the paired differences. What ``desk-app ocr`` does on top of tesseract: start
   Python, decode the file in a child, clean up the page (lighting, deskew, orientation), reduce it to
   its ink, and lay out the text.
2. **``desk-app digitize`` against ocrmypdf** on the same *pages* page files (clean and office tiers of
   ``benchmarks.ocr_corpus``, 300 dpi): ``desk-app digitize FOLDER --out OUT --jobs J --quiet`` against
   ``ocrmypdf --deskew -l vie -j J --output-type pdfa`` on one PDF holding the same images (img2pdf,
   lossless), run one after the other in the same run; CPU and wall ratios, and the CER of both.

CPU time is that of the whole process tree of a command: this process becomes a "child subreaper"
(Linux), so a process the command started but did not wait for (a forkserver, its children) is handed
to this process when it is orphaned, and is waited for here before the command's CPU is read from
``getrusage(RUSAGE_CHILDREN)``. ``--skip-digitize`` measures only the start-up part (a quick check while
developing). The machine's load average is printed with the figures: wall times of a busy machine are
loose, the paired median is the figure to quote.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import ocr_corpus
from benchmarks.ocr_benchmark import cer

ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}
_PR_SET_CHILD_SUBREAPER = 36


def _adopt_orphans() -> bool:
    """Make this process the reaper of its descendants' orphans, so their CPU is counted (Linux only)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _reap_orphans(deadline: float = 30.0) -> None:
    """Wait for every process left behind by the last command (a forkserver ends once its parent has)."""
    stop = time.monotonic() + deadline
    while time.monotonic() < stop:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.01)   # an orphan still running: polled, it ends within moments


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    cpu, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=ENV, check=False)
    wall = time.perf_counter() - started
    _reap_orphans()
    return wall, _children_cpu() - cpu, done


def _desk_app() -> str:
    return shutil.which("desk-app") or str(Path(sys.executable).with_name("desk-app"))


def startup(work: Path, repeats: int) -> dict:
    image, truth = ocr_corpus.render_letter(random.Random(20261201), dpi=300)
    page = work / "trang.png"
    image.save(page, dpi=(300, 300))
    rows = []
    for _ in range(repeats):
        t_wall, t_cpu, t_done = _timed(["tesseract", str(page), "stdout", "-l", "vie"])
        d_wall, d_cpu, d_done = _timed([_desk_app(), "ocr", str(page)])
        if d_done.returncode != 0:
            raise SystemExit(d_done.stderr.decode("utf-8", "replace"))
        rows.append({"tesseract_wall": t_wall, "tesseract_cpu": t_cpu, "desk_wall": d_wall, "desk_cpu": d_cpu,
                     "tesseract_cer": cer(t_done.stdout.decode("utf-8", "replace"), truth)[0] / len(truth),
                     "desk_cer": cer(d_done.stdout.decode("utf-8", "replace"), truth)[0] / len(truth)})
    med = {key: statistics.median(r[key] for r in rows) for key in rows[0]}
    med["beyond_tesseract_wall"] = statistics.median(r["desk_wall"] - r["tesseract_wall"] for r in rows)
    med["beyond_tesseract_cpu"] = statistics.median(r["desk_cpu"] - r["tesseract_cpu"] for r in rows)
    med["wall_ratio"] = med["desk_wall"] / med["tesseract_wall"]
    med["repeats"] = repeats
    return med


def digitize_vs_ocrmypdf(work: Path, count: int, jobs: int) -> dict:
    import img2pdf

    pages = ocr_corpus.generate(work / "corpus", pages_per_tier=(count + 1) // 2, blanks_per_tier=0)
    pages = [p for p in pages if p.tier in ("clean", "office")][:count]
    folder = work / "giấy cũ"
    folder.mkdir()
    for page in pages:
        shutil.copy(page.path, folder / f"{page.tier}-{page.name}{page.path.suffix}")
    source = work / "in.pdf"
    layout = img2pdf.get_fixed_dpi_layout_fun((300, 300))
    source.write_bytes(img2pdf.convert([str(p.path) for p in pages], layout_fun=layout))
    sidecar = work / "ocrmypdf.txt"
    exe = shutil.which("ocrmypdf") or str(Path(sys.executable).with_name("ocrmypdf"))
    o_wall, o_cpu, o_done = _timed([exe, "--deskew", "-l", "vie", "-j", str(jobs), "--output-type", "pdfa",
                                    "--sidecar", str(sidecar), "-q", str(source), str(work / "ocrmypdf.pdf")])
    if o_done.returncode != 0:
        raise SystemExit("ocrmypdf: " + o_done.stderr.decode("utf-8", "replace")[-800:])
    out = work / "số hóa"
    d_wall, d_cpu, d_done = _timed([_desk_app(), "digitize", str(folder), "--out", str(out), "--jobs", str(jobs),
                                    "--quiet"])
    if d_done.returncode != 0:
        raise SystemExit("digitize: " + d_done.stderr.decode("utf-8", "replace")[-800:])
    # Text of our PDFs, page by page, from the PDF text layer (what a search or a copy would get).
    import pypdfium2

    ours = []
    for page in pages:
        pdf = pypdfium2.PdfDocument(out / f"{page.tier}-{page.name}.pdf")
        ours.append(pdf[0].get_textpage().get_text_range())
        pdf.close()
    theirs = sidecar.read_text(encoding="utf-8").split("\f")
    ours_cer = [cer(text, p.truth) for text, p in zip(ours, pages)]
    theirs_cer = [cer(theirs[i] if i < len(theirs) else "", p.truth) for i, p in enumerate(pages)]

    def summary(errors: list[tuple[int, int]]) -> dict:
        return {"cer": sum(e for e, _ in errors) / sum(n for _, n in errors),
                "worst_page_cer": max(e / n for e, n in errors)}

    return {"pages": len(pages), "jobs": jobs, "digitize_wall": d_wall, "digitize_cpu": d_cpu,
            "ocrmypdf_wall": o_wall, "ocrmypdf_cpu": o_cpu, "cpu_ratio": d_cpu / o_cpu, "wall_ratio": d_wall / o_wall,
            "digitize_text_layer": summary(ours_cer), "ocrmypdf_sidecar": summary(theirs_cer)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--pages", type=int, default=16)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-digitize", action="store_true")
    args = parser.parse_args(argv)
    report: dict = {"load_average_before": os.getloadavg(), "cpus": os.cpu_count(),
                    "whole_process_tree": _adopt_orphans()}
    with tempfile.TemporaryDirectory(prefix="ocr-speed-") as tmp:
        work = Path(tmp)
        report["startup"] = startup(work, args.repeats)
        if not args.skip_digitize:
            report["digitize"] = digitize_vs_ocrmypdf(work, args.pages, args.jobs)
    report["load_average_after"] = os.getloadavg()
    print(json.dumps(report, ensure_ascii=False, indent=1))
    s = report["startup"]
    print(f"desk-app ocr, one 300 dpi page: wall {s['desk_wall']:.2f} s vs tesseract {s['tesseract_wall']:.2f} s "
          f"(beyond tesseract {s['beyond_tesseract_wall']:+.2f} s, ×{s['wall_ratio']:.2f}); CPU {s['desk_cpu']:.2f} s vs "
          f"{s['tesseract_cpu']:.2f} s (beyond {s['beyond_tesseract_cpu']:+.2f} s)")
    if "digitize" in report:
        d = report["digitize"]
        print(f"digitize {d['pages']} pages, -j {d['jobs']}: CPU {d['digitize_cpu']:.1f} s vs ocrmypdf {d['ocrmypdf_cpu']:.1f} s "
              f"(×{d['cpu_ratio']:.2f}); wall {d['digitize_wall']:.1f} s vs {d['ocrmypdf_wall']:.1f} s (×{d['wall_ratio']:.2f}); "
              f"CER {d['digitize_text_layer']['cer']:.2%} vs {d['ocrmypdf_sidecar']['cer']:.2%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
