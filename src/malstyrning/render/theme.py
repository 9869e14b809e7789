"""The municipality's graphic profile for HTML: colour (with enough contrast) and logo.

``utseende: {färg, logotyp}`` in ``malstyrning.yaml``. The colour is used only where
it keeps WCAG 2.1 AA contrast (4.5:1 for text): too light a colour is darkened for
text and headings. The logo is embedded as a ``data:`` URI so the document loads
nothing from anywhere.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from malstyrning.frozen import record

DEFAULT_COLOUR = "#1f4e79"
MAX_LOGO_BYTES = 2_000_000
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
              ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp"}
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


@record
class Theme:
    """Colours as ``#rrggbb`` and the logo as a data URI ('' when there is none)."""

    accent: str
    on_accent: str
    text_accent: str
    tint: str
    logo: str = ""


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _hex(rgb: tuple[float, ...]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def luminance(colour: str) -> float:
    """Relative luminance as WCAG 2.1 defines it."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = _rgb(colour)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours (1–21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _mix(colour: str, other: str, share: float) -> str:
    c, o = _rgb(colour), _rgb(other)
    return _hex(tuple(ci * (1 - share) + oi * share for ci, oi in zip(c, o, strict=True)))


def readable_on_white(colour: str, minimum: float = 4.5) -> str:
    """``colour``, darkened just enough to reach ``minimum`` contrast on white."""
    current = colour
    for step in range(1, 21):
        if contrast(current, "#ffffff") >= minimum:
            return current
        current = _mix(colour, "#000000", step * 0.05)
    return current


def theme_from(appearance: Mapping[str, Any], root: Path) -> tuple[Theme, list[str]]:
    """The theme for a repository, and warnings about what could not be used."""
    warnings: list[str] = []
    colour = str(appearance.get("färg") or DEFAULT_COLOUR).strip()
    if not _HEX.match(colour):
        warnings.append(f"utseende.färg {colour!r} är ingen färgkod som #00583d; "
                        "standardfärgen används.")
        colour = DEFAULT_COLOUR
    colour = colour.lower()
    on_accent = "#ffffff" if contrast(colour, "#ffffff") >= contrast(colour, "#000000") \
        else "#000000"
    if contrast(colour, on_accent) < 4.5:
        # A mid-tone colour: use a darker shade behind white text.
        colour_bg = readable_on_white(colour)
        on_accent = "#ffffff"
    else:
        colour_bg = colour
    theme = Theme(colour_bg, on_accent, readable_on_white(colour), _mix(colour, "#ffffff", 0.9))
    logo_setting = appearance.get("logotyp")
    if logo_setting:
        logo, problem = logo_uri(root, str(logo_setting))
        if problem:
            warnings.append(problem)
        theme = Theme(theme.accent, theme.on_accent, theme.text_accent, theme.tint, logo)
    return theme, warnings


def logo_uri(root: Path, setting: str) -> tuple[str, str]:
    """The logo file as a data URI, or ('', why not)."""
    base = root.resolve()
    path = (base / setting).resolve()
    if not path.is_relative_to(base):
        return "", f"utseende.logotyp {setting!r} ligger utanför planrepot; ingen logotyp visas."
    if not path.is_file():
        return "", f"utseende.logotyp: filen {setting} finns inte; ingen logotyp visas."
    mime = LOGO_TYPES.get(path.suffix.lower())
    if mime is None:
        kinds = ", ".join(sorted(LOGO_TYPES))
        return "", f"utseende.logotyp: {setting} har en filtyp som inte stöds ({kinds})."
    data = path.read_bytes()
    if len(data) > MAX_LOGO_BYTES:
        return "", f"utseende.logotyp: {setting} är större än 2 MB; ingen logotyp visas."
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}", ""
