"""The mixtape cover drawn: a PNG card of a wallet or a bundle, 1080 px wide, for a phone.

Only this module imports Pillow (an import-linter contract). It draws what `bot.conversation.cover`
gives it, strings already in the learner's language, with the DejaVu Sans fonts shipped beside it
(fonts/, with their licence), so accents, « » and ✓ render the same on a fresh machine. It
returns the PNG and the strings it drew, in order, so that tests can read the card back.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH = 1080
MARGIN = 72
FONTS = Path(__file__).parent / "fonts"
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
# Sizes in pixels: on a 1080-px-wide card a phone shows at about 360 pt, so 32 px reads as an
# 11-pt line and the smallest text (26 px) as 9 pt.
TITLE, SUBTITLE, ITEM, DETAIL, TOTALS, FOOTER = 60, 34, 40, 32, 38, 26
INK, MUTED, PAPER, BAND, BAND_INK, GOOD, RULE = (
    "#1d2433",
    "#5a6275",
    "#fbfaf7",
    "#1f4e5f",
    "#ffffff",
    "#1b7a43",
    "#d9d5cc",
)
MAX_HEIGHT = 8000  # Telegram refuses a photo whose width and height add up to more than 10,000


@dataclass(frozen=True)
class CoverItem:
    title: str
    details: str  # provider, hours: one line, already joined
    mark: str | None = None  # "✓ verified", or None for no mark


@dataclass(frozen=True)
class CoverSpec:
    title: str
    subtitle: str
    items: Sequence[CoverItem]
    more: str | None  # "… and 4 more", when the card shows only the first ones
    totals: str
    footer: str


@dataclass(frozen=True)
class Rendered:
    png: bytes
    width: int
    height: int
    drawn: tuple[str, ...]  # every piece of text drawn, in order (wrapped lines one by one)


@cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(BOLD if bold else REGULAR), size)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """`text` in lines no wider than `width` pixels, cut at spaces (a word too wide by itself is
    cut between letters). Only ordinary spaces break a line: « 38 h », « 1 100,00 $ » hold
    non-breaking ones and stay whole."""
    lines: list[str] = []
    current = ""
    for word in (piece for piece in text.split(" ") if piece):
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while font.getlength(word) > width:
            cut = len(word)
            while cut > 1 and font.getlength(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines or [""]


@dataclass(frozen=True)
class _Text:
    y: int
    x: int
    text: str
    font: ImageFont.FreeTypeFont
    fill: str


def _layout(spec: CoverSpec) -> tuple[list[_Text], list[int], int, int]:
    """What to draw where: texts, the y of each rule, the band's height, the card's height."""
    texts: list[_Text] = []
    rules: list[int] = []
    y = MARGIN

    def paragraph(text: str, bold: bool, size: int, leading: float, fill: str, x: int = MARGIN) -> None:
        """`text` wrapped to the card from `x`, a line every `size * leading` pixels."""
        nonlocal y
        font = _font(bold, size)
        for line in wrap(text, font, WIDTH - MARGIN - x):
            texts.append(_Text(y, x, line, font, fill))
            y += int(size * leading)

    paragraph(spec.title, True, TITLE, 1.2, BAND_INK)
    y += 12
    paragraph(spec.subtitle, False, SUBTITLE, 1.3, BAND_INK)
    band = y + MARGIN // 2
    y = band + MARGIN // 2
    indent = MARGIN + int(_font(True, ITEM).getlength("00. "))
    for number, item in enumerate(spec.items, start=1):
        texts.append(_Text(y, MARGIN, f"{number}.", _font(True, ITEM), MUTED))
        paragraph(item.title, True, ITEM, 1.25, INK, indent)
        paragraph(item.details, False, DETAIL, 1.3, MUTED, indent)
        if item.mark:
            texts.append(_Text(y, indent, item.mark, _font(True, DETAIL), GOOD))
            y += int(DETAIL * 1.3)
        y += 18
        rules.append(y)
        y += 22
    if spec.more:
        texts.append(_Text(y, MARGIN, spec.more, _font(False, DETAIL), MUTED))
        y += int(DETAIL * 1.3) + 22
    paragraph(spec.totals, True, TOTALS, 1.3, INK)
    y += 24
    paragraph(spec.footer, False, FOOTER, 1.3, MUTED)
    return texts, rules, band, y + MARGIN // 2


def render(spec: CoverSpec) -> Rendered:
    """The card as PNG bytes. `bot.conversation.cover` keeps the items few enough for
    `MAX_HEIGHT` (ValueError above it: Telegram would refuse the photo)."""
    texts, rules, band, height = _layout(spec)
    height = max(height, band + 200)
    if height > MAX_HEIGHT:
        raise ValueError(f"card of {height} px: give fewer items")
    image = Image.new("RGB", (WIDTH, height), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, band), fill=BAND)
    for y in rules:
        draw.line((MARGIN, y, WIDTH - MARGIN, y), fill=RULE, width=2)
    for text in texts:
        draw.text((text.x, text.y), text.text, font=text.font, fill=text.fill)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return Rendered(out.getvalue(), WIDTH, height, tuple(text.text for text in texts))
