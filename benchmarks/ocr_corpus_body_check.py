"""The old ``ocr_corpus`` pages with and without their header (issue 14): how much of the CER is reading order.

    OMP_THREAD_LIMIT=1 .venv/bin/python -m benchmarks.ocr_corpus_body_check /tmp/ocr-corpus

The old corpus's truth reads the letter's header row by row across its two columns; the reader reads
the issuing body's block, then the national title's block. This prints, per tier, the CER of the whole
page and of the page from the title on (truth: without its first three lines; output: from the title),
each page going through :func:`scanning.pipeline.process_page` as in ``benchmarks.ocr_benchmark``.
The corpus folder is the one ``benchmarks.ocr_benchmark --corpus`` generated.
"""

from __future__ import annotations

import sys
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from rapidfuzz.distance import Levenshtein


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def one(path: Path) -> tuple[str, tuple[int, int], tuple[int, int]]:
    from scanning.file_import import read_page_images
    from scanning.pipeline import PageInput, process_page

    truth = path.with_suffix(".txt").read_text(encoding="utf-8")
    page = read_page_images(path)[0]
    text = process_page(0, PageInput(page.data, page.dpi, path.name)).text
    lines = truth.split("\n")
    start = text.find(lines[3][:12])
    body_truth, body_text = "\n".join(lines[3:]), text[start:] if start >= 0 else text
    whole = (Levenshtein.distance(_norm(text), _norm(truth)), len(_norm(truth)))
    body = (Levenshtein.distance(_norm(body_text), _norm(body_truth)), len(_norm(body_truth)))
    return path.parent.name, whole, body


def main(argv: list[str] | None = None) -> int:
    corpus = Path((argv or sys.argv[1:])[0])
    pages = [p for tier in ("clean", "office", "poor") for p in sorted((corpus / tier).iterdir())
             if p.suffix in (".png", ".jpg") and p.with_suffix(".txt").read_text(encoding="utf-8").strip()]
    with ProcessPoolExecutor(2) as pool:
        rows = list(pool.map(one, pages))
    for tier in ("clean", "office", "poor"):
        r = [x for x in rows if x[0] == tier]
        whole = sum(x[1][0] for x in r) / sum(x[1][1] for x in r)
        body = sum(x[2][0] for x in r) / sum(x[2][1] for x in r)
        print(f"{tier}: pages {len(r)}, CER whole page {whole:.2%}, without the 3 header lines {body:.2%}, "
              f"worst page without header {max(x[2][0] / x[2][1] for x in r):.2%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
