"""Stop words for keyword counting, and the background list of very common field words.

Stop words (function words, pronouns, the commonest auxiliaries, and for Finnish the spoken
forms people type on phones: mä, ei oo, ku, ni, niinku) are never terms. Each set holds both
surface forms and base forms, so it works before and after lemmatisation (and for stemmed
fallbacks, which are checked against the surface word).

The **background** words are words of the field that turn up in every workshop of social,
health and employment services (client, service, group, work, good…). They stay terms — a note
about "palvelu" still relates to another one — but weigh less as keywords and theme labels, so
a word that is everywhere does not lead every phase. Lists are base forms (as the lemmatisers
give them) plus the commonest written forms, so stems match them too.
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
    mä sä mun sun mulla sulla mulle sulle multa sulta musta susta meil teil niil hänel
    oo ole oon ois oisi olis ollu ollut olla ei eikä ku kun ni nii niin niinku et ettei
    jotai jotain mitää mitään vähä vähän kans kanssa sit sitte sitten tos täs siel tääl
    viel vielä ees edes joku jotku jokin tosi ihan aina vaa vaan nyt just juu joo jne tms
    esim mm ite itte ittensä tarvi tarvii pitäis pitää ollaan oot ootte ovat olen
    toinen toisen toiseen toiselle toista kukaan kenenkään mikään jokainen jokaisen kumpikin
    molemmat eri sama samaa kerta kerran kertaa kerralla kerralle asti saakka vasta
    yksi yks kaksi kolme neljä viisi
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

BACKGROUND_FINNISH = _words(
    """
    asiakas asiakkaat asiakkaan asia asiat asioita palvelu palvelut palvelun palveluja
    ryhmä ryhmät ryhmässä työ työt työn töitä hyvä hyvin hyviä ihminen ihmiset ihmisiä
    tärkeä tärkeää saada tulla mennä tehdä olla tarvita tarve tuki tukea auttaa apu
    kehittää kehittäminen kehitys toiminta toimia toimintamalli ammattilainen työntekijä
    tieto aika kerta päivä paljon uusi oma yhdessä yhteinen mahdollisuus mahdollista
    ohjaus kokemus kokea kysymys vastaus tilanne elämä arki muu kaikki joku jokin
    """
)

BACKGROUND_SWEDISH = _words(
    """
    klient klienten klienter kund tjänst tjänster tjänsten service grupp gruppen grupper
    arbete arbetet jobb bra god viktig viktigt människa människor person sak saker få
    komma göra vara behöva behov stöd stödja hjälp hjälpa utveckla utveckling verksamhet
    personal professionell information tid gång dag ny egen tillsammans möjlighet
    handledning erfarenhet fråga svar situation liv vardag
    """
)

BACKGROUND_ENGLISH = _words(
    """
    client clients customer service services group groups work job good well important
    person people thing things get come make do be need needs support help develop
    development activity staff professional information time day new own together
    possibility guidance experience question answer situation life everyday
    """
)

BACKGROUND: dict[str, frozenset[str]] = {
    "fi": BACKGROUND_FINNISH,
    "sv": BACKGROUND_SWEDISH,
    "en": BACKGROUND_ENGLISH,
}


def stop_words(language: str) -> frozenset[str]:
    """The stop words of a language (empty for an unknown one)."""
    return STOP_WORDS.get(language, frozenset())


def background_words(language: str) -> frozenset[str]:
    """The very common field words of a language (empty for an unknown one)."""
    return BACKGROUND.get(language, frozenset())
