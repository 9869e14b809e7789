"""GitHub Actions workflow commands: one annotation per finding, escaped as GitHub wants."""

from __future__ import annotations

from tests.output.conftest import Render


def test_annotations(render: Render) -> None:
    lines = render("github").splitlines()
    assert lines[0] == (
        "::error file=enheter/vretaskolan-2027.yaml,line=8,col=19,title=MS211::Aktivitet "
        "`UF-VAS-A1` bidrar till `UBN-E9`, men inget mål med det id:t finns.%0AMenade du "
        "`UBN-E1`?%0AKontrollera stavningen.%0AKedja: UF-VAS-A1")
    assert lines[1].startswith("::warning file=enheter/vretaskolan-2027.yaml,line=9,col=11,"
                               "title=MS402::")
    assert lines[1].endswith("%0AKedja: VISION > I1 > UBN-E1 > UF-VAS-A1")
    assert lines[3] == "1 fel, 1 varning och 1 info i 2 av 5 filer."
    assert len(lines) == 4


def test_special_characters_are_escaped(render: Render) -> None:
    info = render("github").splitlines()[2]
    # in properties `,` `:` and `%` are escaped; in the message only `%` and newlines
    assert info == ("::notice file=namnder/ubn%2C 50 %25.yaml,line=2,col=6,title=MS501::"
                    "Ramen skiljer sig med 5 %25: 655 000 tkr.")


def test_no_findings_no_annotations(render: Render) -> None:
    assert render("github", findings=[]) == "Inga problem hittades i 5 filer.\n"
