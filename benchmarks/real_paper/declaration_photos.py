"""Declarations photographed with a phone or a document camera at the counter (issue 14, capture as people
really capture).

The page is the TT 04/2024 declaration of :mod:`benchmarks.real_paper.declarations` (same forms, same
values, typed or handwritten), but instead of a flatbed scan it is a photo of the sheet lying on the
counter: the phone held upright over it, turned up to 10° and tilted up to ~10° (the far edge shorter),
the sheet filling 70–92 % of the frame's height with counter showing around it (or another sheet under it), its soft shadow, light falling off across
the frame and the shadow of the phone or the hand across part of the sheet, defocus or hand shake, sensor
noise and the phone's JPEG. Written from how such photos look, not from what the reader expects; the
seeds have their own block (``declaration_photos``).

    python -m benchmarks.real_paper.declaration_photos OUT [--seed N] [--count N] [--handwritten]
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from benchmarks.real_paper.declarations import PROCEDURES, make_values, render, write_samples
from benchmarks.real_paper.id_photos import _desk, blur_and_noise


@dataclass
class DeclarationPhoto:
    procedure: str
    handwritten: bool
    values: dict[str, str]
    image: Image.Image          # the photo as the phone saved it (JPEG decoded)
    rotation: float             # degrees the sheet is turned in the frame
    corners: np.ndarray         # the sheet's corners in the photo (TL, TR, BR, BL), for page-finder checks


def phone_photo(page: Image.Image, rng: random.Random) -> tuple[Image.Image, float, np.ndarray]:
    """The sheet on the counter, photographed from above: (photo, rotation in degrees, sheet corners)."""
    long_side = rng.choice([3000, 3264, 4000])                  # 9, 8 and 12 megapixel phones, portrait
    height, width = long_side, long_side * 3 // 4
    background = _desk(rng, width, height)
    fill = rng.uniform(0.70, 0.92)                               # sheet height / frame height
    sheet_h = height * fill
    sheet_w = sheet_h * page.width / page.height
    rotation = rng.uniform(0, 10) * rng.choice([-1, 1])
    cx = width / 2 + rng.uniform(-0.5, 0.5) * max(0.0, width - sheet_w * 1.1) / 2
    cy = height / 2 + rng.uniform(-0.5, 0.5) * max(0.0, height - sheet_h * 1.05) / 2
    half = np.array([[-sheet_w, -sheet_h], [sheet_w, -sheet_h], [sheet_w, sheet_h], [-sheet_w, sheet_h]],
                    np.float32) / 2
    # The phone tilted towards one edge: that edge comes out shorter (keystone), up to ~10 %.
    tilt = rng.uniform(0.0, 0.10)
    axis = rng.choice([0, 1])
    side = rng.choice([-1, 1])
    extent = np.abs(half[:, 1 - axis]).max()
    for i in range(4):
        along = half[i, 1 - axis] * side
        half[i, axis] *= 1 - tilt * (0.5 + along / (2 * extent))
    angle = math.radians(rotation)
    rot = np.array([[math.cos(angle), math.sin(angle)], [-math.sin(angle), math.cos(angle)]], np.float32)
    turned = half @ rot.T
    # Whoever takes the photo keeps the whole sheet in the frame: a sheet turned too far for its size
    # is taken from a little higher (smaller), and moved in from the frame's edge.
    span = np.abs(turned).max(axis=0)
    room = np.array([width, height], np.float32) * 0.49
    turned *= min(1.0, float((room / span).min()))
    span = np.abs(turned).max(axis=0)
    cx = float(np.clip(cx, span[0] + width * 0.01, width - span[0] - width * 0.01))
    cy = float(np.clip(cy, span[1] + height * 0.01, height - span[1] - height * 0.01))
    corners = turned + np.array([cx, cy], np.float32)
    corners += np.array([[rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in range(4)], np.float32) * sheet_w * 0.004
    src = np.array([[0, 0], [page.width - 1, 0], [page.width - 1, page.height - 1], [0, page.height - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    sheet = cv2.cvtColor(np.asarray(page.convert("RGB")), cv2.COLOR_RGB2BGR)
    paper_tone = np.array([rng.uniform(225, 250)] * 3, np.float32) * np.array([1.0, rng.uniform(0.97, 1.0),
                                                                                rng.uniform(0.94, 1.0)], np.float32)
    sheet = (sheet.astype(np.float32) * (paper_tone / 255.0)).astype(np.uint8)
    warped = cv2.warpPerspective(sheet, matrix, (width, height), flags=cv2.INTER_AREA,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0))
    alpha = cv2.warpPerspective(np.full(sheet.shape[:2], 255, np.uint8), matrix, (width, height),
                                flags=cv2.INTER_LINEAR).astype(np.float32)[..., None] / 255
    # The sheet's soft shadow on what lies under it (paper has a thickness and the light comes from above).
    shadow = cv2.GaussianBlur(alpha[..., 0], (0, 0), max(2.0, width / 400))
    shadow = np.roll(np.roll(shadow, int(width / 300) + 1, axis=0), int(width / 400) + 1, axis=1)
    under = background.astype(np.float32) * (1 - rng.uniform(0.15, 0.35) * shadow)[..., None]
    img = under * (1 - alpha) + warped.astype(np.float32) * alpha
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    # Room light falling off across the frame.
    gx, gy = rng.uniform(0, width), rng.uniform(0, height)
    img *= (1 - rng.uniform(0.08, 0.28) * np.hypot(xx - gx, yy - gy) / np.hypot(width, height))[..., None]
    # The phone's or the hand's soft shadow over one side of the sheet (half the photos).
    if rng.random() < 0.5:
        nx, ny = math.cos(rng.uniform(0, 2 * math.pi)), math.sin(rng.uniform(0, 2 * math.pi))
        along = ((xx - cx) * nx + (yy - cy) * ny) / (sheet_h / 2)
        edge = rng.uniform(0.2, 0.8)
        softness = rng.uniform(0.08, 0.25)
        shade = 1 / (1 + np.exp(-(along - edge) / softness))
        img *= (1 - rng.uniform(0.15, 0.35) * shade)[..., None]
    img = np.clip(img, 0, 255).astype(np.uint8)
    img = blur_and_noise(img, rng, long_side / 3000, sigma=(0.5, 1.4), shake=(2, 6))
    ok, data = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(75, 92)])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return Image.open(io.BytesIO(data.tobytes())), rotation, corners


def make_declaration_photo(seed: int, handwritten: bool = False) -> DeclarationPhoto:
    """The photo for *seed*: procedure, values, layout variant and capture all drawn from it."""
    rng = random.Random(seed)
    procedure = PROCEDURES[seed % len(PROCEDURES)]
    values = make_values(procedure, rng)
    page = render(procedure, values, rng, handwritten, dpi=300)
    image, rotation, corners = phone_photo(page.image, rng)
    return DeclarationPhoto(procedure, handwritten, values, image, rotation, corners)


def main() -> None:
    write_samples("Chụp ảnh tờ khai bằng điện thoại (phần đánh giá độc lập).", 4_000_000, make_declaration_photo,
                  extra=lambda item: {"rotation": round(item.rotation, 2)})


if __name__ == "__main__":
    main()
