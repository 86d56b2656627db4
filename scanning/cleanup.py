"""Clean-up of one captured page before OCR: page finding, perspective, lighting, skew, blank, colour.

Each step is a small function that returns the new image *and* what it did, so the per-page report
can tell the clerk (and the tests) exactly what happened. :func:`clean_page` runs them in order.
Orientation (90/180/270) needs tesseract's OSD model and lives in :mod:`scanning.ocr`; the pipeline
calls it between clean-up and recognition.

Images are numpy arrays as OpenCV uses them: ``uint8`` H×W (grey) or H×W×3 (BGR).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

# Work on a reduced copy for every *measurement*; the output keeps the input resolution.
_ANALYSIS_LONG_SIDE = 1000


class CleanupError(ValueError):
    """A page image that cannot be cleaned (empty or unreadable); the message is for the clerk."""


@dataclass(frozen=True)
class PageGeometry:
    perspective_corrected: bool = False
    cropped: bool = False
    quad: tuple[tuple[float, float], ...] | None = None  # page corners found in the input, if any


@dataclass(frozen=True)
class BlankVerdict:
    blank: bool
    score: float          # text-like marks per 100 cm² of page; 0 for an empty page
    marks: int


@dataclass(frozen=True)
class ColourVerdict:
    colour: bool
    reason: str           # "red_seal" | "photo" | "colour_content" | "greyscale"
    coloured_fraction: float


@dataclass
class CleanedPage:
    image: np.ndarray                      # cleaned, full resolution, grey or BGR
    dpi: int
    skew_angle: float = 0.0                # skew found and removed, degrees (+ = text was turned anticlockwise)
    orientation: int = 0                   # degrees turned clockwise to make the page upright
    geometry: PageGeometry = field(default_factory=PageGeometry)
    blank: BlankVerdict = field(default_factory=lambda: BlankVerdict(False, 0.0, 0))
    colour: ColourVerdict = field(default_factory=lambda: ColourVerdict(False, "greyscale", 0.0))

    @property
    def grey(self) -> np.ndarray:
        return to_grey(self.image)

    def report(self) -> dict:
        return {
            "skew_angle": round(self.skew_angle, 2),
            "orientation": self.orientation,
            "perspective_corrected": self.geometry.perspective_corrected,
            "cropped": self.geometry.cropped,
            "blank": self.blank.blank,
            "blank_score": round(self.blank.score, 2),
            "colour": self.colour.colour,
            "colour_reason": self.colour.reason,
            "width": int(self.image.shape[1]),
            "height": int(self.image.shape[0]),
            "dpi": self.dpi,
        }


# ----------------------------------------------------------------------------------------- helpers

def decode_image(data: bytes) -> np.ndarray:
    """Bytes of any image OpenCV reads → BGR or grey array (alpha dropped)."""
    array = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    if array is None or array.size == 0:
        raise CleanupError("Không đọc được ảnh trang.")
    if array.dtype != np.uint8:  # 16-bit scans: keep the top 8 bits
        array = (array / 257).astype(np.uint8)
    if array.ndim == 3 and array.shape[2] == 4:
        array = cv2.cvtColor(array, cv2.COLOR_BGRA2BGR)
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    return array


def to_grey(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def shrink(image: np.ndarray, long_side: int = _ANALYSIS_LONG_SIDE) -> tuple[np.ndarray, float]:
    """A copy no longer than *long_side* for analysis (area-averaged), and its scale (1.0: the image itself)."""
    scale = min(1.0, long_side / max(image.shape[:2]))
    if scale >= 1.0:
        return image, 1.0
    size = (max(1, round(image.shape[1] * scale)), max(1, round(image.shape[0] * scale)))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA), scale


def rotate_quarter(image: np.ndarray, clockwise_degrees: int) -> np.ndarray:
    turns = {0: None, 90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    code = turns[clockwise_degrees % 360]
    return image if code is None else cv2.rotate(image, code)


def _white(image: np.ndarray):
    return 255 if image.ndim == 2 else (255, 255, 255)


# ------------------------------------------------------------------------------- page and perspective

def _order_corners(points: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    points = points.reshape(4, 2).astype(np.float32)
    s = points.sum(axis=1)
    d = np.diff(points, axis=1).ravel()
    return np.array([points[np.argmin(s)], points[np.argmin(d)], points[np.argmax(s)], points[np.argmax(d)]],
                    dtype=np.float32)


def _quad_of(hull: np.ndarray) -> np.ndarray | None:
    """Four corners approximating a convex hull, or None when it is no quadrilateral."""
    peri = cv2.arcLength(hull, True)
    for eps in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) == 4:
            return _order_corners(np.asarray(approx, np.float32))
    return None


def _edge_support(gradient: np.ndarray, quad: np.ndarray, samples: int = 60) -> float:
    """Share of the points along the quad's sides where the brightness changes sharply across the side
    (a sheet's edge); a side cut through a shadow or a dim corner has soft changes only."""
    hits = total = 0
    h, w = gradient.shape
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        for t in np.linspace(0.05, 0.95, samples):
            x, y = (a + (b - a) * t).round().astype(int)
            if 1 <= x < w - 1 and 1 <= y < h - 1:
                total += 1
                hits += bool(gradient[y - 1:y + 2, x - 1:x + 2].max() > 25)
    return hits / max(total, 1)


def _darker_outside(blurred: np.ndarray, quad: np.ndarray, band: int) -> int:
    """On how many sides what lies outside the quad — at one and at two *band* widths from it — is
    darker than the strip just inside: a sheet on a desk or on a darker sheet. A frame printed on a
    scanned page is dark only on its line; paper again lies beyond it."""
    centre = quad.mean(axis=0)
    count = 0
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        middle = (a + b) / 2
        normal = middle - centre
        normal /= max(float(np.linalg.norm(normal)), 1e-6)
        inside, outside, beyond = [], [], []
        for t in np.linspace(0.1, 0.9, 30):
            point = a + (b - a) * t
            for values, step in ((inside, -band), (outside, band), (beyond, 2 * band)):
                x, y = (point + normal * step).round().astype(int)
                if 0 <= x < blurred.shape[1] and 0 <= y < blurred.shape[0]:
                    values.append(float(blurred[y, x]))
        if inside and outside and beyond and np.median(inside) - max(np.median(outside), np.median(beyond)) >= 12:
            count += 1
    return count


def _otsu_quad(blurred: np.ndarray) -> np.ndarray | None:
    """The sheet as the big bright region Otsu separates from a table or scanner lid."""
    _, mask = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    contour = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(contour)
    frame_area = blurred.shape[0] * blurred.shape[1]
    if area < 0.2 * frame_area or area > 0.97 * frame_area:
        return None
    # A sheet photographed on a desk has desk showing on at least three sides of the frame; a shadow
    # or a dark margin on a flatbed scan darkens one side or a corner only.
    paper = np.zeros_like(mask)
    cv2.drawContours(paper, [contour], -1, 255, thickness=cv2.FILLED)
    strip = max(2, min(blurred.shape[:2]) // 50)
    sides = (paper[:strip, :], paper[-strip:, :], paper[:, :strip], paper[:, -strip:])
    if sum(float(np.mean(side == 0)) > 0.6 for side in sides) < 3:
        return None
    # The background must really be darker than the paper, or this is just a page with dark content.
    inside = cv2.mean(blurred, mask=mask)[0]
    outside = cv2.mean(blurred, mask=255 - mask)[0]
    if inside - outside < 40:
        return None
    hull = cv2.convexHull(contour)
    quad = _quad_of(hull)
    if quad is None:  # rounded or torn corners: the minimum-area rectangle is a good enough sheet
        quad = _order_corners(cv2.boxPoints(cv2.minAreaRect(hull)))
    return quad


def _edge_quads(blurred: np.ndarray) -> list[np.ndarray]:
    """Sheets outlined by their edges: what Otsu misses when light falls off towards a corner, a shadow
    lies across the sheet, or the sheet lies on another one."""
    edges = cv2.dilate(cv2.Canny(blurred, 10, 30), np.ones((3, 3), np.uint8))
    # Every boundary, holes included: on a grained desk the edges of the grain join the sheet's outline
    # from outside, and the sheet is the outline's inner side.
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    h, w = blurred.shape
    margin = 0.005 * max(h, w)
    quads = []
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:8]:
        hull = cv2.convexHull(contour)
        if not 0.2 * h * w < cv2.contourArea(hull) < 0.97 * h * w:
            continue
        quad = _quad_of(hull)
        if quad is None:
            continue
        # A quad on the frame's border is the frame (or what lies under the sheet), not a sheet.
        on_border = (quad[:, 0] < margin) | (quad[:, 0] > w - 1 - margin) | (quad[:, 1] < margin) \
            | (quad[:, 1] > h - 1 - margin)
        if not on_border.any():
            quads.append(quad)
    return quads


def find_page_quad(image: np.ndarray) -> np.ndarray | None:
    """Corners (full-resolution coordinates) of a paper sheet lying on a darker background, or None.

    None means the page already fills the frame (a flatbed or feeder scan), so nothing is cut. Two
    finders propose a sheet — the bright region (Otsu) and closed outlines of sharp edges — and the
    proposal whose sides run along the sharpest edges wins: a side cut through a shadow or a dim corner
    lies on soft changes only.
    """
    small, scale = shrink(to_grey(image))
    blurred = cv2.GaussianBlur(small, (5, 5), 0)
    gradient = cv2.magnitude(cv2.Sobel(blurred, cv2.CV_32F, 1, 0), cv2.Sobel(blurred, cv2.CV_32F, 0, 1)) / 4
    band = max(3, min(small.shape) // 100)
    proposals = []
    otsu = _otsu_quad(blurred)
    if otsu is not None:
        proposals.append((_edge_support(gradient, otsu), 1, otsu))
    for quad in _edge_quads(blurred):
        if _darker_outside(blurred, quad, band) >= 2:
            proposals.append((_edge_support(gradient, quad), 0, quad))
    proposals = [p for p in proposals if p[0] >= 0.6]
    if not proposals:
        # Otsu's sheet with soft sides is still better than none when nothing sharper was found.
        return None if otsu is None else otsu / scale
    _, _, quad = max(proposals, key=lambda p: (round(p[0], 2), p[1]))
    return quad / scale


def correct_perspective(image: np.ndarray) -> tuple[np.ndarray, PageGeometry]:
    """Cut the sheet out of the frame; a tilted phone photo is warped back to a rectangle."""
    quad = find_page_quad(image)
    if quad is None:
        return image, PageGeometry()
    tl, tr, br, bl = quad
    # Mean of opposite edges: the near edge looks longer and the far one shorter than the sheet is.
    width = int(round((np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2))
    height = int(round((np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    axis_aligned = (abs(tl[1] - tr[1]) < 3 and abs(bl[1] - br[1]) < 3
                    and abs(tl[0] - bl[0]) < 3 and abs(tr[0] - br[0]) < 3)
    corners = tuple((float(x), float(y)) for x, y in quad)
    if axis_aligned:
        x0, y0 = int(max(0, tl[0])), int(max(0, tl[1]))
        return image[y0:y0 + height, x0:x0 + width].copy(), PageGeometry(False, True, corners)
    matrix = cv2.getPerspectiveTransform(quad, target)
    warped = cv2.warpPerspective(image, matrix, (width, height), flags=cv2.INTER_LINEAR,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=_white(image))
    return warped, PageGeometry(True, True, corners)


# ----------------------------------------------------------------------------------------- lighting

def flatten_lighting(image: np.ndarray) -> np.ndarray:
    """Divide by an estimate of the paper's own brightness, so shadows and grey paper become white.

    The background is the page with the ink closed away (a large grey-level closing) and smoothed;
    each channel is divided by its own background, which also white-balances yellowed paper.
    """
    small, _ = shrink(image, 800)
    kernel_size = max(15, int(round(min(small.shape[:2]) / 30)) | 1)  # wider than any stroke
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (kernel_size, kernel_size))
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    background = cv2.medianBlur(background, min(kernel_size, 255))
    background = cv2.GaussianBlur(background, (0, 0), kernel_size / 3)
    background = cv2.resize(background, (image.shape[1], image.shape[0]), interpolation=cv2.INTER_LINEAR)
    background = np.maximum(background, 1)
    # scale=255 maps paper to white; cv2.divide saturates instead of wrapping.
    flat = cv2.divide(image, background, scale=255)
    return flat


# ------------------------------------------------------------------------------- background and ink

def _ink_level(grey: np.ndarray, percentile: float) -> float | None:
    """Grey level of the core of the print: a low percentile of the marks darker than paper, leaving out
    what is not print — dark borders of the scanner lid, punched holes, photos (large or touching the
    edge). None when there are no marks at all."""
    marks = (grey < 215).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(marks, connectivity=8)
    if count <= 1:
        return None
    h, w = grey.shape
    left, top = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    width, height = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    touches = (left == 0) | (top == 0) | (left + width >= w) | (top + height >= h)
    large = (width > 0.1 * w) & (height > 0.05 * h)
    keep = ~(touches | large)
    keep[0] = False
    values = grey[keep[labels]]
    if values.size < 50:
        return None
    return float(np.percentile(values, percentile))


def suppress_background(grey: np.ndarray, dpi: int = 300, ink_percentile: float = 5.0) -> np.ndarray:
    """The ink alone, at full contrast: show-through from the reverse side, paper tone and faded toner gone.

    Expects a flattened page (paper ≈ 255). The core of the printed strokes is the darkest 5 % of the
    marks on the page (:func:`_ink_level`). Marks darker than halfway between that ink and the paper are
    print; everything within a stroke's reach of them (anti-aliased edges, thin diacritics) is kept with
    its grey levels, stretched so the ink core is black again (faded toner at grey 160 reads like fresh
    toner); everything else — the mirrored, blurred text of the reverse side, a copier's haze — becomes
    paper. Within that reach, grey as light as the show-through measured away from the print
    (:func:`_show_through_level`) becomes paper too, so no halo of it is left around the letters. Strokes
    never move or change shape. Used for what tesseract sees, not for the page image kept in the PDF.
    """
    if grey.ndim != 2 or grey.size == 0:
        return grey
    ink = _ink_level(grey, ink_percentile)
    if ink is None or 255 - ink < 40:   # no ink worth the name: a blank or nearly blank page stays as it is
        return grey
    print_level = ink + 0.5 * (255 - ink)
    seeds = (grey < print_level).astype(np.uint8)
    reach = max(2, round((dpi or 300) / 40))   # ~0.6 mm: a diacritic's distance from its letter
    near = cv2.dilate(seeds, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * reach + 1)))
    levels = np.arange(256, dtype=np.float32)
    stretched = (levels - ink) / (255 - ink) * 255
    ghost = _show_through_level(grey, near, print_level)
    if ghost is not None:
        # Up to the show-through's level the stroke edges keep their grey (thin diacritics stay as bold
        # as they are); from there to the show-through's level they fade to paper.
        fade = np.clip((levels - (ghost - _GHOST_FADE)) / _GHOST_FADE, 0, 1)
        stretched += fade * (255 - stretched)
    out = cv2.LUT(grey, np.clip(stretched, 0, 255).astype(np.uint8))
    out[near == 0] = 255
    return out


# Away from the print, paper noise and JPEG ringing of a clean or faded page stay lighter than this
# (darkest 0.1 %: 247–250 measured on faded copies); show-through of 15–35 % reaches 180–200.
_NO_SHOW_THROUGH = 235
_GHOST_FADE = 20


def _show_through_level(grey: np.ndarray, near: np.ndarray, print_level: float) -> float | None:
    """The grey of the darkest show-through, measured away from the print; None when there is none.

    Show-through from the reverse side is as dark beside a letter as between the lines. Within a stroke's
    reach of the print it would otherwise stay as a grey halo around the letters, which tesseract's
    recogniser reads: a dot between words, "BAN" → "BÄN", "CHÂU" → "CHẦU", words run together
    ("ỦYBANNHÂNDÂN"). Away from the print (``near`` = 0) the darkest 0.1 % is the darkest show-through.
    Never darker than a quarter of the way from the print level to paper, so strokes stay.
    """
    hist = cv2.calcHist([grey], [0], (near == 0).astype(np.uint8), [256], [0, 256]).ravel()
    total = float(hist.sum())
    if total < 1000:
        return None
    level = float(np.searchsorted(np.cumsum(hist), 0.001 * total))
    if level >= _NO_SHOW_THROUGH:
        return None
    return max(level, print_level + 0.25 * (255 - print_level))


# --------------------------------------------------------------------------------------------- skew

def _skew_score(ys: np.ndarray, xs: np.ndarray, angles_deg: np.ndarray, height: int) -> np.ndarray:
    scores = np.empty(len(angles_deg))
    for i, angle in enumerate(angles_deg):
        shifted = ys - xs * np.tan(np.radians(angle))
        rows = np.round(shifted).astype(np.int64)
        # The sheared rows of a wide, short strip reach far above the top: count from the lowest one.
        counts = np.bincount(rows - rows.min())
        scores[i] = float(np.dot(counts, counts))  # sharp text-line peaks ⇒ large sum of squares
    return scores


def estimate_skew(grey: np.ndarray, max_angle: float = 15.0) -> float:
    """Angle (degrees) by which the text lines slope, found by maximising the row-profile sharpness.

    Positive = the text is turned anticlockwise (lines rise to the right); :func:`deskew` turns it back.
    Coarse 0.5° search on a reduced copy, then 0.05° steps near the best angle at a finer scale.
    """
    def ink_points(long_side: int):
        small, _ = shrink(grey, long_side)
        _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
        ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
        ys, xs = np.nonzero(ink)
        if len(ys) > 400_000:
            keep = np.random.default_rng(0).choice(len(ys), 400_000, replace=False)
            ys, xs = ys[keep], xs[keep]
        return ys.astype(np.float64), xs.astype(np.float64), small.shape[0]

    ys, xs, height = ink_points(900)
    if len(ys) < 200:
        return 0.0
    coarse = np.arange(-max_angle, max_angle + 0.01, 0.5)
    best = coarse[int(np.argmax(_skew_score(ys, xs, coarse, height)))]
    ys, xs, height = ink_points(2000)
    fine = np.arange(best - 0.6, best + 0.61, 0.05)
    best = fine[int(np.argmax(_skew_score(ys, xs, fine, height)))]
    # y grows downwards: the best shear has lines y = y0 + x·tan(best), sloping down for best > 0.
    return float(-best)


def deskew(image: np.ndarray, min_angle: float = 0.05) -> tuple[np.ndarray, float]:
    angle = estimate_skew(to_grey(image))
    if abs(angle) < min_angle:
        return image, 0.0
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    rotated = cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR,
                             borderMode=cv2.BORDER_CONSTANT, borderValue=_white(image))
    return rotated, angle


# -------------------------------------------------------------------------------------------- blank

def detect_blank(grey: np.ndarray, dpi: int) -> BlankVerdict:
    """Count text-like marks away from the edges; speckle, scanner dust and faint bleed-through don't count.

    Expects a flattened page (paper ≈ 255). A mark is a connected component darker than an adaptive
    threshold whose size is that of a letter or a stroke of a signature (0.4 mm … 60 mm).
    """
    dpi = dpi or 300
    h, w = grey.shape
    margin_y, margin_x = int(h * 0.04), int(w * 0.04)
    core = grey[margin_y:h - margin_y, margin_x:w - margin_x]
    small, scale = shrink(core, 1400)
    small = cv2.medianBlur(small, 3)
    darkness = 255 - small.astype(np.int16)
    peak = float(np.percentile(darkness, 99.95))
    # Half the darkest marks, but never into the paper's noise or a light show-through (15 % of the
    # reverse side's ink: darkness ≈ 45). The floor was 70: a faded copy (ink at 150–175 on paper 190–220,
    # darkness 55–70 once flattened) then counted almost no marks and its whole text was dropped as blank.
    threshold = max(55.0, 0.5 * peak)
    ink = (darkness > threshold).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    px_per_mm = dpi / 25.4 * scale
    min_size, max_size = 0.4 * px_per_mm, 60 * px_per_mm
    heights, widths, areas = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_AREA]
    big = np.maximum(heights, widths)
    marks = int(np.count_nonzero((big >= min_size) & (big <= max_size) & (areas >= (0.3 * px_per_mm) ** 2)))
    page_cm2 = (h / dpi * 2.54) * (w / dpi * 2.54)
    score = marks / max(page_cm2, 1.0) * 100.0
    # A single short line of writing on A4 already gives ~20 marks (≈3.4 per 100 cm²).
    return BlankVerdict(blank=score < 1.5, score=score, marks=marks)


# ------------------------------------------------------------------------------------------- colour

def decide_colour(image: np.ndarray) -> ColourVerdict:
    """Keep colour only when the page has meaningful colour: a red seal, a photo or coloured writing.

    Expects a flattened page, so yellowed or grey paper has already become neutral.
    """
    if image.ndim == 2:
        return ColourVerdict(False, "greyscale", 0.0)
    small, _ = shrink(image, 900)
    hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    hue, sat, val = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    coloured = ((sat > 100) & (val > 90)).astype(np.uint8)
    coloured = cv2.morphologyEx(coloured, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))  # JPEG chroma fringes
    total = coloured.size
    fraction = float(np.count_nonzero(coloured)) / total
    if fraction < 0.0004:
        # A photo may be mostly low-saturation; many mid-tones with some chroma also mean "photo".
        mid = ((val > 40) & (val < 215)).astype(np.uint8)
        mid = cv2.morphologyEx(mid, cv2.MORPH_OPEN, np.ones((9, 9), np.uint8))
        tinted = np.count_nonzero((mid > 0) & (sat > 40)) / total
        if tinted > 0.01:
            return ColourVerdict(True, "photo", float(tinted))
        return ColourVerdict(False, "greyscale", fraction)
    hues = hue[coloured > 0]
    red = np.count_nonzero((hues <= 12) | (hues >= 165)) / max(len(hues), 1)
    if red > 0.7:
        return ColourVerdict(True, "red_seal", fraction)
    mid = ((val > 40) & (val < 215) & (sat > 40)).astype(np.uint8)
    mid = cv2.morphologyEx(mid, cv2.MORPH_OPEN, np.ones((9, 9), np.uint8))
    if np.count_nonzero(mid) / total > 0.01:
        return ColourVerdict(True, "photo", fraction)
    return ColourVerdict(True, "colour_content", fraction)


# -------------------------------------------------------------------------------------------- whole

def clean_page(image: np.ndarray, dpi: int = 300, *, orientation: int = 0) -> CleanedPage:
    """Run every clean-up step on one page. *orientation* (clockwise degrees) is applied first when known."""
    if image is None or image.size == 0:
        raise CleanupError("Ảnh trang rỗng.")
    image = rotate_quarter(image, orientation)
    image, geometry = correct_perspective(image)
    image = flatten_lighting(image)
    image, angle = deskew(image)
    colour = decide_colour(image)
    if not colour.colour and image.ndim == 3:
        image = to_grey(image)
    blank = detect_blank(to_grey(image), dpi)
    return CleanedPage(image=image, dpi=dpi, skew_angle=angle, orientation=orientation % 360,
                       geometry=geometry, blank=blank, colour=colour)
