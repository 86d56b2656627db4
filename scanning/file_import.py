"""Import page images from files (JPEG, PNG, multi-page TIFF, other Pillow formats).

Every frame becomes one page. JPEG and PNG keep their original bytes (no generation loss);
other formats and TIFF frames are stored as lossless PNG.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

# Decompression-bomb guard: an A3 page at 600 dpi is about 70 MP; refuse anything far beyond.
Image.MAX_IMAGE_PIXELS = 200_000_000

_KEEP_AS_IS = {"JPEG": "image/jpeg", "PNG": "image/png"}


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


def _dpi_of(image: Image.Image) -> int:
    dpi = image.info.get("dpi")
    if isinstance(dpi, tuple) and dpi and dpi[0]:
        return int(round(float(dpi[0])))
    return 0


def read_page_images(path: Path) -> list[ImportedPage]:
    """All pages in *path*, in order. Raises PageImportError with a Vietnamese message on bad input."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        raise PageImportError(f"Tệp PDF «{path.name}» chưa nhập được ở bước này; hãy nhập ảnh trang (JPEG, PNG, TIFF).")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PageImportError(f"Không đọc được tệp «{path.name}»: {exc.strerror or exc}") from exc
    try:
        image = Image.open(io.BytesIO(raw))
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise PageImportError(f"Tệp «{path.name}» không phải là ảnh hợp lệ.") from exc

    if image.format in _KEEP_AS_IS and getattr(image, "n_frames", 1) == 1:
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
