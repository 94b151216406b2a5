"""Stop words for keyword counting: function words, pronouns and the commonest auxiliaries.

Each set holds both surface forms and base forms, so it works before and after lemmatisation
(and for stemmed fallbacks, which are checked against the surface word).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a block of text."""
    return frozenset(text.split())


FINNISH = _words(
    """
    aina alla alle ehkä ei eikä eivät emme en enemmän ennen entä et ette että eli esim
    he heidän heille heitä heistä hieman hyvin hän hänen hänelle häntä hänestä
    ihan ilman itse itsensä ja jo johon joiden joihin joilla joille joilta joissa joista joita
    joka jokainen jokin joku jolla jolle jolta jona jonka jos jossa josta jota jotain jotakin
    jotka jotta juuri kanssa koko kaikki kaikkea kaikkien kaikille kaiken kautta koska kuin kuinka
    kuka kun kyllä lisäksi liian me meidän meille meitä meistä mikin mikä mikään mille millä
    miltä minkä minua minulla minulle minulta minun minusta minä missä mistä mitä mitään miten
    mukaan mutta muu muut muita myös mä ne niiden niin niitä niistä niihin niissä noin nyt nämä
    näiden näitä näistä oikein oli olimme olin olisi olisivat olit olitte olivat olla ollut
    olleet olemme olen olet olette on oma oman omaa omat ovat paljon pitää pitäisi pitäis saa
    sama se sekä sen siihen siinä siis siitä sille silloin siltä sinne sinua sinulla sinulle
    sinun sinä sitten sitä sillä sinä taas tai te teidän teille teitä tulee tuo tuon tähän tämä
    tämän tätä tässä tästä tälle täällä täytyy vaan vai vaikka vain vielä voi voida voidaan
    voisi voivat yli yms. yhä
    """
)

SWEDISH = _words(
    """
    alla allt andra att av bara bli blev blir både dag de dem den denna deras dess dessa det
    detta dig din dina ditt du där då efter eftersom ej eller en er era ert ett får för
    från genom ha hade han har hans hennes hon honom hos hur här i icke igen ingen inget inga
    inom inte innan ja jag ju kan kunde kunna man med mellan men mer mest mig min mina mitt
    mot mycket måste ni nog någon något några när nu och också om oss på redan sedan sig sin
    sina sitt ska skall skulle som så sådan samma till under upp ut utan vad var vara varit
    vem vi vid vilka vilken vilket vår våra vårt väl än ännu även åt över
    """
)

ENGLISH = _words(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further get got had has have having he her here hers herself him himself his how i if in
    into is it its itself just let me more most must my myself no nor not now of off on once
    only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves
    """
)

STOP_WORDS: dict[str, frozenset[str]] = {"fi": FINNISH, "sv": SWEDISH, "en": ENGLISH}


def stop_words(language: str) -> frozenset[str]:
    """The stop words of a language (empty for an unknown one)."""
    return STOP_WORDS.get(language, frozenset())
