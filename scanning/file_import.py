"""Import page images from files (JPEG, PNG, multi-page TIFF, PDF): the gate for untrusted page files.

Every frame becomes one page. JPEG and PNG keep their original bytes (no generation loss); TIFF frames
are stored as lossless PNG. PDF pages are rendered at 300 dpi with PDFium; each page's existing text
layer is read and judged, so a good one (a born-digital PDF, or a PDF already OCR'd) can be kept
instead of running OCR again.

Files come from citizens and old archives, so they are treated as hostile (see :mod:`scanning.untrusted`):
only the JPEG, PNG and TIFF decoders (and PDFium for PDF) are used, sizes are checked before anything is
decoded, and :func:`read_page_images` does the decoding in a child process with a time and memory limit.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from scanning.untrusted import (
    IMAGE_FORMATS,
    PAGE_TIMEOUT,
    UntrustedFileError,
    check_file_size,
    check_page_count,
    check_pixels,
    iter_isolated,
    open_image,
)

_KEEP_AS_IS = {"JPEG": "image/jpeg", "PNG": "image/png", "MPO": "image/jpeg"}
# Phone cameras write MPO (a JPEG whose extra frames are previews/depth maps, not pages).
_FIRST_FRAME_ONLY = {"MPO"}
PDF_DPI = 300


class PageImportError(ValueError):
    """A file that cannot be used as a page image; the message is meant for the clerk."""


@dataclass(frozen=True)
class ImportedPage:
    data: bytes
    media_type: str
    width: int
    height: int
    dpi: int
    source_name: str
    text_layer: str = ""           # PDF pages: the text already in the file ("" for images)
    text_layer_good: bool = False  # True when that text is worth keeping instead of OCR


def judge_text_layer(text: str) -> bool:
    """Whether an existing PDF text layer looks like real text rather than garbage.

    Garbage comes from fonts without a Unicode map (replacement or private-use characters) and from
    poor OCR (fragments of one or two letters without vowels). Vietnamese syllables are short but
    almost always contain a vowel, so the vowel test works for them too.
    """
    compact = "".join(text.split())
    if len(compact) < 20:
        return False
    bad = sum(1 for ch in compact if ch == "\ufffd" or unicodedata.category(ch) in ("Co", "Cc", "Cn"))
    if bad / len(compact) > 0.02:
        return False
    bare = "".join(ch for ch in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(ch) != "Mn")
    words = [w for w in re.split(r"[^\w]+", bare) if w]
    if not words:
        return False
    with_vowel = sum(1 for w in words if w.isdigit() or any(v in w for v in "aeiouy"))
    return with_vowel / len(words) >= 0.8


def _dpi_of(image: Image.Image) -> int:
    dpi = image.info.get("dpi")
    if isinstance(dpi, tuple) and dpi and dpi[0]:
        return int(round(float(dpi[0])))
    return 0


def read_page_images(path: Path, *, isolated: bool = True, fork: bool = False) -> list[ImportedPage]:
    """All pages in *path*, in order. Raises PageImportError with a Vietnamese message on bad input.

    With *isolated* (the default) the file is decoded in a child process with a time limit per page and
    a memory limit: a file that hangs or exhausts a decoder raises PageImportError like any bad file.
    *fork*: the caller is a small single-threaded command (see :func:`scanning.untrusted.iter_isolated`).
    """
    path = Path(path)
    check_page_file(path)
    if not isolated:
        return list(iter_page_images(path))
    return list(iter_isolated(iter_page_images, path, label=path.name, error=PageImportError,
                              passthrough=(PageImportError,), timeout=PAGE_TIMEOUT, fork=fork))


def check_page_file(path: Path) -> None:
    """What is checked before a child is started for *path*: it exists, is not empty, is not too large."""
    if not path.is_file():
        raise PageImportError(f"Không thấy tệp «{path.name}».")
    try:
        size = check_file_size(path)
    except UntrustedFileError as exc:
        raise PageImportError(str(exc)) from exc
    if size == 0:
        raise PageImportError(f"Tệp «{path.name}» rỗng (0 byte); có thể máy quét chưa ghi xong.")


def iter_page_images(path: Path) -> Iterator[ImportedPage]:
    """The pages of *path*, decoded here (in this process): call through :func:`read_page_images`."""
    for page in iter_decoded_pages(path):
        yield page.imported()


@dataclass(frozen=True)
class DecodedPage:
    """A page decoded here, by the allowed decoders only: its pixels, ready to be cleaned and recognised.

    A child that both reads and recognises a page (``desk-app ocr``) uses the pixels as they are; the
    bytes of :meth:`imported` are for pages that travel on (to the worker pool, to the archive).
    """
    image: Image.Image     # loaded; mode "1", "L", "RGB" or "RGBA" except for a JPEG/PNG kept as is
    data: bytes            # the file itself when it is one JPEG/PNG page (kept as is), else b""
    media_type: str
    dpi: int
    source_name: str
    text_layer: str = ""
    text_layer_good: bool = False
    png_compress_level: int = 6

    def imported(self) -> ImportedPage:
        """The page as bytes: the file's own bytes when it is a single JPEG/PNG, otherwise a lossless PNG."""
        data = self.data
        if not data:
            out = io.BytesIO()
            options = {"dpi": (self.dpi, self.dpi)} if self.dpi else {}
            self.image.save(out, format="PNG", compress_level=self.png_compress_level, **options)
            data = out.getvalue()
        return ImportedPage(data, self.media_type, self.image.width, self.image.height, self.dpi,
                            self.source_name, self.text_layer, self.text_layer_good)


