"""Find an ID card in a photo or a scan, straighten it, and offer it upright (issue 14 §4).

A card photographed on a desk is a small, turned, slightly trapezoid bright shape; a flatbed scan puts it
anywhere on the glass, maybe upside down. :func:`find_card_quad` finds the card's four corners (edges
fitted as lines, so the rounded ISO/IEC 7810 corners and a mild perspective do not shift them);
:func:`rectify` warps the card back to an 85.6 × 54 mm rectangle; :func:`card_views` gives the upright
candidates to read, the most likely first (the machine-readable zone is the wide three-line block at the
card's lower edge, so the band where such a block is found decides between 0° and 180°).

Images are numpy ``uint8`` arrays, grey (H×W) or BGR (H×W×3), as in :mod:`scanning.cleanup`.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

CARD_ASPECT = 85.60 / 53.98
_ANALYSIS_LONG_SIDE = 900
RECTIFIED_WIDTH = 1400          # px across the card: ≈ 16 px/mm, an MRZ cell is ~40 px wide


@dataclass(frozen=True)
class CardView:
    """One way of looking at the card: the image (grey), how it was obtained, and the MRZ band in it."""

    image: np.ndarray
    rectified: bool
    turned: int               # 0 or 180: degrees the rectified card was turned to be read
    skew: float = 0.0         # degrees removed when no card outline was found
    zone: bool = False        # the image is the MRZ zone itself, cut out along its three lines


def _grey(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def _shrink(image: np.ndarray, long_side: int) -> tuple[np.ndarray, float]:
    scale = min(1.0, long_side / max(image.shape[:2]))
    if scale >= 1.0:
        return image, 1.0
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), scale


def _order(points: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left, with the long edge on top (a landscape card)."""
    points = points.reshape(4, 2).astype(np.float32)
    centre = points.mean(axis=0)
    angles = np.arctan2(points[:, 1] - centre[1], points[:, 0] - centre[0])
    points = points[np.argsort(angles)]              # clockwise on screen, starting top-left-ish
    start = int(np.argmin(points.sum(axis=1)))
    points = np.roll(points, -start, axis=0)
    top = np.linalg.norm(points[1] - points[0]) + np.linalg.norm(points[2] - points[3])
    side = np.linalg.norm(points[3] - points[0]) + np.linalg.norm(points[2] - points[1])
    if side > top:  # the card stands on its short side: start from the corner that makes it landscape
        points = np.roll(points, -1, axis=0)
    return points


def _masks(small: np.ndarray) -> list[np.ndarray]:
    """Binary images in which the card may appear as one blob: brightness, low colour, edges."""
    grey = _grey(small)
    blurred = cv2.GaussianBlur(grey, (5, 5), 0)
    masks = []
    _, bright = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    masks.append(bright)
    if small.ndim == 3:
        # The card's print is pale blue-green; desks are brown, grey or dark: low saturation and bright.
        hsv = cv2.cvtColor(cv2.GaussianBlur(small, (5, 5), 0), cv2.COLOR_BGR2HSV)
        pale = ((hsv[:, :, 1] < 60) & (hsv[:, :, 2] > 120)).astype(np.uint8) * 255
        masks.append(pale)
    cleaned = []
    for mask in masks:
        mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
        mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
        cleaned.append(mask)
    return cleaned


def _edge_contours(small: np.ndarray) -> list[np.ndarray]:
    """Closed outlines in the edge map, inner ones included: the card's edge (and its shadow) separate
    it even from a light desk or from the white form it lies on, where brightness cannot."""
    blurred = cv2.GaussianBlur(_grey(small), (5, 5), 0)
    edges = cv2.Canny(blurred, 20, 60)
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8), iterations=2)
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
    return list(contours)


