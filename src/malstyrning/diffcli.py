"""``malstyrning diff``: choose the versions, read them, compare, write."""

from __future__ import annotations

from pathlib import Path


def run_diff(root: Path, from_rev: str | None, to_rev: str | None,
             fmt: str) -> tuple[str, list[str]]:
    """The output text and the notes for stderr. Raises ValueError (Swedish) when a
    version cannot be read."""
    from malstyrning.diff import VersionError, compare_versions, load_version
    from malstyrning.diffout import render
    from malstyrning.load.gittree import GitError, last_tag, toplevel

    try:
        top = toplevel(root)
    except GitError as err:
        raise ValueError(f"{err} `diff` jämför versioner i git.") from None
    if from_rev is None:
        from_rev = last_tag(top)
        if from_rev is None:
            raise ValueError("git-repot har inga taggar att jämföra från. Ange FRÅN, t.ex. "
                             "`malstyrning diff HEAD` eller `malstyrning diff beslutad-2027`, "
                             "eller tagga versionen som beslutades: "
                             "`git tag beslutad-2027 <commit>`.")
    notes: list[str] = []
    try:
        before = load_version(root, from_rev)
        after = load_version(root, to_rev)
    except VersionError as err:
        raise ValueError(str(err)) from None
    for version in (before, after):
        if version.errors:
            notes.append(f"varning: {version.label} har {len(version.errors)} fel (kör "
                         "`malstyrning validate`); jämförelsen bygger på det som gick att "
                         "läsa.")
    return render(compare_versions(before, after), fmt), notes
