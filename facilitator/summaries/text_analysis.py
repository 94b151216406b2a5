"""Words of short notes → lemmas and compound parts, for keywords and related-note suggestions.

Finnish words are lemmatised and compounds split with Voikko where it is installed (the Debian
``libvoikko1`` + ``voikko-fi`` packages and the ``libvoikko`` Python wrapper):
``palvelupolulta`` → ``palvelupolku`` with the parts ``palvelu`` and ``polku``; a word Voikko
does not know (a spoken form such as ``tavotteita`` or ``kipee``) is read as the written word it
stands for when Voikko knows that one (``spoken_candidates``).

Without Voikko, and for Swedish and English, ``simplemma`` (pure Python, slow first load per
language) lemmatises and splits compounds by looking both halves up in its dictionary
(``arbetsförmedlingen`` → ``arbete`` + ``förmedling``, ``healthcare`` → ``health`` + ``care``);
``snowballstemmer`` stems as the last resort and splits only at hyphens. ``Analyser.compounds``
says which, so the minutes footer can tell the reader.

The chain can be forced with the environment variable ``FACILITATOR_TEXT_ANALYSER`` (``auto``,
``voikko``, ``simplemma``, ``snowball``) or the ``backend`` argument, so tests cover every path;
the analyser that ran is named in the minutes.

Everything here is deterministic: the same word always gives the same analysis.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from facilitator.summaries.stopwords import stop_words

ENV_VAR = "FACILITATOR_TEXT_ANALYSER"
BACKENDS = ("voikko", "simplemma", "snowball")
AUTO = "auto"
MIN_LENGTH = 3
_CACHE_LIMIT = 200_000

# Letters, optionally joined by hyphens or apostrophes (sote-palvelut, don't); no digits.
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SNOWBALL_NAMES = {
    "fi": "finnish",
    "sv": "swedish",
    "en": "english",
    "da": "danish",
    "no": "norwegian",
    "nb": "norwegian",
    "de": "german",
    "et": "estonian",
}
# Voikko word classes, most useful for keywords first (to choose between ambiguous analyses).
_CLASS_ORDER = {"nimisana": 0, "nimisana_laatusana": 1, "laatusana": 2, "teonsana": 3}


class AnalyserUnavailable(RuntimeError):
    """No text analyser could be loaded for a language."""


@dataclass(frozen=True)
class WordAnalysis:
    """One word: its base form and, for a compound, the base forms of its parts."""

    lemma: str
    parts: tuple[str, ...] = ()


def tokenize(text: str) -> list[str]:
    """Words of a text in order (letters only, hyphenated words kept whole)."""
    return _WORD.findall(text)


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


#: How an analyser splits compound words (``Analyser.compounds``).
COMPOUNDS_MORPHOLOGY = "morphology"
COMPOUNDS_DICTIONARY = "dictionary"
COMPOUNDS_HYPHENS = "hyphens"


class Analyser:
    """A backend for one language: lemmatises (or stems) words, with a per-word cache."""

    backend: str = ""
    #: True when terms are real base forms that read well; False for stems.
    lemmatises: bool = True
    #: How compounds are split: by morphology, by dictionary look-up, or only at hyphens.
    compounds: str = COMPOUNDS_HYPHENS

    def __init__(self, language: str) -> None:
        self.language = language
        self.stop = stop_words(language)
        self._cache: dict[str, WordAnalysis] = {}
        self._lock = threading.Lock()

    @property
    def label(self) -> str:
        """The analyser as the minutes footer names it."""
        raise NotImplementedError

    def _analyse(self, word: str) -> WordAnalysis:
        raise NotImplementedError

    def analyse_word(self, word: str) -> WordAnalysis:
        """The cached analysis of one word (as written; case is folded here)."""
        found = self._cache.get(word)
        if found is None:
            with self._lock:
                found = self._analyse(word)
                if len(self._cache) >= _CACHE_LIMIT:
                    self._cache.clear()
                self._cache[word] = found
        return found

    def _keep(self, term: str) -> bool:
        return len(term) >= MIN_LENGTH and term not in self.stop

    def terms(self, text: str) -> list[tuple[str, str, str]]:
        """(term, surface word, compound) for every content word of a text, parts included.

        Terms are lemmas (or stems) and the lemmas of compound parts; for a part, ``compound``
        is the whole word's lemma (else ""). Stop words and words shorter than three letters are
        left out. Order follows the text; repeats are kept.
        """
        out: list[tuple[str, str, str]] = []
        for word in tokenize(text):
            surface = word.lower()
            if surface in self.stop:
                continue
            analysis = self.analyse_word(word)
            if self._keep(analysis.lemma):
                out.append((analysis.lemma, surface, ""))
            for part in analysis.parts:
                if part != analysis.lemma and self._keep(part):
                    out.append((part, part, analysis.lemma))
        return out

    def term_set(self, text: str) -> frozenset[str]:
        """The distinct terms of a text."""
        return frozenset(term for term, _surface, _whole in self.terms(text))


_VOWELS = "aeiouyäö"
#: Spoken endings and their written forms (kipee → kipeä, haluu → halua, autoo → autoa).
_SPOKEN_ENDINGS = (("ee", "eä"), ("uu", "ua"), ("oo", "oa"), ("ii", "ia"), ("yy", "yä"))


def spoken_candidates(word: str) -> list[str]:
    """Written forms a spoken or hastily typed Finnish word may stand for, most likely first:
    the ``i`` that speech drops after a vowel (``tavotteita`` → ``tavoitteita``, ``ilmasia`` →
    ``ilmaisia``, ``rohkasu`` → ``rohkaisu``), then a spoken ending (``kipee`` → ``kipeä``)."""
    out = []
    for i in range(1, len(word)):
        if word[i - 1] in _VOWELS and word[i - 1] != "i" and word[i] not in _VOWELS:
            out.append(word[:i] + "i" + word[i:])
    for spoken, written in _SPOKEN_ENDINGS:
        if word.endswith(spoken) and len(word) > len(spoken) + 1:
            out.append(word[: -len(spoken)] + written)
    return out


class VoikkoAnalyser(Analyser):
    """Finnish with Voikko: base forms and compound parts from the morphological analysis."""

    backend = "voikko"
    compounds = COMPOUNDS_MORPHOLOGY
    MIN_CORRECTED = 4

    def __init__(self, language: str) -> None:
        super().__init__(language)
        from libvoikko import Voikko  # type: ignore[import-untyped]

        self._voikko = Voikko(language)
        self._version = str(Voikko.getVersion())

    @property
    def label(self) -> str:
        """E.g. 'Voikko 4.3.1 (fi)'."""
        return f"Voikko {self._version} ({self.language})"

    def _analyse(self, word: str) -> WordAnalysis:
        lower = word.lower()
        analyses = self._voikko.analyze(lower) or (
            self._voikko.analyze(word) if word != lower else []
        )
        if not analyses and len(lower) >= self.MIN_CORRECTED and "-" not in lower:
            for candidate in spoken_candidates(lower):
                if self._voikko.spell(candidate):
                    analyses = self._voikko.analyze(candidate)
                    break
        if not analyses:
            return WordAnalysis(lower)
        candidates = []
        for analysis in analyses:
            base = str(analysis.get("BASEFORM") or lower).lower()
            parts = compound_parts(str(analysis.get("WORDBASES") or ""))
            rank = _CLASS_ORDER.get(str(analysis.get("CLASS") or ""), len(_CLASS_ORDER))
            candidates.append((rank, len(parts), base, parts))
        _rank, _count, base, parts = min(candidates)
        return WordAnalysis(base, parts if len(parts) >= 2 else ())


def compound_parts(wordbases: str) -> tuple[str, ...]:
    """Base forms of a compound's parts from Voikko's WORDBASES attribute.

    ``+palvel(palvella)+u(+u)+polku(polku)`` → ``("palvelu", "polku")``: a derivational suffix
    (its base starts with ``+``) joins the morph before it; a part without a derivation takes the
    base form in brackets (``+ajan(aika)`` → ``aika``); bare prefixes and hyphens are dropped.
    """
    parts: list[list[str]] = []  # [surface morphs..., base or ""]
    for chunk in re.findall(r"\+([^+(]*)(?:\(([^)]*)\))?", wordbases.replace("(+", "(#")):
        morph, base = chunk
        if base.startswith("#"):
            if parts:
                parts[-1][0] += morph
                parts[-1][1] = ""  # derived: the joined morphs are the base form
            continue
        parts.append([morph, base if base else "-"])
    out: list[str] = []
    for morph, base in parts:
        if base == "-" or not morph.strip("-"):
            continue  # a bare prefix (yhteis-) or a hyphen
        out.append((base or morph).lower())
    return tuple(out)


class SimplemmaAnalyser(Analyser):
    """simplemma's dictionary lemmatiser (pure Python); hyphenated words give their parts, and
    a closed compound is split where both halves are words of the dictionary."""

    backend = "simplemma"
    compounds = COMPOUNDS_DICTIONARY
    #: Shortest compound split, and shortest first and last part (English words are shorter
    #: and more often look like two words by accident, so its parts must be longer).
    MIN_COMPOUND = 7
    MIN_PART = {"en": (4, 4), "fi": (4, 4)}
    DEFAULT_PART = (3, 4)
    #: Finnish infinitives that look like two words (kuun|nellaan): verbs are not compounds.
    NOT_COMPOUND = {"fi": ("lla", "llä", "nna", "nnä", "rra", "rrä", "da", "dä")}

    def __init__(self, language: str) -> None:
        super().__init__(language)
        import simplemma

        self._lemmatize: Callable[..., str] = simplemma.lemmatize
        self._is_known: Callable[..., bool] = simplemma.is_known
        self._version = _package_version("simplemma")
        self._lemmatize("test", lang=language)  # fails early for an unsupported language

    @property
    def label(self) -> str:
        """E.g. 'simplemma 2.0.0 (fi)'."""
        return f"simplemma {self._version} ({self.language})"

    def _lemma(self, word: str) -> str:
        return str(self._lemmatize(word, lang=self.language)).lower()

    def _known(self, word: str) -> bool:
        return bool(self._is_known(word, lang=self.language))

    def split(self, word: str, lemma: str = "") -> tuple[str, ...]:
        """A closed compound's halves as written (``()`` when it is not one).

        Both halves must be in the dictionary, the last half's base form at least as long as
        the shortest part, and the whole word's base form must end with it (so an inflected
        simple word is not split at its ending: ``ungdomar`` is not ``ung`` + ``domare``). The
        shortest such first half wins (``arbets|förmedlingen``, not ``arbetsför|medlingen``).
        """
        if len(word) < self.MIN_COMPOUND:
            return ()
        lemma = lemma or self._lemma(word)
        first_min, last_min = self.MIN_PART.get(self.language, self.DEFAULT_PART)
        for cut in range(first_min, len(word) - last_min + 1):
            head, tail = word[:cut], word[cut:]
            if not (self._known(head) and self._known(tail)):
                continue
            base = self._lemma(tail)
            if len(base) >= last_min and (lemma.endswith(base) or lemma == word):
                return (head, tail)
        return ()

    def _part_lemma(self, part: str) -> str:
        """A compound part's base form; the part as written when the dictionary's base form
        is another word altogether (short parts are often ambiguous forms)."""
        lemma = self._lemma(part)
        return lemma if lemma[:2] == part[:2] else part

    def _analyse(self, word: str) -> WordAnalysis:
        lower = word.lower()
        pieces = [p for p in re.split(r"[-'’]", lower) if p]
        if len(pieces) >= 2:
            return WordAnalysis(lower, tuple(self._lemma(p) for p in pieces))
        lemma = self._lemma(lower)
        verb = lemma.endswith(self.NOT_COMPOUND.get(self.language, ()))
        halves = () if verb else self.split(lower, lemma)
        if halves:
            return WordAnalysis(lemma, tuple(self._part_lemma(h) for h in halves))
        return WordAnalysis(lemma)


class SnowballAnalyser(Analyser):
    """Snowball stemmers: the last resort; terms are stems, shown as their commonest word."""

    backend = "snowball"
    lemmatises = False

    def __init__(self, language: str) -> None:
        super().__init__(language)
        import snowballstemmer  # type: ignore[import-untyped]

        name = _SNOWBALL_NAMES.get(language)
        if name is None:
            raise AnalyserUnavailable(f"no Snowball stemmer for {language!r}")
        self._stemmer: Any = snowballstemmer.stemmer(name)
        self._version = _package_version("snowballstemmer")

    @property
    def label(self) -> str:
        """E.g. 'Snowball 3.1.1 (fi)'."""
        return f"Snowball {self._version} ({self.language})"

    def _analyse(self, word: str) -> WordAnalysis:
        lower = word.lower()
        pieces = [p for p in re.split(r"[-'’]", lower) if p]
        stem = str(self._stemmer.stemWord(lower))
        if len(pieces) >= 2:
            return WordAnalysis(stem, tuple(str(self._stemmer.stemWord(p)) for p in pieces))
        return WordAnalysis(stem)


_CLASSES: dict[str, type[Analyser]] = {
    "voikko": VoikkoAnalyser,
    "simplemma": SimplemmaAnalyser,
    "snowball": SnowballAnalyser,
}
_LOADED: dict[tuple[str, str], Analyser] = {}
_FAILED: dict[tuple[str, str], str] = {}
_LOAD_LOCK = threading.Lock()


def chosen_backend(backend: str | None = None) -> str:
    """The backend asked for: the argument, else the environment variable, else 'auto'."""
    asked = (backend or os.environ.get(ENV_VAR) or AUTO).strip().lower()
    if asked != AUTO and asked not in BACKENDS:
        raise ValueError(f"{ENV_VAR}: unknown analyser {asked!r} (use auto or one of {BACKENDS})")
    return asked


def _chain(language: str, asked: str) -> tuple[str, ...]:
    chain = BACKENDS if asked == AUTO else BACKENDS[BACKENDS.index(asked) :]
    if language != "fi":
        chain = tuple(b for b in chain if b != "voikko") or ("simplemma", "snowball")
    return chain


def load(backend: str, language: str) -> Analyser:
    """One backend for one language, loaded once per process (raises if it cannot load)."""
    key = (backend, language)
    with _LOAD_LOCK:
        if key in _LOADED:
            return _LOADED[key]
        if key in _FAILED:
            raise AnalyserUnavailable(_FAILED[key])
        try:
            analyser = _CLASSES[backend](language)
        except Exception as exc:  # a missing library or dictionary: remember and fall back
            _FAILED[key] = f"{backend} ({language}): {type(exc).__name__}: {exc}"
            raise AnalyserUnavailable(_FAILED[key]) from exc
        _LOADED[key] = analyser
        return analyser


def get_analyser(language: str, backend: str | None = None) -> Analyser:
    """The first analyser of the chain that loads for ``language``.

    ``backend`` (or ``FACILITATOR_TEXT_ANALYSER``) starts the chain later: ``simplemma`` skips
    Voikko, ``snowball`` uses only stemming. Voikko is Finnish only.
    """
    language = (language or "fi").split("_")[0].split("-")[0].lower()
    problems: list[str] = []
    for name in _chain(language, chosen_backend(backend)):
        try:
            return load(name, language)
        except AnalyserUnavailable as exc:
            problems.append(str(exc))
    raise AnalyserUnavailable("; ".join(problems) or f"no analyser for {language!r}")


def voikko_problem() -> str | None:
    """Why Voikko cannot analyse Finnish here, or None when it can."""
    try:
        load("voikko", "fi")
    except AnalyserUnavailable as exc:
        return str(exc)
    return None


def warm_up(language: str, backend: str | None = None) -> str:
    """Load the analyser for a language ahead of time; its label, or "" if none loads.

    ``facilitator serve`` calls this before it starts listening: without Voikko, simplemma's
    first Finnish load takes seconds, which would otherwise stall the server when the first
    workshop ends and its minutes are written.
    """
    try:
        analyser = get_analyser(language, backend)
    except AnalyserUnavailable:
        return ""
    analyser.terms("test")
    return analyser.label