def iter_decoded_pages(path: Path) -> Iterator[DecodedPage]:
    """The pages of *path* decoded here (in this process), not encoded again: call it in a child process
    (:func:`scanning.untrusted.iter_isolated`), as :func:`read_page_images` does."""
    path = Path(path)
    try:
        check_file_size(path)
        raw = path.read_bytes()
    except UntrustedFileError as exc:
        raise PageImportError(str(exc)) from exc
    except OSError as exc:
        raise PageImportError(f"Không đọc được tệp «{path.name}»: {exc.strerror or exc}") from exc
    if not raw:
        raise PageImportError(f"Tệp «{path.name}» rỗng (0 byte); có thể máy quét chưa ghi xong.")
    try:
        if raw[:5] == b"%PDF-" or path.suffix.lower() == ".pdf":
            yield from _read_pdf(raw, path.name)
        else:
            yield from _read_image(raw, path.name)
    except UntrustedFileError as exc:
        raise PageImportError(str(exc)) from exc


def _read_image(raw: bytes, name: str) -> Iterator[DecodedPage]:
    image = open_image(io.BytesIO(raw), name, IMAGE_FORMATS)   # allowed decoders, size checked
    bad = f"Tệp «{name}» không phải là ảnh hợp lệ."
    try:
        frames = getattr(image, "n_frames", 1)
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise PageImportError(bad) from exc
    if image.format in _KEEP_AS_IS and (frames == 1 or image.format in _FIRST_FRAME_ONLY):
        try:
            image.load()
        except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as exc:
            raise PageImportError(bad) from exc
        yield DecodedPage(image, raw, _KEEP_AS_IS[image.format], _dpi_of(image), name)
        return
    check_page_count(frames, name)
    dpi = _dpi_of(image)
    for index in range(frames):
        try:
            image.seek(index)
            check_pixels(image.width, image.height, name)   # every frame, before it is decoded
            frame = image.copy()
            if frame.mode not in ("1", "L", "RGB", "RGBA"):
                frame = frame.convert("RGB")
        except UntrustedFileError:
            raise
        except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as exc:
            raise PageImportError(bad if frames == 1 else f"Trang {index + 1} của tệp «{name}» không đọc được.") from exc
        label = name if frames == 1 else f"{name} (trang {index + 1})"
        yield DecodedPage(frame, b"", "image/png", dpi, label)


def _read_pdf(raw: bytes, name: str) -> Iterator[DecodedPage]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            raise PageImportError(f"Tệp PDF «{name}» có mật khẩu; hãy nhờ người nộp mở khóa hoặc in ra để quét.") from exc
        raise PageImportError(f"Tệp «{name}» không phải là tệp PDF hợp lệ (tệp hỏng hoặc chưa tải xong).") from exc
    try:
        count = len(document)
        if count == 0:
            raise PageImportError(f"Tệp PDF «{name}» không có trang nào.")
        check_page_count(count, name)
        for index in range(count):
            page = document[index]
            try:
                # The page's size in points at the render resolution, checked before PDFium draws it.
                width_pt, height_pt = page.get_size()
                check_pixels(width_pt * PDF_DPI / 72, height_pt * PDF_DPI / 72, name, what=f"Trang {index + 1}")
                image = page.render(scale=PDF_DPI / 72).to_pil()
                textpage = page.get_textpage()
                text = unicodedata.normalize("NFC", textpage.get_text_range())
                textpage.close()
            except pdfium.PdfiumError as exc:
                raise PageImportError(f"Không dựng được trang {index + 1} của tệp PDF «{name}».") from exc
            finally:
                page.close()
            if image.mode not in ("L", "RGB"):
                image = image.convert("RGB")
            label = name if count == 1 else f"{name} (trang {index + 1})"
            yield DecodedPage(image, b"", "image/png", PDF_DPI, label, text, judge_text_layer(text),
                              png_compress_level=3)
    finally:
        document.close()
