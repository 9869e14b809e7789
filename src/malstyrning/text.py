"""Swedish number and date formatting shared by messages and reports."""

from __future__ import annotations


def number(value: float, decimals: int | None = None) -> str:
    """``1234567.5`` → ``1 234 567,5`` (narrow no-break space as thousands separator)."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    text = f"{abs(value):,.{decimals}f}".replace(",", "\u202f").replace(".", ",")
    return ("−" if value < 0 else "") + text


def tkr(value: float) -> str:
    """An amount in tkr: ``650 000 tkr``."""
    return f"{number(value)} tkr"
