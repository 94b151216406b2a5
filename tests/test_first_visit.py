"""First visit and home page wording: create the first account (not "log in"), no promise the
browser cannot keep, and the API key explained on a settings page."""

from __future__ import annotations

import hashlib
import re

import pytest
from flask import Flask

from facilitator.extensions import db
from facilitator.models import User
from tests.conftest import PASSWORD

LOG_IN = {"fi": "Kirjaudu sisään", "sv": "Logga in", "en": "Log in"}
CREATE = {
    "fi": "Luo ensimmäinen vetäjän tili",
    "sv": "Skapa det första handledarkontot",
    "en": "Create the first facilitator account",
}
LATER = {
    "fi": "voit lisätä",
    "sv": "kan lägga till",
    "en": "You can add more facilitators later",
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_first_visit_asks_to_create_the_first_account(app: Flask, lang: str) -> None:
    client = app.test_client()
    client.get(f"/setup?lang={lang}")
    first = client.get("/console/1")  # any page that needs a facilitator
    assert first.status_code == 302 and first.headers["Location"].endswith("/setup")
    page = client.get("/setup").get_data(as_text=True)
    assert CREATE[lang] in page
    assert LOG_IN[lang] not in page  # the bug: "Log in to continue." with no account to log in
    assert LATER[lang].lower() not in page.lower()
    assert "facilitator users create" in page  # how more facilitators get accounts today


def test_with_an_account_a_protected_page_asks_to_log_in_and_returns(
    app: Flask, facilitator: User
) -> None:
    client = app.test_client()
    response = client.get("/console/7?x=1")
    assert response.status_code == 302
    assert re.search(r"/login\?next=%2Fconsole%2F7%3Fx%3D1$", response.headers["Location"])
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Kirjaudu sisään, niin voit jatkaa." in page
    back = client.post(
        "/login?next=%2Fconsole%2F7%3Fx%3D1",
        data={"username": facilitator.username, "password": PASSWORD},
    )
    assert back.headers["Location"] == "/console/7?x=1"


def _logged_in(app: Flask, user: User):  # type: ignore[no-untyped-def]
    client = app.test_client()
    client.post("/login", data={"username": user.username, "password": PASSWORD})
    return client


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_home_links_settings_and_no_api_jargon(app: Flask, facilitator: User, lang: str) -> None:
    client = _logged_in(app, facilitator)
    home = client.get(f"/?lang={lang}").get_data(as_text=True)
    assert "API" not in home
    assert 'href="/account"' in home
    settings = client.get("/account").get_data(as_text=True)
    assert {"fi": "Asetukset", "sv": "Inställningar", "en": "Settings"}[lang] in settings
    explained = {
        "fi": "Useimmat vetäjät eivät tarvitse avainta koskaan.",
        "sv": "De flesta handledare behöver aldrig någon.",
        "en": "Most facilitators never need one.",
    }
    assert explained[lang] in settings


def test_the_settings_page_makes_a_key_and_says_one_exists(app: Flask, facilitator: User) -> None:
    client = _logged_in(app, facilitator)
    assert "You have no API key." in client.get("/account?lang=en").get_data(as_text=True)
    page = client.post("/account/token").get_data(as_text=True)
    token = re.search(r'id="api-token">([^<]+)<', page).group(1)  # type: ignore[union-attr]
    with app.app_context():
        user = db.session.get(User, facilitator.id)
        assert user is not None
        assert user.api_token_hash == hashlib.sha256(token.encode()).hexdigest()
    settings = client.get("/account").get_data(as_text=True)
    assert "You have an API key." in settings and token not in settings
    assert "Make a new API key" in settings


def test_settings_need_a_login(app: Flask, facilitator: User) -> None:
    response = app.test_client().get("/account")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
