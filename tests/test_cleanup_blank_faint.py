"""A faded copy is never a blank page (issue 14 §5): its text was dropped whole when flagged blank."""

from __future__ import annotations

import numpy as np

from scanning import cleanup
from tests.test_ocr_cleanup import LINES, text_page


def test_a_very_faint_copy_is_not_blank():
    # Ink at 168 on paper 212: darkness ≈ 53–60 once the paper is flattened to white, under the old floor
    # of 70 for a mark; noise and a broad gradient as from a copier's lamp.
    page = text_page(lines=LINES * 2, ink=(168, 168, 168), paper=(212, 212, 212)).astype(np.float32)
    page += np.linspace(-8, 8, page.shape[1], dtype=np.float32)[None, :, None]
    page += np.random.default_rng(5).normal(0, 3, page.shape[:2]).astype(np.float32)[:, :, None]
    flat = cleanup.to_grey(cleanup.flatten_lighting(np.clip(page, 0, 255).astype(np.uint8)))
    assert float(np.percentile(255 - flat.astype(np.int16), 99.95)) < 110    # the old rule's case
    assert not cleanup.detect_blank(flat, 200).blank
