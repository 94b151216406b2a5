"""Text analysis: Voikko for Finnish, simplemma and Snowball as fallbacks, Swedish and English."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from facilitator.summaries import text_analysis
from facilitator.summaries.text_analysis import (
    AnalyserUnavailable,
    WordAnalysis,
    compound_parts,
    get_analyser,
    tokenize,
    voikko_problem,
)


def _need_voikko() -> None:
    """Voikko is installed by scripts/setup.sh; without it this is a failure, never a skip."""
    problem = voikko_problem()
    assert problem is None, f"Voikko cannot load ({problem}); install libvoikko1 and voikko-fi"


def test_voikko_lemmatises_and_splits_finnish_compounds() -> None:
    _need_voikko()
    analyser = get_analyser("fi", "voikko")
    assert analyser.backend == "voikko"
    assert analyser.label.startswith("Voikko ") and analyser.label.endswith(" (fi)")
    assert analyser.analyse_word("palvelupolulta") == WordAnalysis(
        "palvelupolku", ("palvelu", "polku")
    )
    assert analyser.analyse_word("Ajanvarausjärjestelmässä").parts == (
        "aika",
        "varaus",
        "järjestelmä",
    )
    assert analyser.analyse_word("asiakkaat") == WordAnalysis("asiakas")
    terms = [
        t for t, _s, _w in analyser.terms("Palvelupolulta puuttuu vastuuhenkilö, ja se on huono.")
    ]
    assert terms == [
        "palvelupolku",
        "palvelu",
        "polku",
        "puuttua",
        "vastuuhenkilö",
        "vastuu",
        "henkilö",
        "huono",
    ]
    # A part remembers the word it came from.
    assert ("polku", "polku", "palvelupolku") in analyser.terms("palvelupolulta")


def test_voikko_word_bases_become_compound_parts() -> None:
    assert compound_parts("+palvel(palvella)+u(+u)+polku(polku)") == ("palvelu", "polku")
    assert compound_parts("+ajan(aika)+vara(varata)+us(+us)") == ("aika", "varaus")
    assert compound_parts("+yhteis+kehittää(kehittää)") == ("kehittää",)
    assert compound_parts("+sote(sote)+-+palvel(palvella)+u(+u)") == ("sote", "palvelu")
    assert compound_parts("") == ()


def test_snowball_is_the_last_resort_and_shows_words_not_stems() -> None:
    analyser = get_analyser("fi", "snowball")
    assert analyser.backend == "snowball"
    assert not analyser.lemmatises
    assert analyser.analyse_word("palveluissa").lemma == analyser.analyse_word("palveluja").lemma
    # Keywords show the commonest written word of a stem, never the bare stem.
    from facilitator.summaries import build_minutes
    from tests.summaries.factories import load_fixture

    export = load_fixture()
    text = "\n".join(
        b.text for b in build_minutes(export, "en", analyser="snowball").blocks
        if type(b).__name__ == "Notice" and b.text.startswith("Keywords")
    )  # fmt: skip
    labels = re.findall(r"([^\s,:()]+) \(\d+\)", text)
    words = [w.lower() for c in export["contributions"] for w in tokenize(c.get("body") or "")]
    written = {piece for w in words for piece in [w, *w.split("-")]}  # chat-palvelu: palvelu
    assert labels and all(label in written for label in labels), labels


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("sv", "Tjänsterna är svåra att hitta för ungdomar", ["tjänst", "svår", "hitta", "ungdom"]),
        ("en", "The services were hard to find for young people",
         ["service", "hard", "find", "young", "people"]),
    ],
)  # fmt: skip
def test_swedish_and_english_are_lemmatised(language: str, text: str, expected: list[str]) -> None:
    analyser = get_analyser(language)
    assert analyser.backend == "simplemma"  # Voikko is Finnish only
    assert [t for t, _s, _w in analyser.terms(text)] == expected
    stems = get_analyser(language, "snowball")
    assert stems.label == f"Snowball {stems.label.split()[1]} ({language})"
    assert len(stems.terms(text)) == len(expected)


def test_tokens_and_stop_words() -> None:
    assert tokenize("Sote-palvelut 24/7: ei toimi!") == ["Sote-palvelut", "ei", "toimi"]
    analyser = get_analyser("fi", "snowball")
    assert analyser.terms("ja se on ei mutta") == []


def test_the_environment_variable_chooses_the_chain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(text_analysis.ENV_VAR, "snowball")
    assert get_analyser("fi").backend == "snowball"
    monkeypatch.setenv(text_analysis.ENV_VAR, "simplemma")
    assert text_analysis.chosen_backend() == "simplemma"  # Finnish simplemma: see the next test
    assert get_analyser("sv").backend == "simplemma"
    monkeypatch.setenv(text_analysis.ENV_VAR, "auto")
    _need_voikko()
    assert get_analyser("fi").backend == "voikko"
    assert get_analyser("sv").backend == "simplemma"
    monkeypatch.setenv(text_analysis.ENV_VAR, "magic")
    with pytest.raises(ValueError, match="unknown analyser"):
        get_analyser("fi")


def test_falls_back_to_simplemma_when_voikko_cannot_load() -> None:
    """A process where the Voikko wrapper cannot be imported lemmatises with simplemma.

    (One process loads simplemma's Finnish dictionary, which is slow: every simplemma check
    for Finnish is made here.)
    """
    code = (
        "import sys\n"
        "sys.modules['libvoikko'] = None\n"  # the wrapper cannot be imported
        "from facilitator.summaries.text_analysis import get_analyser, voikko_problem\n"
        "assert voikko_problem() is not None\n"
        "a = get_analyser('fi')\n"
        "print(a.backend, a.label.split()[0], a.analyse_word('palvelupolulta').lemma)\n"
        "print(*a.analyse_word('sote-palvelut').parts)\n"  # hyphens split even without Voikko
    )
    env = {k: v for k, v in os.environ.items() if k != text_analysis.ENV_VAR}
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=True,
    )
    assert out.stdout.splitlines() == ["simplemma simplemma palvelupolku", "sote palvelu"]


def test_an_unknown_language_without_any_analyser_is_an_error() -> None:
    with pytest.raises(AnalyserUnavailable):
        get_analyser("xx", "snowball")


def test_ci_has_voikko() -> None:
    """CI installs Voikko: the main path must run there (locally it is required too)."""
    if os.environ.get("CI") == "true":
        assert voikko_problem() is None
    _need_voikko()


def test_warm_up_loads_ahead_and_never_fails() -> None:
    _need_voikko()
    assert get_analyser("fi").label == text_analysis.warm_up("fi")
    assert text_analysis.warm_up("xx", "snowball") == ""  # nothing loads: start anyway


def test_voikko_reads_a_spoken_or_misspelt_word_as_its_closest_correction() -> None:
    _need_voikko()
    analyser = get_analyser("fi", "voikko")
    # The i that speech drops, or a spoken ending: read as the written word Voikko knows.
    assert analyser.analyse_word("tavotteita").lemma == "tavoite"
    assert analyser.analyse_word("rahotus").lemma == "rahoitus"
    assert analyser.analyse_word("kipee").lemma == "kipeä"
    # Anything further from the written word is left as written.
    assert analyser.analyse_word("kirjottaminen").lemma == "kirjoittaa"
    assert analyser.analyse_word("aikaseks").lemma == "aikaseks"
    assert analyser.analyse_word("ilmasia").lemma == "ilmainen"
    assert text_analysis.spoken_candidates("kipee") == ["kipeä"]
    assert text_analysis.spoken_candidates("rohkasu") == ["roihkasu", "rohkaisu"]


@pytest.mark.parametrize(
    ("language", "word", "parts"),
    [
        ("sv", "arbetsförmedlingen", ("arbete", "förmedling")),
        ("sv", "vårdcentralen", ("vård", "central")),
        ("sv", "ungdomar", ()),  # an inflected simple word is not cut at its ending
        ("sv", "tjänsterna", ()),
        ("en", "healthcare", ("health", "care")),
        ("en", "caseworker", ("case", "worker")),
        ("en", "services", ()),
        ("fi", "palvelupolulta", ("palvelu", "polku")),
        ("fi", "kuunnellaan", ()),  # a verb is not a compound
    ],
)
def test_simplemma_splits_compounds_where_both_halves_are_words(
    language: str, word: str, parts: tuple[str, ...]
) -> None:
    analyser = get_analyser(language, "simplemma")
    assert analyser.analyse_word(word).parts == parts
    assert analyser.compounds == text_analysis.COMPOUNDS_DICTIONARY


def test_the_footer_says_how_compounds_were_read() -> None:
    from facilitator.summaries import build_minutes
    from tests.summaries.factories import load_fixture

    export = load_fixture()
    by_analyser = {
        name: build_minutes(export, "en", analyser=name).footer
        for name in ("voikko", "simplemma", "snowball")
    }
    assert "base forms and compound parts" in by_analyser["voikko"]
    assert "compounds split where both parts are in its dictionary" in by_analyser["simplemma"]
    assert "compound words are not split (only at hyphens)" in by_analyser["snowball"]
