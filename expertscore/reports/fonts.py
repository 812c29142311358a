"""The bundled CJK font, registered once for reportlab.

WenQuanYi Micro Hei has TrueType (glyf) outlines, which reportlab can embed (it refuses
CFF-outline fonts such as Noto CJK OTF). Subsetting keeps each PDF small.
"""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from expertscore.paths import cjk_font_path

CJK_FONT = "WenQuanYiMicroHei"


@cache
def register_cjk_font() -> str:
    """Register the font with reportlab (idempotent) and return its name."""
    pdfmetrics.registerFont(TTFont(CJK_FONT, str(cjk_font_path()), subfontIndex=0))
    return CJK_FONT
