"""Swedish noun forms for configured names: "ett nämndmål", "insatsen", "nämnderna".

The steering model names its levels in the kommun's own words; messages need those
words with the right article and definite form. :class:`Noun` derives the forms from
the singular, the plural and the grammatical gender (utrum "en", neutrum "ett"), and
takes explicit forms where the rules of thumb do not fit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UTRUM, NEUTRUM = "utrum", "neutrum"
GENDERS = (UTRUM, NEUTRUM)
_VOWELS = "aeiouyåäöé"


def listing(items: list[str], joiner: str = "eller") -> str:
    """``a, b eller c`` (empty items left out); ``joiner="och"`` for ``a, b och c``."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {joiner} {items[-1]}"


def lower_first(text: str) -> str:
    """``Nämndmål`` → ``nämndmål``; an abbreviation such as ``KF-mål`` stays as it is."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    """``nämndmålet`` → ``Nämndmålet``."""
    return text[:1].upper() + text[1:]


def guess_gender(singular: str) -> str:
    """A guess for a noun without ``genus``: compounds of -mål, -uppdrag, -område are
    neutrum ("ett nämndmål"); everything else utrum ("en insats")."""
    word = singular.strip().lower()
    neutrum_ends = ("mål", "uppdrag", "område", "ande", "ende", "program", "åtagande",
                    "initiativ", "projekt", "fullmäktige")
    return NEUTRUM if word.endswith(neutrum_ends) else UTRUM


def definite_singular(singular: str, gender: str) -> str:
    """``insats`` → ``insatsen``, ``nämndmål`` → ``nämndmålet``, ``strategi`` →
    ``strategin``, ``område`` → ``området``."""
    word = lower_first(singular.strip())
    if word.endswith("fullmäktige"):
        return word
    if gender == NEUTRUM:
        return word + ("t" if word[-1:] in _VOWELS else "et")
    return word + ("n" if word[-1:] in _VOWELS else "en")


def definite_plural(plural: str, singular: str, gender: str) -> str:
    """``insatser`` → ``insatserna``, ``nämndmål`` → ``nämndmålen``,
    ``områden`` → ``områdena``."""
    word = lower_first(plural.strip())
    if word.endswith("fullmäktige"):
        return word
    if gender == NEUTRUM:
        if word.lower() != singular.strip().lower() and word.endswith("n"):
            return word + "a"
        return word + ("n" if word[-1:] in _VOWELS else "en")
    return word + ("na" if word.endswith("r") else "a" if word.endswith("n") else "na")


def genitive(word: str) -> str:
    """``nämndmålet`` → ``nämndmålets``; a word ending in s, x or z takes no extra s."""
    return word if word[-1:] in "sxz" else word + "s"


@dataclass(frozen=True, slots=True)
class Noun:
    """A configured name with its Swedish forms.

    ``singular`` and ``plural`` are the names as written in the model (usually with a
    capital, as headings show them); every other form is lower case for use inside a
    sentence.
    """

    singular: str
    plural: str
    gender: str = UTRUM
    definite: str = ""
    definite_pl: str = ""

    @classmethod
    def make(cls, singular: str, plural: str = "", gender: str = "", definite: str = "",
             definite_pl: str = "") -> Noun:
        """Fill in what is not given: plural = singular, gender guessed, definite forms
        derived."""
        plural = plural or singular
        gender = gender if gender in GENDERS else guess_gender(singular)
        return cls(singular, plural, gender,
                   lower_first(definite) if definite else definite_singular(singular, gender),
                   lower_first(definite_pl) if definite_pl
                   else definite_plural(plural, singular, gender))

    @property
    def article(self) -> str:
        """``en`` or ``ett``."""
        return "ett" if self.gender == NEUTRUM else "en"

    @property
    def pronoun(self) -> str:
        """``den`` or ``det``."""
        return "det" if self.gender == NEUTRUM else "den"

    @property
    def no(self) -> str:
        """``ingen`` or ``inget``."""
        return "inget" if self.gender == NEUTRUM else "ingen"

    @property
    def some(self) -> str:
        """``någon`` or ``något`` (``något effektmål``, ``någon aktivitet``)."""
        return "något" if self.gender == NEUTRUM else "någon"

    @property
    def some_own(self) -> str:
        """``någon egen`` or ``något eget``."""
        return "något eget" if self.gender == NEUTRUM else "någon egen"

    @property
    def lower(self) -> str:
        """``nämndmål``."""
        return lower_first(self.singular)

    @property
    def lower_plural(self) -> str:
        """``insatser``."""
        return lower_first(self.plural)

    @property
    def indefinite(self) -> str:
        """``ett nämndmål``; a noun whose definite form is the bare word (``kommunfullmäktige``)
        takes no article."""
        return self.lower if self.definite == self.lower else f"{self.article} {self.lower}"

    @property
    def indefinite_genitive(self) -> str:
        """``en insats`` → ``en insats`` (a word ending in s stays), ``ett mål`` →
        ``ett måls``: for "en insats datum"."""
        return genitive(self.indefinite)

    @property
    def genitive(self) -> str:
        """``nämndmålets``."""
        return genitive(self.definite)


class Group:
    """One or more named things spoken of together: "ett nämndmål eller ett enhetsmål".

    Rule texts refer to a group by a placeholder such as ``{measured.indefinite}``;
    :func:`fill` replaces it. Capitalised attribute names give a capitalised form
    (``{measured.Indefinite}`` → "Ett nämndmål").
    """

    def __init__(self, nouns: list[Noun], keys: list[str] | None = None,
                 examples: list[str] | None = None, kinds: list[str] | None = None) -> None:
        self.nouns = nouns
        self.keys = keys or []
        self.examples = examples or []
        self.kinds = kinds or []

    def form(self, name: str) -> str:
        """The group in form ``name`` (see the class docstring)."""
        lower = name[:1].lower() + name[1:]
        if lower == "key":
            return self.keys[0] if self.keys else ""
        if lower == "kind":
            return self.kinds[0] if self.kinds else ""
        if lower == "example":
            return self.examples[0] if self.examples else "ID"
        one = {"lower": lambda n: n.lower, "plural": lambda n: n.lower_plural,
               "indefinite": lambda n: n.indefinite, "definite": lambda n: n.definite,
               "definite_plural": lambda n: n.definite_pl, "genitive": lambda n: n.genitive,
               "indefinite_genitive": lambda n: n.indefinite_genitive,
               "article": lambda n: n.article, "pronoun": lambda n: n.pronoun,
               "no": lambda n: n.no, "name": lambda n: n.singular,
               "names": lambda n: n.plural}[lower]
        if lower in ("article", "pronoun", "no"):
            text = one(self.nouns[0]) if self.nouns else ""
        else:
            text = listing([one(n) for n in self.nouns])
        return upper_first(text) if name[:1].isupper() else text


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\.([A-Za-z_]+)\}")


def fill(text: str, groups: dict[str, Group]) -> str:
    """Replace every ``{group.form}`` in ``text``; other braces (YAML) are left alone."""

    def replace(match: re.Match[str]) -> str:
        group = groups.get(match.group(1))
        return group.form(match.group(2)) if group is not None else match.group(0)

    return _PLACEHOLDER.sub(replace, text)