def _fit_edges(contour: np.ndarray, box: np.ndarray) -> np.ndarray | None:
    """Corners from straight lines fitted to the contour's four sides (rounded corners left out)."""
    points = contour.reshape(-1, 2).astype(np.float32)
    box = _order(box)
    lines = []
    for i in range(4):
        a, b = box[i], box[(i + 1) % 4]
        length = float(np.linalg.norm(b - a))
        if length < 4:
            return None
        direction = (b - a) / length
        normal = np.array([-direction[1], direction[0]])
        rel = points - a
        along = rel @ direction
        across = np.abs(rel @ normal)
        near = (across < max(3.0, 0.06 * length)) & (along > 0.15 * length) & (along < 0.85 * length)
        if near.sum() < 8:
            return None
        vx, vy, x0, y0 = cv2.fitLine(points[near], cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0]), np.array([vx, vy])))
    corners = []
    for i in range(4):
        (p1, d1), (p2, d2) = lines[i - 1], lines[i]
        matrix = np.array([d1, -d2]).T
        if abs(np.linalg.det(matrix)) < 1e-6:
            return None
        t = np.linalg.solve(matrix, p2 - p1)
        corners.append(p1 + t[0] * d1)
    corners = np.array(corners, np.float32)
    # A fit that moved a corner far from the rectangle's is wrong (a finger or the desk edge joined in).
    if np.max(np.linalg.norm(corners - box, axis=1)) > 0.12 * np.linalg.norm(box[1] - box[0]):
        return None
    return corners


def find_card_quad(image: np.ndarray) -> np.ndarray | None:
    """The card's corners (full-resolution x, y; TL, TR, BR, BL with the long edge on top), or None.

    None when no card-shaped outline is found — typically a scan cropped to the card, which is then
    read as it is.
    """
    small, scale = _shrink(image, _ANALYSIS_LONG_SIDE)
    frame = small.shape[0] * small.shape[1]
    best, best_score = None, 0.0
    candidates: list[np.ndarray] = []
    for mask in _masks(small):
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
        candidates += list(contours)
    candidates += _edge_contours(small)
    height, width = small.shape[:2]
    for contour in candidates:
        area = cv2.contourArea(contour)
        if area < 0.04 * frame or area > 0.92 * frame:
            continue
        x, y, w, h = cv2.boundingRect(contour)
        if x <= 2 or y <= 2 or x + w >= width - 2 or y + h >= height - 2:
            continue   # runs out of the frame: the desk, the form under the card, not the card
        hull = cv2.convexHull(contour)
        (_, _), (w, h), _ = rect = cv2.minAreaRect(hull)
        if min(w, h) < 10:
            continue
        aspect = max(w, h) / min(w, h)
        solidity = area / (w * h)
        if not 1.3 <= aspect <= 1.95 or solidity < 0.82:
            continue
        score = area * solidity * (1 - min(0.5, abs(aspect - CARD_ASPECT)))
        if score > best_score:
            box = cv2.boxPoints(rect)
            best = _fit_edges(contour, box)
            if best is None:
                best = _order(box)
            best_score = score
    if best is None:
        return None
    return _order(best / scale)


def rectify(image: np.ndarray, quad: np.ndarray, width: int = RECTIFIED_WIDTH) -> np.ndarray:
    """The card cut out of the frame and warped to an upright-landscape rectangle of the card's shape."""
    height = int(round(width / CARD_ASPECT))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    return cv2.warpPerspective(image, matrix, (width, height), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)


