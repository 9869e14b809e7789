"""The summary's number formatting (Swedish decimal comma, a dash for missing)."""

from __future__ import annotations

import pytest

from malstyrning.kolada.report import number, table


@pytest.mark.parametrize(("value", "text"), [
    (73.4, "73,4"), (75.0, "75,0"), (64, "64"), (-3.5, "−3,5"), (0.00001, "0,00001"),
    (None, "–"), (0, "0"),
])
def test_number(value: float | None, text: str) -> None:
    assert number(value) == text


def test_table_aligns_columns_without_trailing_blanks() -> None:
    assert table([("a", "bb", "c"), ("ccc", "d", "")]) == ["  a    bb  c", "  ccc  d"]
