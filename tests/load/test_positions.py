"""``Locator``: where a JSON path sits in a file, and the text exactly as written."""

from __future__ import annotations

from malstyrning.load.positions import Locator
from tests.plans import where as find

TEXT = """\
# kommentar
typ: verksamhetsplan
organisation: UBN
effektmål:
  - id: UBN-E1
    bidrar_till: [I1, I2]
    indikatorer:
      - id: "1.10"
        baslinje: {år: 2025, värde: 72.10}
  - id: UBN-E2
    namn: >
      Flera rader
"""


def test_value_positions() -> None:
    where = Locator(TEXT).position
    assert where(("typ",)) == (2, 6)
    assert where(("effektmål", 0, "id")) == (5, 9)
    assert where(("effektmål", 0, "bidrar_till", 1)) == find(TEXT, "I2")
    assert where(("effektmål", 0, "indikatorer", 0, "baslinje", "värde")) == find(TEXT, "72.10")
    assert where(("effektmål", 1, "namn")) == find(TEXT, ">")


def test_key_positions() -> None:
    where = Locator(TEXT).position
    assert where(("organisation",), at_key=True) == (3, 1)
    assert where(("effektmål", 0, "bidrar_till"), at_key=True) == (6, 5)


def test_root_and_containers() -> None:
    where = Locator(TEXT).position
    assert where(()) == (2, 1)
    assert where(("effektmål",)) == (5, 3)
    assert where(("effektmål", 1)) == (10, 5)


def test_missing_parts_fall_back_to_the_nearest_parent() -> None:
    where = Locator(TEXT).position
    assert where(("effektmål", 1, "period")) == (10, 5)
    assert where(("effektmål", 7, "id")) == (5, 3)  # the list itself
    assert where(("saknas",)) == (2, 1)


def test_source_is_the_text_as_written() -> None:
    source = Locator(TEXT).source
    assert source(("effektmål", 0, "indikatorer", 0, "baslinje", "värde")) == "72.10"
    assert source(("effektmål", 0, "indikatorer", 0, "id")) == '"1.10"'
    assert source(("organisation",)) == "UBN"


def test_unreadable_text_gives_the_first_position() -> None:
    locator = Locator("a: [\n")
    assert locator.position(("a",)) == (1, 1)
    assert locator.source(("a",)) == ""
