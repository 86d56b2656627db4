"""Import page images from files (JPEG, PNG, multi-page TIFF, PDF, other Pillow formats).

Every frame becomes one page. JPEG and PNG keep their original bytes (no generation loss);
other formats and TIFF frames are stored as lossless PNG. PDF pages are rendered at 300 dpi with
PDFium; each page's existing text layer is read and judged, so a good one (a born-digital PDF, or a
PDF already OCR'd) can be kept instead of running OCR again.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

# Decompression-bomb guard: an A3 page at 600 dpi is about 70 MP; refuse anything far beyond.
Image.MAX_IMAGE_PIXELS = 200_000_000

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


def read_page_images(path: Path) -> list[ImportedPage]:
    """All pages in *path*, in order. Raises PageImportError with a Vietnamese message on bad input."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PageImportError(f"Không đọc được tệp «{path.name}»: {exc.strerror or exc}") from exc
    if not raw:
        raise PageImportError(f"Tệp «{path.name}» rỗng (0 byte); có thể máy quét chưa ghi xong.")
    if raw[:5] == b"%PDF-" or path.suffix.lower() == ".pdf":
        return _read_pdf(raw, path.name)
    try:
        image = Image.open(io.BytesIO(raw))
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise PageImportError(f"Tệp «{path.name}» không phải là ảnh hợp lệ.") from exc

    if image.format in _KEEP_AS_IS and (getattr(image, "n_frames", 1) == 1 or image.format in _FIRST_FRAME_ONLY):
        return [ImportedPage(raw, _KEEP_AS_IS[image.format], image.width, image.height, _dpi_of(image), path.name)]

    pages = []
    for index, frame in enumerate(ImageSequence.Iterator(image), start=1):
        frame = frame.copy()
        if frame.mode not in ("1", "L", "RGB", "RGBA"):
            frame = frame.convert("RGB")
        out = io.BytesIO()
        dpi = _dpi_of(image)
        if dpi:
            frame.save(out, format="PNG", dpi=(dpi, dpi))
        else:
            frame.save(out, format="PNG")
        name = path.name if getattr(image, "n_frames", 1) == 1 else f"{path.name} (trang {index})"
        pages.append(ImportedPage(out.getvalue(), "image/png", frame.width, frame.height, dpi, name))
    return pages


def _read_pdf(raw: bytes, name: str) -> list[ImportedPage]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            raise PageImportError(f"Tệp PDF «{name}» có mật khẩu; hãy nhờ người nộp mở khóa hoặc in ra để quét.") from exc
        raise PageImportError(f"Tệp «{name}» không phải là tệp PDF hợp lệ (tệp hỏng hoặc chưa tải xong).") from exc
    try:
        if len(document) == 0:
            raise PageImportError(f"Tệp PDF «{name}» không có trang nào.")
        pages = []
        for index in range(len(document)):
            page = document[index]
            try:
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
            out = io.BytesIO()
            image.save(out, format="PNG", dpi=(PDF_DPI, PDF_DPI), compress_level=3)
            label = name if len(document) == 1 else f"{name} (trang {index + 1})"
            pages.append(ImportedPage(out.getvalue(), "image/png", image.width, image.height, PDF_DPI, label,
                                      text, judge_text_layer(text)))
        return pages
    finally:
        document.close()
