"""``exkludera`` in malstyrning.yaml, read with .gitignore semantics (via pathspec).

``utkast/*.yaml`` excludes the YAML files directly in ``utkast/`` but not those in its
subfolders (``*`` never crosses a ``/``), ``arkiv/`` or ``arkiv/**`` a whole folder,
``mallar`` a file or folder of that name at any depth, and ``!arkiv/behåll.yaml``
brings one back — what planners who use git already know from ``.gitignore``.
"""

from __future__ import annotations

from functools import cached_property


class Excluder:
    """Answers whether a repository path is excluded by the configured patterns."""

    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.patterns = tuple(p for p in (str(p).strip() for p in patterns)
                              if p and not p.startswith("#"))

    @cached_property
    def _spec(self):  # type: ignore[no-untyped-def]
        import pathspec

        return pathspec.GitIgnoreSpec.from_lines(self.patterns)

    @cached_property
    def _negates(self) -> bool:
        return any(p.startswith("!") for p in self.patterns)

    def excluded(self, rel: str, is_dir: bool) -> bool:
        """True when ``rel`` (POSIX, relative to the root) is excluded.

        A folder is pruned from the walk only when no ``!`` pattern could bring back
        something inside it; otherwise its files are judged one by one.
        """
        if not self.patterns:
            return False
        if is_dir:
            return not self._negates and bool(self._spec.match_file(rel + "/"))
        return bool(self._spec.match_file(rel))
