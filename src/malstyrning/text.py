"""Swedish number and date formatting shared by messages and reports."""

from __future__ import annotations


def decimals_of(value: float) -> int:
    """How many decimals ``value`` was written with (``72.1`` → 1, ``1400.25`` → 2)."""
    if float(value).is_integer():
        return 0
    from decimal import Decimal  # imported when first needed: most runs format no number

    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return min(-exponent, 6) if isinstance(exponent, int) and exponent < 0 else 0


def number(value: float, decimals: int | None = None) -> str:
    """``1234567.5`` → ``1 234 567,5`` (narrow no-break space as thousands separator).

    Without ``decimals`` the value keeps the decimals it was written with (at most 6,
    so ``0.1 + 0.2`` shows as ``0,3``).
    """
    auto = decimals is None
    if decimals is None:
        decimals = decimals_of(value)
    text = f"{abs(value):,.{decimals}f}"
    if auto and "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(",", "\u202f").replace(".", ",")
    return ("−" if value < 0 else "") + text


def tkr(value: float) -> str:
    """An amount in tkr: ``650 000 tkr``."""
    return f"{number(value)} tkr"


def year_span(period: tuple[int, int]) -> str:
    """``(2027, 2027)`` → ``2027``; ``(2027, 2029)`` → ``2027–2029``."""
    return str(period[0]) if period[0] == period[1] else f"{period[0]}–{period[1]}"
