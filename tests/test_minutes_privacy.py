"""Personal data found before export: phone numbers, e-mail addresses, henkilötunnus."""

from __future__ import annotations

import pytest

from facilitator import privacy
from tests.exports.samples import workshop_export


@pytest.mark.parametrize(
    "phone",
    [
        "040 123 4567",
        "040-1234567",
        "0401234567",
        "+358 40 1234567",
        "+358401234567",
        "+358 (0)40 123 4567",
        "09 123 4567",
        "(09) 1234 567",
        "00358 50 123 4567",
        "+46 70 123 45 67",
    ],
)
def test_phone_numbers_are_found(phone: str) -> None:
    """Finnish mobile and landline formats and international numbers."""
    found = privacy.find(f"Soita {phone}, kiitos.")
    assert [(f.kind, f.text) for f in found] == [("phone", phone)]


@pytest.mark.parametrize(
    "text",
    [
        "Vuonna 2024 asiakkaita oli 15 000.",
        "Ajalla 1.1.–31.12.2024 ja 12.3.2025.",
        "Budjetti 1 200 000 euroa.",
        "Klo 9-16, huone 203.",
        "Numero 0 5 ja 0,5 %",
        "Postinumero 00100 Helsinki",
    ],
)
def test_ordinary_numbers_are_not_phone_numbers(text: str) -> None:
    """Years, dates, sums, times and postcodes are left alone."""
    assert privacy.find(text) == []


def test_identity_codes_need_a_valid_check_character_and_date() -> None:
    """131052-308T is valid; a wrong check character, date or number is not a hetu."""
    assert privacy.valid_hetu("131052-308T")
    assert privacy.valid_hetu("131052-308t")
    assert privacy.valid_hetu("010594Y9032")  # the new century signs (2023)
    assert privacy.valid_hetu("010101A123N")
    assert not privacy.valid_hetu("131052-308U")  # check character
    assert not privacy.valid_hetu("310252-308T")  # 31 February
    assert not privacy.valid_hetu("131052-001T")  # individual numbers start at 002
    found = privacy.find("Hetu 131052-308T ja väärä 131052-308U.")
    assert [(f.kind, f.text) for f in found] == [("hetu", "131052-308T")]


def test_email_addresses_are_found() -> None:
    """Ordinary and plus-addressed e-mail addresses; the sentence's full stop is not part of it."""
    found = privacy.find("Laita viesti matti.meikalainen+tyo@example.fi. Tai a@b.co")
    assert [f.text for f in found] == ["matti.meikalainen+tyo@example.fi", "a@b.co"]
    assert {f.kind for f in found} == {"email"}


def test_redact_replaces_every_finding_and_keeps_the_rest() -> None:
    """Markers by kind; the words around stay as they were."""
    text = "Soita 040 123 4567 tai mailaa a@b.fi, hetu 131052-308T."
    labels = {"phone": "[puhelin]", "email": "[sähköposti]", "hetu": "[hetu]"}
    assert privacy.redact(text, labels.__getitem__) == (
        "Soita [puhelin] tai mailaa [sähköposti], hetu [hetu]."
    )
    assert privacy.redact("ei mitään") == "ei mitään"


def test_mask_hides_most_of_a_finding() -> None:
    """Warnings show enough to recognise the place, not the whole number."""
    assert privacy.mask("040 123 4567") == "040 *** **67"
    assert "123" not in privacy.mask("131052-308T")


def test_scan_and_redact_a_workshop_export() -> None:
    """Notes with personal data are located by contribution; the redacted copy has none left."""
    export = workshop_export()
    located = privacy.scan_export(export)
    assert [(item.where, item.finding.kind) for item in located] == [("contribution 4", "phone")]
    clean = privacy.redact_export(export)
    assert privacy.scan_export(clean) == []
    assert export["contributions"][3]["body"] == "Soita minulle 040 123 4567"  # original kept
    assert privacy.count_by_kind(privacy.find("a@b.fi 040 123 4567 c@d.fi")) == {
        "email": 2,
        "phone": 1,
    }
