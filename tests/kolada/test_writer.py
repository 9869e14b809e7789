"""What happens to each follow-up entry, and how a follow-up file is edited.

The central promise: after a write, every comment and every line the change did not
touch is byte-identical; only the filled entry and the appended entries differ.
"""

from __future__ import annotations

import difflib
import textwrap
from pathlib import Path
from typing import Any

import pytest

from malstyrning.kolada.entryedit import open_followup
from malstyrning.kolada.files import EditError
from malstyrning.kolada.values import KoladaValue
from malstyrning.kolada.writer import (
    Action,
    Change,
    Target,
    decide,
    followup_path,
    same_number,
    update_document,
)
from malstyrning.load import reader

VALUES = {
    "N15419": KoladaValue("N15419", "0331", 2026, 73.4, 76.0, 70.9),
    "N17457": KoladaValue("N17457", "0331", 2026, 64),
    "N01951": KoladaValue("N01951", "0331", 2026, None),
}
TARGETS = [
    Target("UBN-E1-I1", "N15419", "UBN", "namnder/ubn.yaml"),
    Target("UBN-E1-I2", "N17457", "UBN", "namnder/ubn.yaml"),
]


def _text(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def edit(tmp_path: Path, text: str | bytes, targets: list[Target] = TARGETS,
         overwrite: bool = False) -> tuple[list[Change], bytes]:
    """Write ``text``, update it with :data:`VALUES`; the changes and the new bytes."""
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    doc = open_followup("ubn.yaml", raw)
    changes = update_document(doc, targets, VALUES, 2026, "0331", overwrite)
    return changes, doc.render() if any(c.writes for c in changes) else raw


def data(raw: bytes) -> Any:
    parsed = reader.read("x.yaml", raw)
    assert parsed.data is not None, parsed.findings
    return parsed.data


# --- decisions ----------------------------------------------------------------------

V = KoladaValue("N15419", "0331", 2026, 73.4, 76.0, 70.9)
NONE = KoladaValue("N15419", "0331", 2026)


@pytest.mark.parametrize(("entry", "value", "overwrite", "expected"), [
    (None, V, False, (Action.NEW, True)),
    (None, NONE, False, (Action.MISSING, True)),
    ({"värde": None}, V, False, (Action.NEW, True)),
    ({}, V, False, (Action.NEW, True)),
    ({"värde": None, "saknas": "  "}, NONE, False, (Action.MISSING, True)),
    ({"värde": None, "saknas": "Publiceras i mars."}, V, False, (Action.DIFFERS, False)),
    ({"värde": 72.0}, V, False, (Action.DIFFERS, False)),
    ({"värde": 72.0, "källa": "Egen mätning"}, V, True, (Action.REPLACED, True)),
    ({"värde": 73.4}, V, False, (Action.UNCHANGED, False)),
    ({"värde": 72.0}, NONE, False, (Action.MISSING, False)),
    ({"värde": 72.0, "källa": "Kolada"}, V, False, (Action.UPDATED, True)),
    ({"värde": 73.4, "källa": "kolada", "kön": {"K": 76.0, "M": 70.9}}, V, False,
     (Action.UNCHANGED, False)),
    ({"värde": 73.4, "källa": "Kolada"}, V, False, (Action.UPDATED, True)),
    ({"värde": None, "saknas": "Kolada har inget värde för 2026.", "källa": "Kolada"}, V,
     False, (Action.UPDATED, True)),
    ({"värde": 70, "källa": "Kolada"}, NONE, False, (Action.MISSING, False)),
])
def test_decide(entry: dict[str, Any] | None, value: KoladaValue, overwrite: bool,
                expected: tuple[Action, bool]) -> None:
    assert decide(entry, value, overwrite) == expected


def test_same_number() -> None:
    assert same_number(75, 75.0) and same_number(None, None)
    assert not same_number(0, None) and not same_number("73,4", 73.4)
    assert not same_number(True, 1)


def test_followup_path_is_ascii() -> None:
    assert followup_path("2026-helår", "UF-VAS") == "uppfoljning/2026-helar/uf-vas.yaml"
    assert followup_path("2026-delår", "ÖFN") == "uppfoljning/2026-delar/ofn.yaml"


# --- editing a file -----------------------------------------------------------------

ORIGINAL = _text("""
    # yaml-language-server: $schema=../../schemas/uppfoljning.schema.json
    # Utbildningsnämndens årsredovisning (påhittad)
    typ: uppföljning
    organisation: UBN
    period: 2026-helår
    beslutad: 2027-02-21        # nämndens beslut

    utfall:
      # Egna mätningar först
      - indikator: UBN-E1-I3    # enkät
        år: 2026
        värde:   81             # extra blanksteg
        källa: Egen enkät
        kön: { K: 83, M: 79 }
      - indikator: UBN-E1-I2
        år: 2026
        värde: ~
        kommentar: Väntar på Kolada.

    # Bedömningarna skrivs av nämnden
    bedömningar:
      - mål: UBN-E1
        måluppfyllelse: delvis uppfyllt   # prognos
        analys: |
          Resultaten går åt rätt håll.

          Men inte överallt.
    """)

EXPECTED = _text("""
    # yaml-language-server: $schema=../../schemas/uppfoljning.schema.json
    # Utbildningsnämndens årsredovisning (påhittad)
    typ: uppföljning
    organisation: UBN
    period: 2026-helår
    beslutad: 2027-02-21        # nämndens beslut

    utfall:
      # Egna mätningar först
      - indikator: UBN-E1-I3    # enkät
        år: 2026
        värde:   81             # extra blanksteg
        källa: Egen enkät
        kön: { K: 83, M: 79 }
      - indikator: UBN-E1-I2
        år: 2026
        värde: 64
        källa: Kolada
        kommentar: Väntar på Kolada.
      - indikator: UBN-E1-I1
        år: 2026
        värde: 73.4
        källa: Kolada
        kön: {K: 76.0, M: 70.9}

    # Bedömningarna skrivs av nämnden
    bedömningar:
      - mål: UBN-E1
        måluppfyllelse: delvis uppfyllt   # prognos
        analys: |
          Resultaten går åt rätt håll.

          Men inte överallt.
    """)


def test_comments_and_untouched_lines_stay_byte_identical(tmp_path: Path) -> None:
    changes, new = edit(tmp_path, ORIGINAL)
    assert [(c.target.indicator, c.action) for c in changes] == [
        ("UBN-E1-I1", Action.NEW), ("UBN-E1-I2", Action.NEW)]
    assert new.decode("utf-8") == EXPECTED
    old_lines, new_lines = ORIGINAL.splitlines(), new.decode("utf-8").splitlines()
    for line in old_lines:
        if line.lstrip().startswith("#") or "#" in line:
            assert line in new_lines, f"comment line changed: {line!r}"
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    changed = [old_lines[i1:i2] for tag, i1, i2, _, _ in matcher.get_opcodes()
               if tag in ("replace", "delete")]
    assert changed == [["    värde: ~"]]  # only the value that was missing


def test_crlf_and_byte_order_mark_are_kept(tmp_path: Path) -> None:
    raw = ("\ufeff" + ORIGINAL.replace("\n", "\r\n")).encode("utf-8")
    _, new = edit(tmp_path, raw)
    assert new == ("\ufeff" + EXPECTED.replace("\n", "\r\n")).encode("utf-8")


def test_no_newline_at_the_end_is_kept_when_the_last_line_is_untouched(
        tmp_path: Path) -> None:
    cut = "    analys: |"
    _, new = edit(tmp_path, ORIGINAL.split(cut)[0].rstrip("\n"))
    assert new.decode("utf-8") == EXPECTED.split(cut)[0].rstrip("\n")


def test_lists_without_indent_stay_without(tmp_path: Path) -> None:
    _, new = edit(tmp_path, _text("""
        typ: uppföljning
        organisation: UBN
        period: 2026-helår
        utfall:
        - indikator: UBN-E1-I3
          år: 2026
          värde: 81
        """))
    assert new.decode("utf-8") == _text("""
        typ: uppföljning
        organisation: UBN
        period: 2026-helår
        utfall:
        - indikator: UBN-E1-I3
          år: 2026
          värde: 81
        - indikator: UBN-E1-I1
          år: 2026
          värde: 73.4
          källa: Kolada
          kön: {K: 76.0, M: 70.9}
        - indikator: UBN-E1-I2
          år: 2026
          värde: 64
          källa: Kolada
        """)


def test_utfall_is_added_before_the_assessments(tmp_path: Path) -> None:
    _, new = edit(tmp_path, _text("""
        typ: uppföljning
        organisation: UBN
        period: 2026-helår

        # Nämndens bedömning
        bedömningar:
          - mål: UBN-E1
            måluppfyllelse: uppfyllt
        """), TARGETS[:1])
    assert new.decode("utf-8") == _text("""
        typ: uppföljning
        organisation: UBN
        period: 2026-helår
        utfall:
          - indikator: UBN-E1-I1
            år: 2026
            värde: 73.4
            källa: Kolada
            kön: {K: 76.0, M: 70.9}

        # Nämndens bedömning
        bedömningar:
          - mål: UBN-E1
            måluppfyllelse: uppfyllt
        """)


def test_an_empty_utfall_becomes_a_list(tmp_path: Path) -> None:
    _, new = edit(tmp_path, "typ: uppföljning\norganisation: UBN\nperiod: 2026-helår\n"
                  "utfall: []   # fylls av Kolada\n", TARGETS[1:])
    assert data(new)["utfall"] == [
        {"indikator": "UBN-E1-I2", "år": 2026, "värde": 64, "källa": "Kolada"}]
    assert new.decode("utf-8").startswith(
        "typ: uppföljning\norganisation: UBN\nperiod: 2026-helår\nutfall:")


def test_null_from_kolada_is_written_with_a_reason(tmp_path: Path) -> None:
    target = Target("UBN-E1-I4", "N01951", "UBN", "namnder/ubn.yaml")
    changes, new = edit(tmp_path, "typ: uppföljning\norganisation: UBN\n"
                        "period: 2026-helår\n", [target])
    assert changes[0].action is Action.MISSING
    assert new.decode("utf-8").endswith(
        "  - indikator: UBN-E1-I4\n    år: 2026\n    värde: null\n"
        "    saknas: Kolada har inget värde för 2026.\n    källa: Kolada\n")


def test_a_hand_entered_value_is_kept_without_overwrite(tmp_path: Path) -> None:
    text = _text("""
        typ: uppföljning
        organisation: UBN
        period: 2026-helår
        utfall:
          - indikator: UBN-E1-I1
            år: 2026
            värde: 72.0   # från skolans egen sammanställning
            källa: Egen sammanställning
        """)
    changes, new = edit(tmp_path, text, TARGETS[:1])
    assert (changes[0].action, changes[0].writes, changes[0].current) == (
        Action.DIFFERS, False, 72.0)
    assert new.decode("utf-8") == text
    changes, new = edit(tmp_path, text, TARGETS[:1], overwrite=True)
    assert changes[0].action is Action.REPLACED
    assert data(new)["utfall"] == [{"indikator": "UBN-E1-I1", "år": 2026, "värde": 73.4,
                                    "källa": "Kolada", "kön": {"K": 76.0, "M": 70.9}}]
    assert new.decode("utf-8").startswith(text.split("    värde")[0])


def test_a_kolada_value_follows_kolada(tmp_path: Path) -> None:
    text = _text("""
        typ: uppföljning
        organisation: UBN
        period: 2026-helår
        utfall:
          - indikator: UBN-E1-I1
            år: 2026
            värde: null
            saknas: Kolada har inget värde för 2026.
            källa: Kolada
            kommentar: Hämtad i januari.
        """)
    changes, new = edit(tmp_path, text, TARGETS[:1])
    assert changes[0].action is Action.UPDATED
    assert data(new)["utfall"][0] == {
        "indikator": "UBN-E1-I1", "år": 2026, "värde": 73.4, "källa": "Kolada",
        "kön": {"K": 76.0, "M": 70.9}, "kommentar": "Hämtad i januari."}


def test_entries_for_other_years_or_dates_are_not_matched(tmp_path: Path) -> None:
    text = _text("""
        typ: uppföljning
        organisation: UBN
        period: 2026-helår
        utfall:
          - indikator: UBN-E1-I2
            år: 2025
            värde: 60
          - indikator: UBN-E1-I2
            datum: 2026-08-31
            värde: 62
        """)
    changes, new = edit(tmp_path, text, TARGETS[1:])
    assert changes[0].action is Action.NEW
    assert new.decode("utf-8") == text + (
        "  - indikator: UBN-E1-I2\n    år: 2026\n    värde: 64\n    källa: Kolada\n")


def test_a_keep_chomped_block_scalar_keeps_its_blank_lines(tmp_path: Path) -> None:
    text = _text("""
        typ: uppföljning
        organisation: UBN
        period: 2026-helår
        utfall:
          - indikator: UBN-E1-I3
            värde: 81
            kommentar: |+
              Text.

        bedömningar: []
        """)
    _, new = edit(tmp_path, text, TARGETS[1:])
    result = data(new)
    assert result["utfall"][0]["kommentar"] == "Text.\n\n"
    assert result["utfall"][1]["indikator"] == "UBN-E1-I2"
    assert result["bedömningar"] == []


def test_utfall_that_is_not_a_list_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EditError, match="inte en lista"):
        edit(tmp_path, "typ: uppföljning\norganisation: UBN\nperiod: 2026-helår\n"
             "utfall: {indikator: X}\n")


