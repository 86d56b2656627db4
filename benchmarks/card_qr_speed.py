"""How fast, and how often, the card QR is read from card images — and how soon a card without one gives up.

    OMP_THREAD_LIMIT=1 nice -n 10 .venv/bin/python -m benchmarks.card_qr_speed --count 10
    ... --baseline a21b8f8          # the same images read by scanning/id_card/qr.py as of that commit
    ... --full                      # time the whole read-id body (QR, then MRZ with tesseract) instead

Images, all generated here from fixed seeds (none of them the frozen or holdout seeds):

- ``flatbed`` / ``photo``: card fronts from :mod:`benchmarks.identity_corpus` (its flatbed and phone-photo
  captures);
- ``small_blur``: a front shrunk to 55–80 % (QR modules of ~1.7–2.4 px) and blurred (σ 0.8–1.5), as when
  the card is photographed from far;
- ``angled``: a front photographed on a desk by :func:`benchmarks.real_paper.id_photos.phone_photo`
  (rotation 0–15°, one in eight upside down, perspective, glare, blur, 1600–3000 px frames);
- ``turned``: a flatbed front turned 20–70°, or a quarter turn, on the glass;
- ``back_flatbed`` / ``back_photo``: the backs of the same corpus (no QR: measures the give-up time);
- ``real_back``: the ``dev`` split of :mod:`benchmarks.real_paper.id_photos` (backs, no QR);
- ``unreadable``: a front photo blurred so hard (σ 5–7 px) that no QR can be read (give-up time again).

CPU time is this process's plus its children's (tesseract, with ``--full``): wall time is meaningless on
a shared machine. Prints one line per category and a JSON summary.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

SEED_BASE = 7_300_000  # this benchmark's own seeds: no other corpus uses this block
QR_CATEGORIES = ("flatbed", "photo", "small_blur", "angled", "turned")
NO_QR_CATEGORIES = ("back_flatbed", "back_photo", "real_back", "unreadable")


@dataclass
class Item:
    category: str
    path: Path
    id_number: str | None   # None: no readable QR on the image (the reader must give up)
    full_name: str | None


def _save(image: Image.Image, path: Path, jpeg: bool) -> Path:
    path = path.with_suffix(".jpg" if jpeg else ".png")
    image.convert("RGB").save(path, quality=85) if jpeg else image.save(path)
    return path


def _desk_photo(card: Image.Image, rng: random.Random) -> Image.Image:
    """A front on a desk as :mod:`benchmarks.real_paper.id_photos` photographs a back."""
    import cv2
    import numpy as np

    from benchmarks.real_paper import id_photos

    master = card.resize((id_photos.CARD_W, id_photos.CARD_H), Image.Resampling.LANCZOS).convert("RGBA")
    mask = Image.new("L", master.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, master.width - 1, master.height - 1),
                                           radius=id_photos._mm(3.18), fill=255)
    master.putalpha(mask)
    data, _rotation, _upside = id_photos.phone_photo(master, rng)
    bgr = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    return Image.fromarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))


def _on_page(card: Image.Image, rng: random.Random, angle: float) -> Image.Image:
    turned = card.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(248, 248, 246))
    page = Image.new("RGB", (turned.width + 300, turned.height + 300), (248, 248, 246))
    page.paste(turned, (rng.randrange(40, 260), rng.randrange(40, 260)))
    return page.filter(ImageFilter.GaussianBlur(0.6))


def make_items(out: Path, count: int, offset: int = 0) -> list[Item]:
    from benchmarks import identity_corpus as corpus
    from benchmarks.real_paper import id_photos

    items: list[Item] = []
    for n in range(offset, offset + count):
        rng = random.Random(SEED_BASE + n)
        person = corpus.make_person(rng)
        front, back = corpus.draw_front(person, rng), corpus.draw_back(person, rng)
        truth = dict(id_number=person.id_number, full_name=person.full_name)
        stem = out / f"{n:04d}"
        items.append(Item("flatbed", _save(corpus.flatbed(front, rng), stem.with_name(f"{n:04d}_flatbed"), False),
                          **truth))
        items.append(Item("photo", _save(corpus.phone_photo(front, rng), stem.with_name(f"{n:04d}_photo"), True),
                          **truth))
        scale = rng.uniform(0.55, 0.8)
        small = front.resize((round(front.width * scale), round(front.height * scale)), Image.Resampling.BILINEAR)
        small = small.filter(ImageFilter.GaussianBlur(rng.uniform(0.8, 1.5)))
        items.append(Item("small_blur", _save(small, stem.with_name(f"{n:04d}_small_blur"), True), **truth))
        items.append(Item("angled", _save(_desk_photo(front, rng), stem.with_name(f"{n:04d}_angled"), True),
                          **truth))
        angle = rng.choice([90, -90, 180]) if n % 3 == 0 else rng.uniform(20, 70) * rng.choice([-1, 1])
        items.append(Item("turned", _save(_on_page(front, rng, angle), stem.with_name(f"{n:04d}_turned"), False),
                          **truth))
        items.append(Item("back_flatbed", _save(corpus.flatbed(back, rng), stem.with_name(f"{n:04d}_back_flatbed"),
                                                False), None, None))
        items.append(Item("back_photo", _save(corpus.phone_photo(back, rng), stem.with_name(f"{n:04d}_back_photo"),
                                              True), None, None))
        blurred = corpus.phone_photo(front, rng).filter(ImageFilter.GaussianBlur(rng.uniform(5, 7)))
        items.append(Item("unreadable", _save(blurred, stem.with_name(f"{n:04d}_unreadable"), True), None, None))
    # The dev split of the independent back-side corpus (never frozen or holdout).
    for kind in id_photos.KINDS:
        half, start = (count + 1) // 2, offset // 2
        for seed in id_photos.items("dev", kind, start + half)[start:]:
            data, suffix, truth = id_photos.make_item(seed, kind)
            path = out / f"real_{truth.file}"
            path.write_bytes(data)
            items.append(Item("real_back", path, None, None))
    return items


def _load_reader(commit: str | None):
    """``read_card_qr`` of the working tree, or of scanning/id_card/qr.py as it was at *commit*."""
    if commit is None:
        from scanning.id_card.qr import read_card_qr
        return read_card_qr
    root = Path(__file__).resolve().parent.parent
    source = subprocess.run(["git", "show", f"{commit}:scanning/id_card/qr.py"], cwd=root, check=True,
                            capture_output=True, text=True).stdout
    folder = Path(tempfile.mkdtemp(prefix="qr_baseline_"))
    (folder / "qr_baseline.py").write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("qr_baseline", folder / "qr_baseline.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["qr_baseline"] = module   # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module.read_card_qr


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def read_one(item: Item, reader, full: bool) -> dict:
    started = _cpu()
    error = variant = None
    got_id = got_name = None
    try:
        if full:
            from desk_app.eforms.id_card import CardNotReadError, read_card_image
            try:
                reading = read_card_image(item.path, today=date(2026, 11, 24))
                variant = reading.source   # "mrz" on a back: read-id answered, but not from a QR
                if reading.source == "qr":
                    got_id, got_name = reading.id_number, reading.full_name
            except CardNotReadError as exc:
                error = str(exc)
        else:
            read = reader(item.path)
            got_id, got_name, variant = read.data.id_number, read.data.full_name, read.variant
    except ValueError as exc:   # CardQrNotFoundError
        error = str(exc)
    cpu = _cpu() - started
    read = got_id is not None
    correct = read and got_id == item.id_number and got_name == item.full_name
    return {"category": item.category, "file": item.path.name, "cpu_s": round(cpu, 3), "read": read,
            "correct": correct, "variant": variant, "error": error}


def summarise(results: list[dict]) -> dict:
    summary: dict = {}
    for category in QR_CATEGORIES + NO_QR_CATEGORIES:
        rows = [r for r in results if r["category"] == category]
        if not rows:
            continue
        cpu = [r["cpu_s"] for r in rows]
        worst = max(rows, key=lambda r: r["cpu_s"])
        summary[category] = {"images": len(rows), "read": sum(r["read"] for r in rows),
                             "correct": sum(r["correct"] for r in rows),
                             "cpu_median_s": round(statistics.median(cpu), 3), "cpu_max_s": worst["cpu_s"],
                             "worst": worst["file"]}
    with_qr = [r for r in results if r["category"] in QR_CATEGORIES]
    without = [r for r in results if r["category"] in NO_QR_CATEGORIES and r["category"] != "unreadable"]
    summary["qr_images"] = {"images": len(with_qr), "read": sum(r["read"] for r in with_qr),
                            "correct": sum(r["correct"] for r in with_qr),
                            "wrong": sum(r["read"] and not r["correct"] for r in with_qr),
                            "cpu_median_s": round(statistics.median(r["cpu_s"] for r in with_qr), 3),
                            "cpu_max_s": max(r["cpu_s"] for r in with_qr)}
    summary["no_qr_images"] = {"images": len(without), "false_reads": sum(r["read"] for r in without),
                               "cpu_median_s": round(statistics.median(r["cpu_s"] for r in without), 3),
                               "cpu_max_s": max(r["cpu_s"] for r in without)}
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10, help="people (each gives one image per category)")
    parser.add_argument("--offset", type=int, default=0, help="start at this person (fresh images)")
    parser.add_argument("--baseline", metavar="COMMIT", help="read with scanning/id_card/qr.py as of COMMIT")
    parser.add_argument("--full", action="store_true", help="time read-id's whole body (QR, then MRZ)")
    parser.add_argument("--only", nargs="*", choices=QR_CATEGORIES + NO_QR_CATEGORIES, help="categories to read")
    parser.add_argument("--keep", type=Path, help="write the images here instead of a temporary folder")
    parser.add_argument("--json", type=Path, help="also write every result to this file")
    args = parser.parse_args(argv)
    if args.full and args.baseline:
        parser.error("--full reads with the working tree's read-id; compare commits with the QR reader alone")
    reader = _load_reader(args.baseline)
    with tempfile.TemporaryDirectory(prefix="card_qr_speed_") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        items = [i for i in make_items(folder, args.count, args.offset) if not args.only or i.category in args.only]
        results = []
        for item in items:
            row = read_one(item, reader, args.full)
            results.append(row)
            print(f"{row['category']:13} {row['file']:32} cpu {row['cpu_s']:6.3f} s  "
                  f"{'read' if row['read'] else 'not read'}{'' if row['correct'] or not row['read'] else ' WRONG'}"
                  f"{' (' + row['variant'] + ')' if row['variant'] else ''}",
                  file=sys.stderr)
    summary = summarise(results)
    summary["command"] = " ".join(["python -m benchmarks.card_qr_speed", *(argv or sys.argv[1:])])
    summary["utc"] = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    if args.json:
        args.json.write_text(json.dumps({"summary": summary, "results": results}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