def _wide_lines(band: np.ndarray) -> int:
    """How many long, evenly spaced text lines the band holds (the MRZ has three across the card)."""
    grey = _grey(band)
    binary = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                   max(15, (grey.shape[1] // 40) | 1), 12)
    transitions = np.abs(np.diff(binary.astype(np.int16) // 255, axis=1)).sum(axis=1)
    # MRZ rows cross ~30 characters, each several strokes: many transitions spread over the width.
    columns = [np.count_nonzero(binary[y]) for y in range(binary.shape[0])]
    text_rows = (transitions > 40) & (np.array(columns) > 0.05 * grey.shape[1])
    lines, run = 0, 0
    for value in list(text_rows) + [False]:
        if value:
            run += 1
        else:
            if run >= max(4, grey.shape[0] // 40):
                lines += 1
            run = 0
    return lines


def _deskew(grey: np.ndarray) -> tuple[np.ndarray, float]:
    from scanning.cleanup import estimate_skew

    angle = estimate_skew(grey, max_angle=20.0)
    if abs(angle) < 0.2:
        return grey, 0.0
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(h * sin + w * cos), int(h * cos + w * sin)
    matrix[0, 2] += new_w / 2 - w / 2
    matrix[1, 2] += new_h / 2 - h / 2
    turned = cv2.warpAffine(grey, matrix, (new_w, new_h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    return turned, angle


@dataclass(frozen=True)
class MrzLines:
    """The MRZ found as three lines of print: its slope, its corners (TL, TR, BR, BL as the lines run
    left to right on screen) and whether the rest of the card's print lies above it (card upright)."""

    angle: float
    box: np.ndarray
    upright: bool


def find_mrz_lines(image: np.ndarray) -> MrzLines | None:
    """The MRZ found directly as three long, parallel, evenly spaced lines of dense print — the check
    on a card outline, and the way in when the outline is lost (a pale card on a white form, glare on
    its edge). Coordinates are full-resolution; lines may slope up to ± 45°."""
    small, scale = _shrink(_grey(image), 1200)
    unit = max(small.shape) / 1200
    blackhat = cv2.morphologyEx(small, cv2.MORPH_BLACKHAT,
                                cv2.getStructuringElement(cv2.MORPH_RECT, (max(9, int(15 * unit)), max(5, int(7 * unit)))))
    _, ink = cv2.threshold(blackhat, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # The slope of the print: the median angle of elongated blobs of joined characters.
    angles, weights = [], []
    for disc in (11, 17):
        size = max(5, int(disc * unit)) | 1
        joined = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
        for contour in cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)[0]:
            (_, _), (w, h), angle = cv2.minAreaRect(contour)
            if w < h:
                w, h, angle = h, w, angle - 90
            if h >= 2 and w >= 6 * h and w >= 0.05 * min(small.shape):
                angles.append((angle + 90) % 180 - 90)
                weights.append(w)
    slope = 0.0
    if angles:
        order = np.argsort(angles)
        cumulative = np.cumsum(np.asarray(weights)[order])
        slope = float(np.asarray(angles)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])
    # Turn the print level, then join characters along the lines only, at a few gap widths (the card
    # may fill the frame or a fifth of it).
    h0, w0 = ink.shape
    matrix = cv2.getRotationMatrix2D((w0 / 2, h0 / 2), slope, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    size_out = (int(h0 * sin + w0 * cos), int(h0 * cos + w0 * sin))
    matrix[0, 2] += size_out[0] / 2 - w0 / 2
    matrix[1, 2] += size_out[1] / 2 - h0 / 2
    level = cv2.warpAffine(ink, matrix, size_out, flags=cv2.INTER_NEAREST)
    best, best_length = None, 0.0
    for gap in (9, 15, 25, 40):
        joined = cv2.morphologyEx(level, cv2.MORPH_CLOSE, np.ones((3, max(3, int(gap * unit))), np.uint8))
        joined = cv2.morphologyEx(joined, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
        triple, length = _best_triple(joined, small.shape)
        if triple is not None and length > best_length:
            best, best_length = triple, length
    if best is None:
        return None
    points = np.vstack([t[5].reshape(-1, 2) for t in best]).astype(np.float32)
    x0, y0 = points.min(axis=0)
    x1, y1 = points.max(axis=0)
    # On the back of the card the other print (fingerprint boxes, the issuer's block) is above the MRZ.
    band = y1 - y0
    xs = slice(max(0, int(x0)), int(x1) + 1)
    above = int(np.count_nonzero(level[max(0, int(y0 - 2.5 * band)):max(0, int(y0 - 0.2 * band)), xs]))
    below = int(np.count_nonzero(level[int(y1 + 0.2 * band):int(y1 + 2.5 * band) + 1, xs]))
    pad_x, pad_y = 0.06 * (x1 - x0), 0.3 * (y1 - y0)   # a character's width and more: never clip a line's end
    box = np.array([[x0 - pad_x, y0 - pad_y], [x1 + pad_x, y0 - pad_y], [x1 + pad_x, y1 + pad_y],
                    [x0 - pad_x, y1 + pad_y]], np.float32)
    inverse = cv2.invertAffineTransform(matrix)
    box = cv2.transform(box.reshape(-1, 1, 2), inverse).reshape(4, 2)
    return MrzLines(slope, box / scale, above >= below)


def _best_triple(joined: np.ndarray, shape: tuple[int, ...]) -> tuple[list | None, float]:
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    lines = []
    for contour in contours:
        (cx, cy), (w, h), angle = cv2.minAreaRect(contour)
        if w < h:
            w, h, angle = h, w, angle - 90
        angle = (angle + 90) % 180 - 90
        if h < 3 or w < 10 * h or w < 0.12 * min(shape[:2]) or abs(angle) > 45:
            continue
        if cv2.contourArea(contour) < 0.5 * w * h:
            continue
        lines.append((cx, cy, w, h, angle, contour))
    best, best_length = None, 0.0
    for i, a in enumerate(lines):
        for j, b in enumerate(lines):
            if j <= i:
                continue
            for k, c in enumerate(lines):
                if k <= j:
                    continue
                triple = [a, b, c]
                angles = [t[4] for t in triple]
                lengths = [t[2] for t in triple]
                heights = [t[3] for t in triple]
                if max(angles) - min(angles) > 5 or max(lengths) > 1.35 * min(lengths):
                    continue
                if max(heights) > 2.2 * min(heights):
                    continue
                theta = np.radians(np.mean(angles))
                normal = np.array([-np.sin(theta), np.cos(theta)])
                along = np.array([np.cos(theta), np.sin(theta)])
                offsets = sorted(float(np.dot([t[0], t[1]], normal)) for t in triple)
                gaps = np.diff(offsets)
                if min(gaps) < 1.2 * np.mean(heights) or max(gaps) > 1.3 * min(gaps) or max(gaps) > 4 * np.mean(heights):
                    continue
                starts = [float(np.dot([t[0], t[1]], along)) - t[2] / 2 for t in triple]
                if max(starts) - min(starts) > 0.15 * np.mean(lengths):
                    continue
                if sum(lengths) > best_length:
                    best, best_length = triple, sum(lengths)
    return best, best_length


def _zone_views(grey: np.ndarray, lines: MrzLines) -> list[CardView]:
    box = lines.box.astype(np.float32)
    top = float(np.linalg.norm(box[1] - box[0]))
    side = float(np.linalg.norm(box[3] - box[0]))
    width = int(max(900, min(2400, top * 2)))
    height = max(1, int(round(width * side / max(top, 1))))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    zone = cv2.warpPerspective(grey, cv2.getPerspectiveTransform(box, target), (width, height),
                               flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    views = [CardView(zone, False, 0, lines.angle, zone=True),
             CardView(cv2.rotate(zone, cv2.ROTATE_180), False, 180, lines.angle, zone=True)]
    return views if lines.upright else views[::-1]


def card_views(image: np.ndarray) -> list[CardView]:
    """Upright candidates to read, most likely first: the card rectified (0° and 180°) when its outline
    was found, the MRZ zone cut out straight when its three lines were found, and — only when neither
    was — the whole image deskewed (up to ±20°) at 0° and 180°."""
    grey = _grey(image)
    quad = find_card_quad(image)
    lines = find_mrz_lines(image)
    views: list[CardView] = []
    if quad is not None and lines is not None:
        centre = lines.box.mean(axis=0)
        if cv2.pointPolygonTest(quad.reshape(-1, 1, 2).astype(np.float32),
                                (float(centre[0]), float(centre[1])), False) < 0:
            quad = None   # an outline without the MRZ in it: a fingerprint box, the form under the card
    if quad is not None:
        card = rectify(grey, quad)
        pair = [CardView(card, True, 0), CardView(cv2.rotate(card, cv2.ROTATE_180), True, 180)]
        if lines is not None:
            # Where the zone lands on the rectified card says which way up it is.
            height = int(round(RECTIFIED_WIDTH / CARD_ASPECT))
            target = np.array([[0, 0], [RECTIFIED_WIDTH - 1, 0], [RECTIFIED_WIDTH - 1, height - 1], [0, height - 1]],
                              np.float32)
            matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
            centre = cv2.perspectiveTransform(lines.box.mean(axis=0).reshape(1, 1, 2).astype(np.float32), matrix)
            upright = float(centre[0, 0, 1]) > height / 2
        else:
            # The MRZ fills the lowest third of the card's back: the view whose lowest third has the
            # more long text lines, compared with its top third, is probably upright.
            def score(view: CardView) -> int:
                h = view.image.shape[0]
                return _wide_lines(view.image[int(h * 0.62):]) - _wide_lines(view.image[:int(h * 0.38)])

            upright = score(pair[0]) >= score(pair[1])
        views += pair if upright else pair[::-1]
    if lines is not None:
        views += _zone_views(grey, lines)
    if not views:
        straight, angle = _deskew(grey)
        views = [CardView(straight, False, 0, angle),
                 CardView(cv2.rotate(straight, cv2.ROTATE_180), False, 180, angle)]
    return views


def mrz_band(view: CardView) -> np.ndarray:
    """Where to look for the MRZ in a view: the lower part of a rectified card, or the whole image."""
    if not view.rectified:
        return view.image
    h = view.image.shape[0]
    return view.image[int(h * 0.55):]
