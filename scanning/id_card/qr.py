"""Find and decode the QR code of a citizen ID card in a scan, photo or camera frame (zxing-cpp).

A flatbed scan usually decodes on the first pass. Phone photos are blurred, glared, small or tilted,
so when the first pass finds no card QR the image is retried through a short list of cheap variants
(upscaling, sharpening, contrast stretch, binarisation, small rotations). The first text that looks
like a card's QR wins; other QR codes on the page (VietQR, links) are ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import zxingcpp
from PIL import Image, ImageFilter, ImageOps

from scanning.id_card.qr_text import CardQrData, looks_like_card_qr, parse_card_qr
from scanning.untrusted import load_image


class CardQrNotFoundError(ValueError):
    """No ID-card QR code could be decoded from the image."""


@dataclass(frozen=True)
class CardQrRead:
    text: str
    data: CardQrData
    variant: str  # which preprocessing decoded it ("original", "upscale2", …)
    attempts: int


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


def _binarise(image: Image.Image) -> Image.Image:
    # Local mean threshold: survives glare that washes out one side of the card.
    blurred = image.filter(ImageFilter.BoxBlur(max(8, min(image.size) // 40)))
    return _threshold_local(image, blurred)


def _threshold_local(image: Image.Image, blurred: Image.Image) -> Image.Image:
    pixels = np.asarray(image, dtype=np.int16)
    local = np.asarray(blurred, dtype=np.int16)
    return Image.fromarray(np.where(pixels < local - 8, 0, 255).astype(np.uint8))


def _dense_regions(gray: Image.Image) -> list[tuple[int, int, int, int]]:
    """Boxes (full-resolution pixels) around the most edge-dense squares: where a QR must be.

    Used when the whole frame does not decode: a small, blurred QR in a phone photo needs a crop
    enlarged and sharpened far more than the whole frame can afford.
    """
    scale = 600 / gray.width
    small = gray.resize((600, max(1, round(gray.height * scale))), Image.Resampling.BILINEAR)
    pixels = np.asarray(small, dtype=np.int16)
    edges = np.zeros_like(pixels)
    edges[:, 1:] += np.abs(np.diff(pixels, axis=1))
    edges[1:, :] += np.abs(np.diff(pixels, axis=0))
    edge_image = Image.fromarray(((edges > 40) * 255).astype(np.uint8))
    boxes = []
    for window in (40, 60, 90):
        density = np.asarray(edge_image.filter(ImageFilter.BoxBlur(window // 2)), dtype=np.float32)
        y, x = np.unravel_index(int(np.argmax(density)), density.shape)
        half = window  # generous margin: the peak may sit on one side of the symbol
        box = (max(0, round((x - half) / scale)), max(0, round((y - half) / scale)),
               min(gray.width, round((x + half) / scale)), min(gray.height, round((y + half) / scale)))
        if box not in boxes:
            boxes.append(box)
    return boxes


def _wiener(image: Image.Image, sigma: float, noise: float = 0.005) -> Image.Image:
    """Undo a Gaussian blur of *sigma* px (Wiener filter): out-of-focus phone photos of small QRs."""
    pixels = np.asarray(image, dtype=np.float64) / 255
    fy = np.fft.fftfreq(pixels.shape[0])[:, None]
    fx = np.fft.rfftfreq(pixels.shape[1])[None, :]
    otf = np.exp(-2 * np.pi ** 2 * sigma ** 2 * (fx ** 2 + fy ** 2))
    restored = np.fft.irfft2(np.fft.rfft2(pixels) * otf / (otf ** 2 + noise), s=pixels.shape)
    return Image.fromarray(np.clip(restored * 255, 0, 255).astype(np.uint8))


def _crop_variants(gray: Image.Image) -> Iterator[tuple[str, Callable[[], Image.Image]]]:
    for n, box in enumerate(_dense_regions(gray)):
        crop = gray.crop(box)
        factor = max(1.0, 1000 / max(1, max(crop.size)))

        def enlarge(c=crop, f=factor) -> Image.Image:
            return c.resize((round(c.width * f), round(c.height * f)), Image.Resampling.BICUBIC)

        yield f"crop{n}", enlarge
        for radius, percent in ((2, 500), (4, 300), (3, 200)):
            yield (f"crop{n}-sharpen{radius}",
                   lambda e=enlarge, r=radius, p=percent: e().filter(ImageFilter.UnsharpMask(r * 2, p, 0)))
        if n == 0:
            for sigma in (1.5, 2.0, 2.5):  # blur in photo pixels, scaled to the enlarged crop
                yield f"crop0-deblur{sigma:g}", (lambda e=enlarge, s=sigma * factor: _wiener(e(), s))


def _variants(gray: Image.Image) -> Iterator[tuple[str, Callable[[], Image.Image]]]:
    yield "original", lambda: gray
    yield "upscale2", lambda: _upscale(gray, 2)
    yield "sharpen", lambda: _upscale(gray, 2).filter(ImageFilter.UnsharpMask(radius=3, percent=200, threshold=2))
    yield "autocontrast", lambda: ImageOps.autocontrast(_upscale(gray, 2), cutoff=2)
    yield "binarise", lambda: _binarise(ImageOps.autocontrast(_upscale(gray, 2), cutoff=1))
    yield from _crop_variants(gray)
    yield "median-sharpen", lambda: _upscale(gray.filter(ImageFilter.MedianFilter(3)), 3).filter(
        ImageFilter.UnsharpMask(radius=4, percent=250, threshold=0))
    yield "downscale", lambda: _fit(gray, max(400, max(gray.size) // 2))
    for angle in (15, -15, 30, -30, 45):
        yield f"rotate{angle}", (lambda a=angle: _upscale(gray, 1.5).rotate(a, expand=True, fillcolor=255))


def read_card_qr(image: Image.Image | str | Path) -> CardQrRead:
    """Decode the card QR of *image*; raises :class:`CardQrNotFoundError` when none decodes."""
    gray = ImageOps.grayscale(_load(image))
    gray = _fit(gray, 3000)
    for attempts, (name, make) in enumerate(_variants(gray), start=1):
        for barcode in zxingcpp.read_barcodes(make(), formats=zxingcpp.BarcodeFormat.QRCode):
            if looks_like_card_qr(barcode.text):
                return CardQrRead(text=barcode.text, data=parse_card_qr(barcode.text), variant=name,
                                  attempts=attempts)
    raise CardQrNotFoundError("Không đọc được mã QR của thẻ căn cước trong ảnh.")
