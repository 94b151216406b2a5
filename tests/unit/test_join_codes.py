"""Join codes: six characters from an alphabet without look-alikes, and normalisation."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from facilitator import join_codes
from facilitator.join_codes import ALPHABET, LENGTH, is_well_formed, new_code, normalize

LOOKALIKES = "0OQD1ILJ2Z5S8BUV"


def test_alphabet_has_no_lookalikes_and_no_repeats():
    assert not set(LOOKALIKES) & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 20


def test_new_codes_are_well_formed_and_vary():
    codes = {new_code() for _ in range(200)}
    assert all(len(c) == LENGTH == 6 and is_well_formed(c) for c in codes)
    assert len(codes) > 190


def test_normalize_uppercases_and_drops_spaces_and_dashes():
    assert normalize("ac e-f9") == "ACEF9"
    assert normalize(" ace-f79 ") == "ACEF79"
    assert is_well_formed(normalize("ace f79"))


def test_malformed_codes():
    assert not is_well_formed("ACEF7")
    assert not is_well_formed("ACEF799")
    assert not is_well_formed("ACEF70")  # 0 is a look-alike
    assert not is_well_formed("")


@given(st.text(alphabet=ALPHABET.lower() + " -", max_size=12))
def test_normalized_text_only_keeps_alphabet_characters(raw):
    out = normalize(raw)
    assert all(ch in ALPHABET for ch in out)
    assert is_well_formed(out) == (len(out) == join_codes.LENGTH)


@given(st.text(max_size=20))
def test_normalize_never_fails(raw):
    out = normalize(raw)
    assert " " not in out and "-" not in out
    assert out == out.upper()
