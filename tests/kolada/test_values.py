"""Kolada rows → typed values; saved responses → rows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from malstyrning.kolada.values import (
    KoladaValue,
    SavedResponseError,
    load_saved,
    parse_rows,
    rows_from_saved,
    values_for,
)
from tests.kolada.conftest import FIXTURES, fixture_rows


def test_totals_and_gender_split() -> None:
    values = values_for(fixture_rows(), "0331", 2026)
    assert values["N15419"] == KoladaValue("N15419", "0331", 2026, 73.4, 76.0, 70.9)
    assert values["N15419"].by_gender == {"K": 76.0, "M": 70.9}
    assert values["N17457"].by_gender == {}


def test_null_stays_none_never_zero() -> None:
    value = values_for(fixture_rows(), "0331", 2026)["N01951"]
    assert value.total is None and value.women is None and value.men is None


def test_deleted_values_are_ignored() -> None:
    assert values_for(fixture_rows(), "0331", 2026)["N17457"].total == 64


def test_other_municipalities_and_years_are_left_out() -> None:
    assert values_for(fixture_rows(), "0180", 2026)["N15419"].total == 80.1
    assert values_for(fixture_rows(), "0331", 2025)["N15419"].total == 71.8
    assert set(values_for(fixture_rows(), "0331", 2026)) == {
        "N00914", "N01951", "N15419", "N17457"}


def test_rows_without_keys_or_with_odd_values_are_skipped() -> None:
    rows: list[dict[str, Any]] = [
        {"kpi": "N1", "municipality": "0331"},
        {"kpi": "N2", "municipality": "0331", "period": "2026",
         "values": [{"gender": "T", "value": True}, {"gender": "X", "value": 3}, "junk"]},
    ]
    assert parse_rows(rows) == [KoladaValue("N2", "0331", 2026, None, None, None)]


def test_a_later_null_does_not_erase_a_value() -> None:
    row = {"kpi": "N1", "municipality": "0331", "period": 2026}
    rows = [{**row, "values": [{"gender": "T", "value": 5}]},
            {**row, "values": [{"gender": "T", "value": None}]}]
    assert parse_rows(rows)[0].total == 5


def test_saved_page_list_of_pages_and_bare_rows_agree() -> None:
    page = json.loads((FIXTURES / "heby-2026.json").read_text("utf-8"))
    pages = json.loads((FIXTURES / "heby-2026-pages.json").read_text("utf-8"))
    expected = values_for(rows_from_saved(page), "0331", 2026)
    assert values_for(rows_from_saved(pages), "0331", 2026) == expected
    assert values_for(rows_from_saved(page["values"]), "0331", 2026) == expected


@pytest.mark.parametrize(("data", "message"), [
    ("text", "ett JSON-objekt med `values`"),
    ({"data": []}, "saknar listan `values`"),
    ([{"values": []}, {"rows": []}], "sidan 2"),
])
def test_saved_responses_of_the_wrong_shape(data: object, message: str) -> None:
    with pytest.raises(SavedResponseError, match=message):
        rows_from_saved(data)


def test_load_saved_explains_bad_files(tmp_path: Path) -> None:
    with pytest.raises(SavedResponseError, match="finns inte"):
        load_saved(tmp_path / "saknas.json")
    broken = tmp_path / "trasig.json"
    broken.write_text('{"values": [', encoding="utf-8")
    with pytest.raises(SavedResponseError, match=r"inte giltig JSON \(rad 1"):
        load_saved(broken)
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"values": [], "x": "å"}'.encode("latin-1"))
    with pytest.raises(SavedResponseError, match="UTF-8"):
        load_saved(latin)


# --- isdeleted wherever Kolada puts it; numbers no KPI can have -----------------------

def _row(kpi: str, values: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"kpi": kpi, "municipality": "0331", "period": 2026, "values": values, **extra}


def test_a_deleted_row_is_ignored_and_the_live_one_kept() -> None:
    rows = [_row("N15419", [{"gender": "T", "value": 99.0}], isdeleted=True),
            _row("N15419", [{"gender": "T", "value": 73.4}]),
            _row("N15419", [{"gender": "T", "value": 11.0}], isdeleted="true")]
    assert values_for(rows, "0331", 2026)["N15419"].total == 73.4


@pytest.mark.parametrize("flag", [True, 1, "true", "True"])
def test_a_deleted_value_is_ignored(flag: Any) -> None:
    rows = [_row("N15419", [{"gender": "T", "value": 73.4},
                            {"gender": "K", "value": 1.0, "isdeleted": flag}])]
    value = values_for(rows, "0331", 2026)["N15419"]
    assert (value.total, value.women) == (73.4, None)


def test_isdeleted_through_the_recorded_server(kolada: Any) -> None:
    from malstyrning.kolada.client import KoladaClient

    kolada.rows = [*fixture_rows(),
                   _row("N00914", [{"gender": "T", "value": 1.0}], isdeleted=True)]
    rows = KoladaClient(kolada.base_url, timeout=5).fetch_rows(["N00914"], "0331", [2026])
    assert len(rows) == 2
    assert values_for(rows, "0331", 2026)["N00914"].total == 78.9


def test_a_401_digit_value_is_refused_not_converted(tmp_path: Path) -> None:
    huge = "9" * 401
    path = tmp_path / "svar.json"
    path.write_text('{"values": [{"kpi": "N15419", "municipality": "0331", "period": 2026, '
                    f'"values": [{{"gender": "T", "value": {huge}}}, '
                    '{"gender": "K", "value": NaN}, {"gender": "M", "value": 1e999}]}]}',
                    "utf-8")
    value = values_for(load_saved(path), "0331", 2026)["N15419"]
    assert (value.total, value.women, value.men) == (None, None, None)
    assert value.problems == ("totalt: ett orimligt stort tal (401 siffror)",
                              "kvinnor: NaN, som inte är ett tal",
                              "män: ett tal som inte är ändligt")


def test_a_5000_digit_value_does_not_hit_pythons_int_limit(tmp_path: Path) -> None:
    path = tmp_path / "svar.json"
    path.write_text('[{"kpi": "N15419", "municipality": "0331", "period": 2026, '
                    f'"values": [{{"gender": "T", "value": -{"1" * 5000}}}]}}]', "utf-8")
    value = values_for(load_saved(path), "0331", 2026)["N15419"]
    assert value.problems == ("totalt: ett orimligt stort tal (5000 siffror)",)


def test_huge_python_ints_in_rows_are_refused() -> None:
    rows = [_row("N15419", [{"gender": "T", "value": 10 ** 400}])]
    assert values_for(rows, "0331", 2026)["N15419"].problems == (
        "totalt: ett orimligt stort tal (401 siffror)",)


def test_a_deeply_nested_saved_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "svar.json"
    path.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    with pytest.raises(SavedResponseError):
        load_saved(path)
