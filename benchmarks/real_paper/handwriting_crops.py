"""Handwritten field crops: tesseract against AsterOCR (issue 14 §3).

    python -m benchmarks.real_paper.handwriting_crops [--split dev|frozen] [--pages N] [--json]

Crops every handwritten value of the declaration pages of the ``declarations_handwritten`` tier
(the box the generator wrote it in, on the captured page with the dotted leaders erased as the
desk's reader does — what a field reader gets) and reads each crop with

- tesseract ``-l vie --psm 7`` (one text line), as the desk does today;
- ``asterocr`` (PyPI, MIT, ONNX weights shipped inside the wheel; see docs/PERFORMANCE.md for the
  audit), when installed: ``pip install asterocr`` (bench extra).

Prints CER per engine (edit distance / characters, mean over crops), exact crops, the worst crop's
CER and seconds per crop. Both engines see the same crops; multi-line values are read line by line.
"""

from __future__ import annotations

import argparse
import json
import os
import time

from benchmarks.real_paper.tier_declarations import edit_distance, seeds
from benchmarks.real_paper.results import SPLITS


def _crops(split: str, pages: int):
    from benchmarks.real_paper.declarations import make_declaration

    import numpy as np
    from PIL import Image, ImageOps

    from scanning.form_extraction import erase_dotted_leaders

    for seed in seeds("declarations_handwritten", split, pages):
        item = make_declaration(seed, handwritten=True)
        # The leaders erased first, as the desk's reader does before reading a value.
        page = Image.fromarray(erase_dotted_leaders(np.asarray(ImageOps.grayscale(item.image))))
        for key, box in item.boxes.items():
            if key in item.values and key != "copies_requested":
                yield f"{item.procedure}#{seed}:{key}", item.values[key], page.crop(box).convert("RGB")


def _lines(crop):
    """Split a crop at blank rows into text lines (a wrapped value spans two)."""
    import numpy as np

    ink = (np.asarray(crop.convert("L")) < 140).sum(axis=1)
    rows = ink > max(2, crop.width // 200)
    lines, start = [], None
    for y, on in enumerate(list(rows) + [False]):
        if on and start is None:
            start = y
        elif not on and start is not None:
            if y - start >= crop.height // 8:
                lines.append(crop.crop((0, max(0, start - 4), crop.width, min(crop.height, y + 4))))
            start = None
    return lines or [crop]


def _tesseract(crop) -> str:
    import pytesseract

    return " ".join(" ".join(pytesseract.image_to_string(line, lang="vie", config="--psm 7").split())
                    for line in _lines(crop))


def _engines() -> dict:
    from scanning import handwriting

    engines = {"tesseract": _tesseract}
    if handwriting.available():
        engines["asterocr"] = lambda crop: " ".join(handwriting.read_line(line) for line in _lines(crop))
    return engines


def run(split: str, pages: int) -> dict:
    import unicodedata

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    engines = _engines()
    scores = {name: {"crops": 0, "exact": 0, "cer_sum": 0.0, "worst": (0.0, ""), "seconds": 0.0} for name in engines}
    for crop_id, truth, crop in _crops(split, pages):
        for name, read in engines.items():
            started = time.perf_counter()
            got = unicodedata.normalize("NFC", read(crop)).strip()
            took = time.perf_counter() - started
            cer = edit_distance(got, truth) / max(1, len(truth))
            s = scores[name]
            s["crops"] += 1
            s["exact"] += got == truth
            s["cer_sum"] += cer
            s["seconds"] += took
            if cer >= s["worst"][0]:
                s["worst"] = (cer, crop_id if split == "dev" else "")
    return {name: {"crops": s["crops"], "exact_rate": s["exact"] / max(1, s["crops"]),
                   "cer_mean": s["cer_sum"] / max(1, s["crops"]), "worst_cer": s["worst"][0],
                   "worst_crop": s["worst"][1], "seconds_per_crop": s["seconds"] / max(1, s["crops"])}
            for name, s in scores.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description="So sánh tesseract và AsterOCR trên ô viết tay.")
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.split, args.pages)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    for name, s in result.items():
        print(f"{name:10s} ô: {s['crops']}  CER trung bình: {s['cer_mean'] * 100:.1f} %  "
              f"đúng cả ô: {s['exact_rate'] * 100:.1f} %  ô kém nhất: {s['worst_cer'] * 100:.0f} % {s['worst_crop']}  "
              f"s/ô: {s['seconds_per_crop']:.3f}")
    if "asterocr" not in result:
        print("asterocr chưa cài: pip install asterocr (chỉ để đo)")


if __name__ == "__main__":
    main()
