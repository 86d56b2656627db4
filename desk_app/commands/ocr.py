"""``desk-app ocr`` (recognise pages, print text) and ``desk-app digitize`` (backlog folder → PDF/A).

``digitize`` keeps a JSON manifest in the output folder, rewritten atomically after every finished
input file, so an interrupted run resumes where it stopped: inputs already done (same content hash,
output still there with the recorded hash) are skipped. A file that cannot be read (damaged, hostile,
too large: see :mod:`scanning.untrusted`) is recorded under ``failed`` and the run goes on; it is not
tried again on later runs while its content is unchanged, unless ``--retry-failed``.
Each input gets its own PDF: two inputs whose names differ only by extension (``hồ sơ.png``,
``hồ sơ.jpg``), by Unicode normalisation (NFC/NFD) or by case get ``hồ sơ (png).pdf``, ``hồ sơ (jpg).pdf``, …
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from desk_app.errors import DeskError

EXIT_USER_ERROR = 2
FORM_FEED = "\f"
SUPPORTED_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".pdf", ".bmp", ".webp"}
MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1


class DigitizeError(DeskError):
    """A backlog folder or output folder that cannot be used."""


def register(subparsers) -> None:
    ocr = subparsers.add_parser("ocr", help="nhận dạng chữ (OCR) các tệp ảnh/PDF, in văn bản ra màn hình")
    ocr.add_argument("files", nargs="+", type=Path, metavar="IMAGE_OR_PDF")
    ocr.add_argument("--json", action="store_true", help="in JSON: văn bản, độ tin cậy, trang trắng, hướng, thời gian")
    ocr.add_argument("--lang", default="vie", help="ngôn ngữ tesseract (mặc định vie)")
    ocr.add_argument("--jobs", type=int, default=0, help="số tiến trình (mặc định = số nhân CPU)")
    ocr.set_defaults(func=_cmd_ocr)

    digitize = subparsers.add_parser("digitize", help="số hóa cả thư mục hồ sơ giấy cũ thành PDF/A có lớp chữ")
    digitize.add_argument("folder", type=Path)
    digitize.add_argument("--out", type=Path, required=True, help="thư mục đặt tệp PDF/A và manifest.json")
    digitize.add_argument("--lang", default="vie")
    digitize.add_argument("--jobs", type=int, default=0)
    digitize.add_argument("--by", default="", help="người số hóa (ghi vào siêu dữ liệu)")
    digitize.add_argument("--dossier-code", default="", help="mã hồ sơ (nếu cả thư mục thuộc một hồ sơ)")
    digitize.add_argument("--quiet", action="store_true", help="không hiện thanh tiến độ")
    digitize.add_argument("--retry-failed", action="store_true",
                          help="thử lại cả các tệp đã ghi nhận là lỗi ở lần chạy trước")
    digitize.set_defaults(func=_cmd_digitize)


# ------------------------------------------------------------------------------------------------ ocr

@dataclass(frozen=True)
class PageResult:
    """What ``desk-app ocr`` prints of a page. Plain data: receiving it from the child that recognised the
    page loads nothing (a :class:`~scanning.pipeline.PageOutcome` would load the pipeline, OpenCV, numpy)."""
    ok: bool
    error: str
    text: str
    confidence: float
    blank: bool
    orientation: int
    seconds: float
    report: dict

    @classmethod
    def of(cls, outcome) -> PageResult:  # noqa: ANN001 - a scanning.pipeline.PageOutcome
        return cls(outcome.ok, outcome.error, outcome.text, outcome.confidence, outcome.blank,
                   outcome.orientation, outcome.seconds, dict(outcome.report))


def read_and_recognise(path: Path, language: str) -> Iterator:
    """Run in the isolated child that reads *path* (:func:`_read_inputs`): its pages, decoded here.

    A file of one page — the usual ``desk-app ocr`` call — is recognised here as well, the cheapest way:
    no other process than this child and tesseract, the page decoded once, not compressed for a PDF; its
    :class:`PageResult` comes back. The pages of a longer file come back as
    :class:`~scanning.file_import.ImportedPage` for the worker pool, which reads them in parallel.
    """
    from scanning.file_import import iter_decoded_pages
    from scanning.untrusted import PAGE_TIMEOUT, MoreTime

    # OpenCV and numpy (~0.3 s) load while Pillow decodes the page: the decoder releases the interpreter.
    loader = threading.Thread(target=importlib.import_module, args=("scanning.pipeline",), daemon=True)
    loader.start()
    pages = iter_decoded_pages(path)
    first = next(pages, None)
    second = next(pages, None) if first is not None else None
    if first is not None and second is None:
        loader.join()
        from scanning.pipeline import PipelineOptions, process_decoded, single_threaded

        single_threaded()
        options = PipelineOptions(language=language)
        # Clean-up, orientation check and OCR: their own time limit, longer than the decoding's.
        yield MoreTime(PAGE_TIMEOUT + 3 * options.ocr_timeout)
        yield PageResult.of(process_decoded(0, first, options))
        return
    for page in (first, second):
        if page is not None:
            yield page.imported()
    for page in pages:
        yield page.imported()


def _read_inputs(paths: list[Path], unreadable: list[tuple[str, str]], language: str):
    """Each page of each file: a finished PageResult (a single file of one page, recognised in the child
    that read it) or an ImportedPage for the worker pool. A file that cannot be read is recorded in
    *unreadable* and skipped. This process starts no thread before its children: they are plain forks."""
    from scanning.file_import import PageImportError, check_page_file, read_page_images
    from scanning.untrusted import PAGE_TIMEOUT, WORKER_MEMORY_LIMIT, iter_isolated

    for path in paths:
        try:
            if len(paths) == 1:
                check_page_file(path)
                items = list(iter_isolated(read_and_recognise, path, language, label=path.name,
                                           error=PageImportError, passthrough=(PageImportError,),
                                           timeout=PAGE_TIMEOUT, memory=WORKER_MEMORY_LIMIT, fork=True))
            else:
                items = read_page_images(path, fork=True)
        except PageImportError as exc:
            unreadable.append((str(path), str(exc)))
            continue
        for number, item in enumerate(items, start=1):
            yield path, number, item


def _pipeline(args: argparse.Namespace):
    from scanning.pipeline import PagePipeline, PipelineOptions

    return PagePipeline(args.jobs or None, PipelineOptions(language=args.lang))


def _recognise_rest(items: list, args: argparse.Namespace) -> list:
    """The outcome of every page: those finished in the reading child as they are, the others from the pool."""
    from scanning.file_import import ImportedPage

    todo = [i for i, item in enumerate(items) if isinstance(item, ImportedPage)]
    if not todo:
        return items
    from scanning.pipeline import PageInput

    with _pipeline(args) as pipeline:
        done = pipeline.process(PageInput(items[i].data, items[i].dpi, items[i].source_name) for i in todo)
    outcomes = list(items)
    for i, outcome in zip(todo, done):
        outcomes[i] = PageResult.of(outcome)
    return outcomes


def _cmd_ocr(args: argparse.Namespace) -> int:
    for path in args.files:
        if not path.is_file():
            print(f"Lỗi: không thấy tệp «{path}».", file=sys.stderr)
            return EXIT_USER_ERROR
    labels = []
    items = []
    unreadable: list[tuple[str, str]] = []
    for path, number, item in _read_inputs(args.files, unreadable, args.lang):  # all read before any OCR
        labels.append((str(path), number))
        items.append(item)
    for name, reason in unreadable:
        print(f"Lỗi: bỏ qua «{name}»: {reason}", file=sys.stderr)
    if not items:
        return EXIT_USER_ERROR
    outcomes = _recognise_rest(items, args)
    failed = [o for o in outcomes if not o.ok] + unreadable
    if args.json:
        rows = []
        for (name, number), outcome in zip(labels, outcomes):
            rows.append({
                "file": name, "page": number, "text": outcome.text,
                "confidence": round(outcome.confidence, 2), "blank": outcome.blank,
                "orientation": outcome.orientation, "seconds": round(outcome.seconds, 3),
                "skew_angle": outcome.report.get("skew_angle", 0.0),
                "colour": outcome.report.get("colour", False),
                "colour_reason": outcome.report.get("colour_reason", ""),
                "perspective_corrected": outcome.report.get("perspective_corrected", False),
                "error": outcome.error or None,
            })
        rows += [{"file": name, "page": None, "text": "", "error": reason} for name, reason in unreadable]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        sys.stdout.write(FORM_FEED.join(unicodedata.normalize("NFC", o.text) + "\n" for o in outcomes))
        sys.stdout.flush()
    for (name, number), outcome in zip(labels, outcomes):
        if not outcome.ok:
            print(f"Lỗi ở {name}, trang {number}: {outcome.error}", file=sys.stderr)
    return 1 if failed else 0


# ------------------------------------------------------------------------------------------- digitize

def _sha256_file(path: Path) -> str:
    import hashlib   # here: `desk-app ocr` has no use for OpenSSL's start-up

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_manifest(out_dir: Path) -> dict:
    path = out_dir / MANIFEST_NAME
    if not path.exists():
        return {"version": MANIFEST_VERSION, "items": {}, "failed": {}}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DigitizeError(f"Không đọc được {path}: {exc}. Hãy đổi tên tệp này rồi chạy lại.") from exc
    manifest.setdefault("items", {})
    manifest.setdefault("failed", {})
    return manifest


def save_manifest(out_dir: Path, manifest: dict) -> None:
    from scanning.durable import atomic_write_bytes

    atomic_write_bytes(out_dir / MANIFEST_NAME,
                       json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))


def _already_done(entry: dict | None, source_hash: str, out_dir: Path) -> bool:
    if not entry or entry.get("source_sha256") != source_hash:
        return False
    output = out_dir / entry.get("output", "")
    return output.is_file() and _sha256_file(output) == entry.get("sha256")


@dataclass
class _Pending:
    key: str
    source: Path
    source_hash: str
    pages: int
    outcomes: dict[int, object] = field(default_factory=dict)
    error: str = ""
    started: float = field(default_factory=time.perf_counter)


class _Progress:
    """A one-line progress bar on stderr (redrawn in place)."""

    def __init__(self, total_files: int, enabled: bool):
        self.total = total_files
        self.files = 0
        self.pages = 0
        self.enabled = enabled
        self.started = time.perf_counter()

    def draw(self) -> None:
        if not self.enabled:
            return
        width = 30
        filled = int(width * self.files / self.total) if self.total else width
        minutes = max(time.perf_counter() - self.started, 1e-6) / 60
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.files}/{self.total} tệp · "
                         f"{self.pages} trang · {self.pages / minutes:.1f} trang/phút")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()


def _fold(name: str) -> str:
    """How file systems may compare names: NFC (macOS, SMB shares) and case-insensitive (Windows)."""
    return unicodedata.normalize("NFC", name).casefold()


def _manifest_keys(folder: Path, files: list[Path]) -> dict[Path, str]:
    """The manifest key of each input: its relative path in NFC, unless another input has the same NFC
    path (one name in NFC, one in NFD: two files on Linux), then the name as it is on disk."""
    relative = {path: path.relative_to(folder).as_posix() for path in files}
    counts = Counter(unicodedata.normalize("NFC", r) for r in relative.values())
    keys = {}
    for path, rel in relative.items():
        nfc_rel = unicodedata.normalize("NFC", rel)
        keys[path] = nfc_rel if rel == nfc_rel or counts[nfc_rel] == 1 else rel
    return keys


def _output_names(manifest: dict, work: list[tuple[str, Path, str]]) -> dict[str, str]:
    """A distinct output PDF (relative path, NFC) for each input to do.

    An input keeps the output recorded for it; otherwise ``<name>.pdf``, or ``<name> (<ext>).pdf`` (then
    ``<name> (<ext> 2).pdf`` …) when another input, or an output already recorded, would have the same
    name once file systems fold case and Unicode normalisation.
    """
    reserved = {_fold(entry["output"]): key for key, entry in manifest["items"].items() if entry.get("output")}
    outputs: dict[str, str] = {}
    todo = []
    for key, path, _ in work:
        recorded = manifest["items"].get(key, {}).get("output")
        if recorded:
            outputs[key] = recorded
        else:
            todo.append((key, path))
    desired = {key: unicodedata.normalize("NFC", Path(key).with_suffix(".pdf").as_posix()) for key, _ in todo}
    wanted = Counter(_fold(name) for name in desired.values())
    for key, path in sorted(todo, key=lambda item: item[0]):
        name = desired[key]
        if wanted[_fold(name)] > 1 or _fold(name) in reserved:
            stem = name[: -len(".pdf")]
            ext = path.suffix.lower().lstrip(".") or "tệp"
            name, number = f"{stem} ({ext}).pdf", 2
            while _fold(name) in reserved:
                name, number = f"{stem} ({ext} {number}).pdf", number + 1
        reserved[_fold(name)] = key
        outputs[key] = name
    return outputs


def _backlog_files(folder: Path, out_dir: Path) -> list[Path]:
    out_resolved = out_dir.resolve()
    files = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in SUPPORTED_SUFFIXES or path.name.startswith("."):
            continue
        if out_resolved in path.resolve().parents:  # never digitise our own output
            continue
        files.append(path)
    return files


def digitize_folder(folder: Path, out_dir: Path, *, language: str = "vie", jobs: int = 0, by: str = "",
                    dossier_code: str = "", progress: bool = True, cancel: threading.Event | None = None,
                    retry_failed: bool = False) -> dict:
    """Digitise every page file under *folder* into ``out_dir`` (one PDF/A per input file); returns the manifest.

    A file that cannot be read or turned into a PDF is recorded in ``manifest["failed"]`` and the next
    one is done; a file already recorded as failed (same content) is not tried again unless *retry_failed*.
    """
    from desk_app.clock import now_local
    from desk_app.config import Settings
    from scanning.durable import make_private_dir
    from scanning.file_import import PageImportError, read_page_images
    from scanning.pdfa import PdfMetadata
    from scanning.pipeline import (
        PageInput,
        PagePipeline,
        PipelineOptions,
        build_component_pdf,
    )

    folder, out_dir = Path(folder), Path(out_dir)
    if not folder.is_dir():
        raise DigitizeError(f"Không thấy thư mục «{folder}».")
    make_private_dir(out_dir)   # citizens' documents: 0700 folder, 0600 files
    manifest = load_manifest(out_dir)
    manifest["source"] = str(folder.resolve())
    try:
        agency = Settings.load().agency_name
    except DeskError:
        agency = ""
    files = _backlog_files(folder, out_dir)
    keys = _manifest_keys(folder, files)
    present = set(keys.values())
    for key in [k for k in manifest["failed"] if k not in present]:  # removed or renamed since the last run
        del manifest["failed"][key]
    bar = _Progress(len(files), progress)
    work: list[tuple[str, Path, str]] = []
    for path in files:
        key = keys[path]
        try:
            source_hash = _sha256_file(path)
        except OSError as exc:
            manifest["failed"][key] = {"source_sha256": "", "error": f"Không đọc được tệp: {exc.strerror or exc}",
                                       "at": now_local().isoformat(timespec="seconds")}
            bar.files += 1
            continue
        if _already_done(manifest["items"].get(key), source_hash, out_dir):
            bar.files += 1
            bar.pages += int(manifest["items"][key].get("pages", 0))
            continue
        known = manifest["failed"].get(key)
        if known and known.get("source_sha256") == source_hash and not retry_failed:
            bar.files += 1   # known bad file, unchanged: reported again, not read again
            continue
        work.append((key, path, source_hash))
    outputs = _output_names(manifest, work)
    save_manifest(out_dir, manifest)
    bar.draw()

    by_index: dict[int, _Pending] = {}
    page_number: dict[int, int] = {}
    counter = iter(range(1 << 62))

    def fail(key: str, source_hash: str, message: str) -> None:
        manifest["failed"][key] = {"source_sha256": source_hash, "error": message,
                                   "at": now_local().isoformat(timespec="seconds")}
        save_manifest(out_dir, manifest)
        bar.files += 1
        bar.draw()

    def page_inputs() -> Iterator[PageInput]:
        for key, path, source_hash in work:
            try:
                pages = read_page_images(path)
            except PageImportError as exc:
                fail(key, source_hash, str(exc))
                continue
            pending = _Pending(key, path, source_hash, len(pages))
            for number, page in enumerate(pages, start=1):
                index = next(counter)
                by_index[index] = pending
                page_number[index] = number
                yield PageInput(page.data, page.dpi, page.source_name)

    def finish_file(pending: _Pending) -> None:
        outcomes = [pending.outcomes[n] for n in range(1, pending.pages + 1)]
        errors = [f"trang {n}: {o.error}" for n, o in enumerate(outcomes, start=1) if not o.ok]
        if errors:  # a PDF with a page missing would break "page count = paper count": keep nothing
            fail(pending.key, pending.source_hash, "; ".join(errors))
            return
        relative = Path(outputs[pending.key])
        title = unicodedata.normalize("NFC", pending.source.stem)
        try:
            result = build_component_pdf(outcomes, PdfMetadata(
                title=title, dossier_code=dossier_code, digitised_at=now_local(), digitised_by=by, agency=agency,
                subject="Bản số hóa hồ sơ giấy"), out_dir / relative)
        except Exception as exc:  # noqa: BLE001 - one file's failure is recorded; the backlog goes on
            fail(pending.key, pending.source_hash, f"Không tạo được tệp PDF: {exc}")
            return
        confidences = [o.confidence for o in outcomes if not o.blank]
        manifest["items"][pending.key] = {
            "source_sha256": pending.source_hash, "output": relative.as_posix(), "sha256": result.sha256,
            "pages": result.pages, "bytes": result.size,
            "blank_pages": [n for n, o in enumerate(outcomes, start=1) if o.blank],
            "orientations": [o.orientation for o in outcomes],
            "mean_confidence": round(sum(confidences) / len(confidences), 2) if confidences else 0.0,
            "seconds": round(time.perf_counter() - pending.started, 2),
            "done_at": now_local().isoformat(timespec="seconds"),
        }
        manifest["failed"].pop(pending.key, None)
        save_manifest(out_dir, manifest)
        bar.files += 1
        bar.pages += result.pages
        bar.draw()

    def on_page(outcome) -> None:
        pending = by_index.pop(outcome.index)
        pending.outcomes[page_number.pop(outcome.index)] = outcome
        if len(pending.outcomes) == pending.pages:
            finish_file(pending)

    try:
        with PagePipeline(jobs or None, PipelineOptions(language=language)) as pipeline:
            pipeline.process(page_inputs(), on_page=on_page, cancel=cancel, keep_results=False)
    finally:
        bar.close()
    return manifest


def _cmd_digitize(args: argparse.Namespace) -> int:
    from scanning.pipeline import PipelineCancelled

    try:
        manifest = digitize_folder(args.folder, args.out, language=args.lang, jobs=args.jobs, by=args.by,
                                   dossier_code=args.dossier_code, progress=not args.quiet,
                                   retry_failed=args.retry_failed)
    except PipelineCancelled:
        print("Đã dừng; chạy lại cùng lệnh để tiếp tục.", file=sys.stderr)
        return 130
    done, failed = len(manifest["items"]), len(manifest["failed"])
    print(f"Đã số hóa {done} tệp; {failed} tệp lỗi. Danh sách: {Path(args.out) / MANIFEST_NAME}")
    for key, entry in sorted(manifest["failed"].items()):
        print(f"Lỗi: {key}: {entry['error']}", file=sys.stderr)
    if failed and not args.retry_failed:
        print("Các tệp lỗi không được đọc lại ở lần chạy sau (trừ khi tệp thay đổi); thêm --retry-failed để thử lại.",
              file=sys.stderr)
    return 1 if failed else 0
