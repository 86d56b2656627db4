"""Find and decode the QR code of a citizen ID card in a scan, photo or camera frame (zxing-cpp).

The search goes from cheap and likely to costly and rare, and stops at the first text that parses as a
card's QR (other QR codes on the page — VietQR, links — are ignored):

1. the whole frame, once, with zxing's own rotations, downscaling and inversion. A flatbed scan or a
   sharp photo ends here (~0.02–0.1 s). The same pass also reports QR symbols it located but could not
   decode (``return_errors``): exactly where a blurred QR is.
2. crops around those symbols and around the most edge-dense squares of the frame (where a QR must be
   when zxing did not even see its finder patterns), enlarged to ~1000 px and sharpened, or deblurred
   with a Wiener filter: a small, blurred QR in a phone photo needs far more enlargement than the whole
   frame can afford. Each crop costs ~0.01–0.05 s.
3. only then the whole frame enlarged and sharpened (~0.3 s each).

The search is bounded in CPU time (:data:`SEARCH_BUDGET_S`): an image without a readable QR (the back of
the card, a QR out of focus) gives up with a Vietnamese message in a known time instead of trying
everything.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import zxingcpp
from PIL import Image, ImageFilter, ImageOps

from scanning.id_card.qr_text import CardQrData, CardQrTextError, looks_like_card_qr, parse_card_qr
from scanning.untrusted import load_image

# CPU seconds the search may spend after the image is decoded (checked between attempts, so one attempt
# may overrun it). On benchmarks/card_qr_speed.py every QR that was read was read within 1.3 s (median
# 0.05 s), and an image without a readable QR gives up after ~1 s, image decoding included.
SEARCH_BUDGET_S = 1.5

NOT_FOUND_MESSAGE = ("Không đọc được mã QR của thẻ căn cước trong ảnh. Hãy chụp hoặc quét lại mặt trước của "
                     "thẻ cho rõ nét, mã QR không bị lóa hay che khuất.")


class CardQrNotFoundError(ValueError):
    """No ID-card QR code could be decoded from the image."""


@dataclass(frozen=True)
class CardQrRead:
    text: str
    data: CardQrData
    variant: str  # which preprocessing decoded it ("original", "crop0-sharpen2", …)
    attempts: int


Box = tuple[int, int, int, int]


def _load(image: Image.Image | str | Path) -> Image.Image:
    if isinstance(image, Image.Image):
        return image
    return load_image(image)   # JPEG/PNG/TIFF only, size checked before decoding


def _fit(image: Image.Image, longest: int) -> Image.Image:
    scale = longest / max(image.size)
    if scale >= 1:
        return image
    return image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)


def _upscale(image: Image.Image, factor: float) -> Image.Image:
    # Bound the result: zxing time grows with pixels, and a QR module needs only ~3 px.
    factor = min(factor, 4000 / max(image.size))
    if factor <= 1:
        return image
    return image.resize((round(image.width * factor), round(image.height * factor)), Image.Resampling.BICUBIC)


def _symbol_boxes(barcodes: list, size: tuple[int, int]) -> list[Box]:
    """Boxes around QR symbols zxing located but could not decode, with a quiet-zone margin."""
    boxes = []
    for barcode in barcodes:
        if barcode.valid or barcode.format != zxingcpp.BarcodeFormat.QRCode:
            continue
        p = barcode.position
        xs = [p.top_left.x, p.top_right.x, p.bottom_right.x, p.bottom_left.x]
        ys = [p.top_left.y, p.top_right.y, p.bottom_right.y, p.bottom_left.y]
        margin = 0.25 * max(max(xs) - min(xs), max(ys) - min(ys), 20)
        boxes.append((max(0, round(min(xs) - margin)), max(0, round(min(ys) - margin)),
                      min(size[0], round(max(xs) + margin)), min(size[1], round(max(ys) + margin))))
    return boxes


def _dense_regions(gray: Image.Image) -> list[Box]:
    """Boxes (full-resolution pixels) around the most edge-dense squares: where a QR must be.

    Used when the whole frame does not decode and zxing did not even find the finder patterns.
    """
    scale = 600 / gray.width
    small = gray.resize((600, max(1, round(gray.height * scale))), Image.Resampling.BILINEAR)
    pixels = np.asarray(small, dtype=np.int16)
    edges = np.zeros_like(pixels)
    edges[:, 1:] += np.abs(np.diff(pixels, axis=1))
    edges[1:, :] += np.abs(np.diff(pixels, axis=0))
    edge_image = Image.fromarray(((edges > 40) * 255).astype(np.uint8))
    boxes: list[Box] = []
    for window in (40, 60, 90):
        density = np.asarray(edge_image.filter(ImageFilter.BoxBlur(window // 2)), dtype=np.float32)
        y, x = np.unravel_index(int(np.argmax(density)), density.shape)
        half = window  # generous margin: the peak may sit on one side of the symbol
        box = (max(0, round((x - half) / scale)), max(0, round((y - half) / scale)),
               min(gray.width, round((x + half) / scale)), min(gray.height, round((y + half) / scale)))
        if box not in boxes:
            boxes.append(box)
    return boxes


def _overlap(a: Box, b: Box) -> float:
    """Intersection over union. A box inside a much larger one is kept apart: the crop's framing and
    enlargement differ, and either may be the one that decodes."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - w * h
    return w * h / max(1, union)


