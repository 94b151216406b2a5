"""The HTTP JSON API: token auth, ownership, create from a kit, the error shape, and the
OpenAPI document exercised by schemathesis."""

from __future__ import annotations

import hashlib
import secrets

import jsonschema_rs
import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings

from facilitator.extensions import db
from facilitator.models import User, Workshop
from tests.conftest import act
from tests.realtime.helpers import message

ERROR_KEYS = {"ok", "error"}


def _make_user(app: Flask, username: str) -> tuple[int, str]:
    token = secrets.token_urlsafe(32)
    with app.app_context():
        user = User(username=username, display_name=username)
        user.set_password("a long enough password")
        user.api_token_hash = hashlib.sha256(token.encode()).hexdigest()
        db.session.add(user)
        db.session.commit()
        return user.id, token


@pytest.fixture()
def api(app: Flask, facilitator: User):
    """(client, headers) for the facilitator of make_room, with a fresh API token."""
    token = secrets.token_urlsafe(32)
    with app.app_context():
        user = db.session.get(User, facilitator.id)
        assert user is not None
        user.api_token_hash = hashlib.sha256(token.encode()).hexdigest()
        db.session.commit()
    return app.test_client(), {"Authorization": f"Bearer {token}"}


def _is_error(response, status: int, code: str) -> None:
    assert response.status_code == status, response.data
    body = response.get_json()
    assert set(body) == ERROR_KEYS and body["ok"] is False
    assert body["error"]["code"] == code
    assert body["error"]["message"] == message(code)


PROTECTED = [
    "/api/v1/kits",
    "/api/v1/workshops",
    "/api/v1/workshops/1",
    "/api/v1/workshops/1/export.json",
]
BAD_HEADERS = [None, "", "Bearer", "Bearer ", "Bearer wrong-token", "Basic dXNlcjpwYXNz", "Token x"]


def test_missing_or_wrong_token_is_401_in_the_error_shape(app, api):
    client, headers = api
    for path in PROTECTED:
        for header in BAD_HEADERS:
            sent = {} if header is None else {"Authorization": header}
            _is_error(client.get(path, headers=sent), 401, "unauthorized")
    # The right token with another scheme word is still refused.
    token = headers["Authorization"].split(" ", 1)[1]
    _is_error(
        client.get(PROTECTED[0], headers={"Authorization": f"Token {token}"}), 401, "unauthorized"
    )
    assert client.get(PROTECTED[0], headers=headers).status_code == 200


def test_post_without_token_is_401_and_creates_nothing(app, api):
    client, _ = api
    _is_error(client.post("/api/v1/workshops", json={"kit": "demo"}), 401, "unauthorized")
    with app.app_context():
        assert db.session.query(Workshop).count() == 0


def test_kits(api):
    client, headers = api
    body = client.get("/api/v1/kits", headers=headers).get_json()
    demo = next(k for k in body["kits"] if k["id"] == "demo")
    assert demo["title"]["en"] == "Try-out – ideas and voting"
    assert demo["phases"] == [
        {"id": "ideas", "method": "brainstorm"},
        {"id": "vote", "method": "dot_voting"},
    ]


def test_create_list_read_export(app, api):
    client, headers = api
    response = client.post(
        "/api/v1/workshops",
        json={"kit": "demo", "title": "Kevään työpaja", "place": "Tampere", "locale": "sv"},
        headers=headers,
    )
    assert response.status_code == 201, response.data
    created = response.get_json()
    assert created["title"] == "Kevään työpaja"
    assert created["status"] == "draft" and created["locale"] == "sv" and created["kit"] == "demo"
    assert len(created["join_code"]) == 6
    # Default title from the kit, in the workshop's language.
    second = client.post("/api/v1/workshops", json={"kit": "demo", "locale": "en"}, headers=headers)
    assert second.get_json()["title"] == "Try-out – ideas and voting"
    listed = client.get("/api/v1/workshops", headers=headers).get_json()["workshops"]
    assert [w["id"] for w in listed] == [second.get_json()["id"], created["id"]]
    detail = client.get(f"/api/v1/workshops/{created['id']}", headers=headers).get_json()
    assert detail["state"]["role"] == "facilitator"
    assert detail["state"]["phase"]["title"] == "Tankar"
    export = client.get(f"/api/v1/workshops/{created['id']}/export.json", headers=headers)
    assert export.status_code == 200
    assert "attachment" in export.headers["Content-Disposition"]
    assert export.get_json()["workshop"]["title"] == "Kevään työpaja"


def test_export_carries_what_the_room_wrote(app, api, make_room):
    client, headers = api
    room = make_room()
    console = room.console()
    phone = room.join("Anna", "client")
    act(console, "workshop.start")
    act(phone.sock, "note.add", {"text": "Matala kynnys"})
    export = client.get(f"/api/v1/workshops/{room.id}/export.json", headers=headers).get_json()
    assert "Matala kynnys" in repr(export)
    assert "token" not in repr(export).lower().replace("projector_token", "")


