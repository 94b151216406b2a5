"""A small bundled thesaurus of the field: word families that mean one thing in a workshop of
social, health and employment services (getting about, money and benefits, health and coping,
studies…), so suggested themes can group notes that say the same in other words ("bussi" and
"kyyti", "kela" and "toimeentulotuki").

Only suggested themes use it (never keywords, labels or counts), and only as a hint: a concept
shared by two notes weighs less than a word they share. Finnish only for now; base forms as
the lemmatisers give them (a stemmer's terms are matched by stemming these words the same way).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

FINNISH: dict[str, str] = {
    "liikkuminen": """bussi auto ajokortti kyyti kimppakyyti matka kulkea kulkeminen liikenne juna
        taksi kuljetus lippu bussilippu matkakulu matkakortti pyörä kävellä kaukana lähellä""",
    "raha": """raha maksaa maksu hinta kallis halpa ilmainen toimeentulotuki asumistuki palkka
        tulo tienata velka vuokra karenssi korvaus kulukorvaus etuus säästää tuki sovittelu
        rahoitus""",
    "terveys": """terveys sairaus sairas kipu kipeä selkä masennus mielenterveys jaksaa jaksaminen
        väsymys väsyä uni lääkäri hoito sairausloma työkyky kuntoutus kunto voimavara voima""",
    "työelämä": """työpaikka palkkatyö työnantaja työkokeilu työhaastattelu haastattelu cv
        hakemus työnhaku työllistyä työllistyminen ammatti ura firma yritys palkata""",
    "opiskelu": """koulu opiskella opiskelu opinto opinnot kurssi koulutus tutkinto ammattikoulu
        yhteishaku todistus oppia oppiminen opettaa taito osaaminen""",
    "yhteisö": """vertainen vertaistuki porukka kaveri työkaveri ystävä seura yksinäisyys yksin
        yhteisö ilmapiiri kuulua joukko tarina ymmärtää jakaa""",
    "aikataulu": """kiire aamu ilta iltainen viikonloppu aukioloaika aikataulu rytmi jono jonottaa
        odottaa viikko kuukausi nopea heti hidas myöhässä""",
    "ruoka": """kahvi pulla ruoka lounas eväs purtava syödä nälkä voileipä tarjoilu""",
    "viestintä": """viesti whatsapp sähköposti puhelin soittaa puhelu kirje ilmoitus muistutus
        tiedote tiedottaa tavoittaa takaisinsoitto""",
    "asiointi": """lomake paperi hakemus byrokratia päätös kela asiointi virasto luukku lähete
        sossu sosiaalitoimisto te-toimisto maksusitoumus""",
    "luottamus": """luottaa luottamus tuttu kuunnella kohdata kohtaaminen arvostaa usko uskoa
        rohkaista rohkaisu kannustaa kannustus itseluottamus kunnioittaa""",
    "tavoite": """tavoite askel porras tavoiteporras suunnitelma edistyä edistyminen seuranta
        saavuttaa päämäärä""",
    "arki": """asunto asuminen koti lapsi lastenhoito päiväkoti perhe häätö velkaneuvonta arki""",
    "digi": """tietokone kännykkä sovellus netti digi verkkopalvelu chat digitaito""",
    "liikunta": """retki luonto liikunta lenkki kävely sali ulkoilu urheilu laavu""",
    "selkeys": """selkokieli selkeä selvä ymmärrettävä kieli ohje virkakieli kuva""",
    "vapaaehtoisuus": """pakko vapaaehtoinen vapaaehtoisuus pakottaa painostaa päättää valita
        oma itse""",
}

LEXICONS: dict[str, dict[str, str]] = {"fi": FINNISH}


@cache
def _words(language: str) -> tuple[tuple[str, str], ...]:
    """(word, concept) pairs of a language's thesaurus."""
    return tuple(
        (word, concept)
        for concept, words in LEXICONS.get(language, {}).items()
        for word in words.split()
    )


_BY_ANALYSER: dict[str, dict[str, str]] = {}


def concepts(language: str, key: str, analyse: Callable[[str], str]) -> dict[str, str]:
    """Term → concept for one analyser (``key`` names it; ``analyse`` gives a word's term)."""
    found = _BY_ANALYSER.get(key)
    if found is None:
        found = {}
        for word, concept in _words(language):
            term = analyse(word)
            if term:
                found.setdefault(term, concept)
        _BY_ANALYSER[key] = found
    return found