def _wiener(image: Image.Image, sigma: float, noise: float = 0.005) -> Image.Image:
    """Undo a Gaussian blur of *sigma* px (Wiener filter): out-of-focus phone photos of small QRs."""
    pixels = np.asarray(image, dtype=np.float64) / 255
    fy = np.fft.fftfreq(pixels.shape[0])[:, None]
    fx = np.fft.rfftfreq(pixels.shape[1])[None, :]
    otf = np.exp(-2 * np.pi ** 2 * sigma ** 2 * (fx ** 2 + fy ** 2))
    restored = np.fft.irfft2(np.fft.rfft2(pixels) * otf / (otf ** 2 + noise), s=pixels.shape)
    return Image.fromarray(np.clip(restored * 255, 0, 255).astype(np.uint8))


# Sharpening of an enlarged crop, in the order they succeed most often on the benchmark's photos:
# (UnsharpMask radius in enlarged pixels, percent); None is the crop merely enlarged.
_CROP_SHARPEN = ((4, 500), None, (8, 300), (6, 200))
_DEBLUR_SIGMAS = (1.5, 2.0, 2.5)   # blur in photo pixels, scaled to the enlarged crop
_SMALL_FRAME = 1000                 # longest side under which a whole-frame median filter is cheap


class _Crop:
    """One candidate region, enlarged to ~1000 px once and shared by its variants."""

    def __init__(self, gray: Image.Image, box: Box) -> None:
        self.region = gray.crop(box)
        self.factor = max(1.0, 1000 / max(1, max(self.region.size)))
        self._enlarged: Image.Image | None = None

    def enlarged(self) -> Image.Image:
        if self._enlarged is None:
            size = (round(self.region.width * self.factor), round(self.region.height * self.factor))
            self._enlarged = self.region.resize(size, Image.Resampling.BICUBIC)
        return self._enlarged

    def sharpened(self, radius: int, percent: int) -> Image.Image:
        return self.enlarged().filter(ImageFilter.UnsharpMask(radius, percent, 0))

    def deblurred(self, sigma: float) -> Image.Image:
        return _wiener(self.enlarged(), sigma * self.factor)


class _Search:
    """The ordered attempts on one grey image; remembers what the first pass located."""

    def __init__(self, gray: Image.Image) -> None:
        self.gray = gray
        self.located: list[Box] = []

    def candidate_boxes(self) -> list[Box]:
        """Located symbols first (zxing saw finder patterns there), then dense squares not already covered."""
        boxes = list(self.located)
        for box in _dense_regions(self.gray):
            if all(_overlap(box, kept) < 0.7 for kept in boxes):
                boxes.append(box)
        return boxes[:4]

    def variants(self) -> Iterator[tuple[str, Callable[[], Image.Image]]]:
        yield "original", lambda: self.gray
        # Called after the first pass, so the symbols it located are known.
        crops = [_Crop(self.gray, box) for box in self.candidate_boxes()]
        # Round by round: the most successful treatment on every crop before the next treatment,
        # since which crop frames the QR best is not known in advance.
        for sharpen in _CROP_SHARPEN:
            for n, crop in enumerate(crops):
                if sharpen is None:
                    yield f"crop{n}", crop.enlarged
                else:
                    yield f"crop{n}-sharpen{sharpen[0] // 2}", (lambda c=crop, s=sharpen: c.sharpened(*s))
        # Deblurring is the costliest crop variant (~0.09 s): the usual blur on every crop, stronger
        # blurs on the best-placed crop only.
        for n, crop in enumerate(crops):
            yield f"crop{n}-deblur{_DEBLUR_SIGMAS[0]:g}", (lambda c=crop: c.deblurred(_DEBLUR_SIGMAS[0]))
        for sigma in _DEBLUR_SIGMAS[1:] if crops else ():
            yield f"crop0-deblur{sigma:g}", (lambda s=sigma: crops[0].deblurred(s))
        yield "sharpen", lambda: _upscale(self.gray, 2).filter(
            ImageFilter.UnsharpMask(radius=3, percent=200, threshold=2))
        if max(self.gray.size) <= _SMALL_FRAME:
            yield "median-sharpen", lambda: _upscale(self.gray.filter(ImageFilter.MedianFilter(3)), 3).filter(
                ImageFilter.UnsharpMask(radius=4, percent=250, threshold=0))


def _card_text(barcodes: list) -> tuple[str, CardQrData] | None:
    for barcode in barcodes:
        if not barcode.valid or not looks_like_card_qr(barcode.text):
            continue
        try:
            return barcode.text, parse_card_qr(barcode.text)
        except CardQrTextError:   # a QR that only resembles a card's: keep looking
            continue
    return None


def read_card_qr(image: Image.Image | str | Path, budget_s: float = SEARCH_BUDGET_S) -> CardQrRead:
    """Decode the card QR of *image*; raises :class:`CardQrNotFoundError` when none decodes.

    *budget_s* bounds the CPU time of the search (the first pass always runs in full).
    """
    gray = _fit(ImageOps.grayscale(_load(image)), 3000)
    deadline = time.process_time() + budget_s
    search = _Search(gray)
    for attempts, (name, make) in enumerate(search.variants(), start=1):
        if attempts > 1 and time.process_time() > deadline:
            break
        first = attempts == 1
        barcodes = zxingcpp.read_barcodes(make(), formats=zxingcpp.BarcodeFormat.QRCode, return_errors=first)
        found = _card_text(barcodes)
        if found is not None:
            return CardQrRead(text=found[0], data=found[1], variant=name, attempts=attempts)
        if first:
            search.located = _symbol_boxes(barcodes, gray.size)
    raise CardQrNotFoundError(NOT_FOUND_MESSAGE)
