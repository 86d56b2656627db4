"""Vietnamese-capable TrueType fonts for printed forms, registered with reportlab once.

Call :func:`register_fonts` before building any PDF (the form builders in
:mod:`desk_app.documents.common` do it for you).  It is idempotent, thread-safe and
cheap after the first call, so it may be called on every render.

Families (use these names in ``ParagraphStyle.fontName`` / ``canvas.setFont``):

* ``SERIF`` = "DeskSerif" — Liberation Serif (Times New Roman metrics); ``<b>``/``<i>``
  in paragraph markup map to ``SERIF_BOLD`` / ``SERIF_ITALIC`` / ``SERIF_BOLD_ITALIC``.
* ``SANS`` = "DeskSans" — DejaVu Sans (``<b>`` → ``SANS_BOLD``; no italic shipped, the
  italic slots fall back to the upright faces).

Fonts are embedded as subsets by reportlab, so every PDF carries its own glyphs.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from resources import resource_path

SERIF = "DeskSerif"
SERIF_BOLD = "DeskSerif-Bold"
SERIF_ITALIC = "DeskSerif-Italic"
SERIF_BOLD_ITALIC = "DeskSerif-BoldItalic"
SANS = "DeskSans"
SANS_BOLD = "DeskSans-Bold"

#: reportlab font name -> file under ``resources/fonts``
FONT_FILES: dict[str, str] = {
    SERIF: "LiberationSerif-Regular.ttf",
    SERIF_BOLD: "LiberationSerif-Bold.ttf",
    SERIF_ITALIC: "LiberationSerif-Italic.ttf",
    SERIF_BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register every desk font and the two families with reportlab (only the first call does work).

    Raises FileNotFoundError if a font file is missing from ``resources/fonts``.
    """
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        already = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in FONT_FILES.items():
            if name not in already:
                pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
        pdfmetrics.registerFontFamily(
            SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF_ITALIC, boldItalic=SERIF_BOLD_ITALIC
        )
        pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD)
        _registered = True


def fonts_registered() -> bool:
    """True once :func:`register_fonts` has completed."""
    return _registered