def test_a_file_without_final_newline_keeps_its_data_and_comments(
        tmp_path: Path) -> None:
    # A block scalar on the last line without a newline: ruamel.yaml may write it as
    # `|-`; whether or not the original lines can be kept, data and comments survive.
    doc = open_followup("ubn.yaml", ORIGINAL.rstrip("\n").encode("utf-8"))
    update_document(doc, TARGETS, VALUES, 2026, "0331", False)
    new = doc.render()
    result = data(new)
    assert [e["indikator"] for e in result["utfall"]] == ["UBN-E1-I3", "UBN-E1-I2",
                                                         "UBN-E1-I1"]
    assert result["bedömningar"][0]["analys"].startswith("Resultaten går åt rätt håll.")
    assert "# Bedömningarna skrivs av nämnden\n" in new.decode("utf-8")


def test_same_number_never_overflows_on_huge_integers() -> None:
    huge = 10 ** 400
    assert same_number(huge, huge)
    assert not same_number(huge, huge + 1)
    assert not same_number(huge, 1.5) and not same_number(1.5, huge)
    assert not same_number(huge, float("inf"))
    assert not same_number(huge, float("nan"))


def test_a_huge_value_from_kolada_is_refused_not_written(tmp_path: Path) -> None:
    huge = KoladaValue("N15419", "0331", 2026, problems=("totalt: ett orimligt stort tal",))
    assert decide(None, huge) == (Action.REFUSED, False)
    assert decide({"värde": 1, "källa": "Kolada"}, huge) == (Action.REFUSED, False)


def test_utfall_is_added_before_a_status_list_of_any_model(tmp_path: Path) -> None:
    """Another model names its activity level `insatser`: utfall still goes first."""
    _, new = edit(tmp_path, _text("""
        typ: uppföljning
        organisation: UBN
        period: 2026-helår
        insatser:
          - insats: UBN-I1
            status: pågående
        """), TARGETS[:1])
    text = new.decode("utf-8")
    assert text.index("utfall:") < text.index("insatser:")
    assert text.endswith("insatser:\n  - insats: UBN-I1\n    status: pågående\n")