BAD_BODIES = [
    ({}, "kit"),
    ({"kit": ""}, "kit"),
    ({"kit": "nope"}, "kit"),
    ({"kit": "demo", "locale": "de"}, "locale"),
    ({"kit": "demo", "title": "x" * 201}, "title"),
    ({"kit": "demo", "owner": 2}, "owner"),
    ({"kit": 5}, "kit"),
]


def test_bad_body_is_422(app, api):
    client, headers = api
    for body, field in BAD_BODIES:
        response = client.post("/api/v1/workshops", json=body, headers=headers)
        assert response.status_code == 422, (body, response.data)
        error = response.get_json()["error"]
        assert error["code"] == "invalid"
        assert field in error["message"], body
    with app.app_context():
        assert db.session.query(Workshop).count() == 0


def test_body_that_is_not_an_object_is_400(api):
    client, headers = api
    for data in ("not json", "[1, 2]", '"demo"', "null"):
        response = client.post(
            "/api/v1/workshops", data=data, headers={**headers, "Content-Type": "application/json"}
        )
        _is_error(response, 400, "bad_request")


def test_a_facilitator_sees_only_their_own_workshops(app, api, make_room):
    client, headers = api
    mine = make_room()
    _, other_token = _make_user(app, "toinen")
    other = {"Authorization": f"Bearer {other_token}"}
    assert client.get("/api/v1/workshops", headers=other).get_json() == {"workshops": []}
    _is_error(client.get(f"/api/v1/workshops/{mine.id}", headers=other), 404, "not_found")
    _is_error(
        client.get(f"/api/v1/workshops/{mine.id}/export.json", headers=other), 404, "not_found"
    )
    assert client.get(f"/api/v1/workshops/{mine.id}", headers=headers).status_code == 200
    # Not found looks the same as someone else's.
    _is_error(client.get("/api/v1/workshops/999999", headers=headers), 404, "not_found")


def test_huge_and_negative_ids_are_404(api):
    client, headers = api
    for wid in ("99999999999999999999999", "-1", "0", "abc"):
        for tail in ("", "/export.json", "/minutes.md"):
            response = client.get(f"/api/v1/workshops/{wid}{tail}", headers=headers)
            _is_error(response, 404, "not_found")


def test_unknown_api_paths_and_methods_use_the_error_shape(api):
    client, headers = api
    _is_error(client.get("/api/v1/nothing", headers=headers), 404, "not_found")
    response = client.delete("/api/v1/workshops", headers=headers)
    assert response.status_code == 405
    assert response.get_json()["ok"] is False


def test_every_api_route_is_documented(app):
    import re

    doc = app.test_client().get("/api/openapi.json").get_json()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        assert path in doc["paths"], path
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in doc["paths"][path], (method, path)


def test_openapi_document_is_valid_and_lists_the_api(api):
    client, _ = api
    doc = client.get("/api/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    assert set(doc["paths"]) >= {
        "/api/v1/kits",
        "/api/v1/workshops",
        "/api/v1/workshops/{workshop_id}",
        "/api/v1/workshops/{workshop_id}/export.json",
    }
    assert doc["components"]["securitySchemes"]["bearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": doc["components"]["securitySchemes"]["bearer"]["description"],
    }
    # Every response schema is a valid JSON Schema (2020-12, as OpenAPI 3.1 uses).
    for schema in doc["components"]["schemas"].values():
        jsonschema_rs.meta.validate(schema)
    error = jsonschema_rs.Draft202012Validator(doc["components"]["schemas"]["Error"])
    assert error.is_valid({"ok": False, "error": {"code": "unauthorized", "message": "…"}})
    assert not error.is_valid({"ok": True, "error": {"code": "x", "message": "…"}})
    assert not error.is_valid({"ok": False, "error": {"code": "x"}})


def test_schemathesis_finds_no_server_error_and_responses_fit_the_schema(app, api, make_room):
    """Generated requests with a valid token: no 5xx, every response conforms."""
    _client, headers = api
    room = make_room()
    console = room.console()
    phone = room.join("Anna", "client")
    act(console, "workshop.start")
    act(phone.sock, "note.add", {"text": "Idea"})
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    labels = {op.label for op in operations}
    assert labels >= {
        "GET /api/v1/kits",
        "GET /api/v1/workshops",
        "POST /api/v1/workshops",
        "GET /api/v1/workshops/{workshop_id}",
        "GET /api/v1/workshops/{workshop_id}/export.json",
        "GET /api/v1/workshops/{workshop_id}/minutes.{fmt}",
    }
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:
            if (
                "workshop_id" in (case.path_parameters or {})
                and case.path_parameters["workshop_id"] % 2
            ):
                case.path_parameters["workshop_id"] = room.id  # an id that exists, half the time
            case.call_and_validate(headers=headers)

        check()
