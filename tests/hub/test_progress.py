"""The progress service ``voortgang`` on the real hub: own rows only, trainers see the group.

Everything goes through the hub's proxy at ``/services/voortgang/`` with real hub tokens,
except where a volunteer's own server would call it: on loopback, with the token the hub
gave that server (read from the running server's environment). People: volunteers g and h,
trainer t (tests/hub/conftest.py). Each test forgets g's and h's progress first, so none
depends on what another did before it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests

from coursekit.content.course import course
from coursekit.hub import PROGRESS_SERVICE
from coursekit.progress.client import ProgressClient, ProgressRefused
from coursekit.progress.model import ModuleProgress
from coursekit.text import learner
from tests.support.hub import Hub

pytestmark = [
    pytest.mark.hub,
    pytest.mark.skipif(os.geteuid() != 0, reason="makes Unix accounts: runs as root (as in CI)"),
]

FIRST, SECOND = (m.id for m in course().modules[1:3])


class Caller:
    """One person's hub token, calling the service through the proxy."""

    def __init__(self, hub: Hub, name: str) -> None:
        self.name = name
        self.base = f"{hub.url}/services/{PROGRESS_SERVICE}/"
        made = hub.api("POST", f"/users/{quote(name)}/tokens", json={"note": "voortgang-test"})
        self.token = str(made.json()["token"])

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"token {self.token}", **kwargs.pop("headers", {})}
        return requests.request(
            method, self.base + path, headers=headers, timeout=60, allow_redirects=False, **kwargs
        )

    def report(self, module_id: str, body: dict[str, Any]) -> requests.Response:
        return self.call("POST", f"api/mij/modules/{module_id}", json=body)

    def mine(self) -> dict[str, Any]:
        answer = self.call("GET", "api/mij")
        assert answer.status_code == 200, answer.text
        modules = answer.json()["modules"]
        assert isinstance(modules, dict)
        return modules


@pytest.fixture(scope="module")
def callers(hub: Hub, people: dict[str, str]) -> dict[str, Caller]:
    return {role: Caller(hub, people[role]) for role in ("g", "h", "t")}


@pytest.fixture
def g(callers: dict[str, Caller]) -> Caller:
    for role in ("g", "h"):
        assert callers[role].call("DELETE", "api/mij").status_code == 200
    return callers["g"]


def _refused(answer: requests.Response, status: int, sentence: str) -> None:
    assert answer.status_code == status, answer.text
    assert answer.headers["Content-Type"].startswith("application/json")
    assert answer.json() == {"fout": sentence}


def test_a_volunteer_keeps_her_first_opening_and_first_mastery(g: Caller) -> None:
    opened = g.report(FIRST, {"gebeurtenis": "begonnen"})
    assert opened.status_code == 200, opened.text
    assert opened.headers["Cache-Control"] == "no-store"
    assert "Server" not in opened.headers
    first = ModuleProgress.from_json(opened.json()["voortgang"])
    assert first.begonnen is not None and first.afgerond is None

    done = g.report(FIRST, {"gebeurtenis": "afgerond", "goed": 7, "van": 10}).json()
    mastered = ModuleProgress.from_json(done["voortgang"])
    assert (mastered.begonnen, mastered.goed, mastered.van) == (first.begonnen, 7, 10)
    again = g.report(FIRST, {"gebeurtenis": "afgerond", "goed": 10, "van": 10}).json()
    assert ModuleProgress.from_json(again["voortgang"]) == mastered
    assert g.report(FIRST, {"gebeurtenis": "begonnen"}).json() == done

    kept = g.mine()
    assert {k: ModuleProgress.from_json(v) for k, v in kept.items()} == {FIRST: mastered}


def test_a_volunteer_can_neither_read_nor_write_anothers_progress(
    g: Caller, callers: dict[str, Caller]
) -> None:
    h = callers["h"]
    assert h.report(SECOND, {"gebeurtenis": "begonnen"}).status_code == 200
    hers = h.mine()

    _refused(g.call("GET", "api/groep"), 403, learner.PROGRESS_TRAINERS_ONLY)
    assert g.mine() == {}
    # no way to name h: not in the body, not in the query, not in the path
    _refused(
        g.report(FIRST, {"gebeurtenis": "begonnen", "gebruiker": h.name}),
        400,
        learner.PROGRESS_BAD_BODY,
    )
    written = g.call(
        "POST", f"api/mij/modules/{FIRST}?gebruiker={h.name}", json={"gebeurtenis": "begonnen"}
    )
    assert written.status_code == 200  # the query is ignored: it is g's own row
    _refused(g.call("GET", f"api/gebruikers/{h.name}"), 404, learner.PROGRESS_NOT_FOUND)
    assert set(g.mine()) == {FIRST}
    assert h.mine() == hers
    # h's token is h's, and only in the header: not in the URL, not without one
    bare = requests.get(g.base + "api/mij", timeout=60)
    _refused(bare, 403, learner.PROGRESS_NOT_LOGGED_IN)
    in_url = requests.get(g.base + f"api/mij?token={h.token}", timeout=60)
    _refused(in_url, 403, learner.PROGRESS_NOT_LOGGED_IN)
    _refused(
        g.call("GET", "api/mij", headers={"Authorization": "token fout"}),
        403,
        learner.PROGRESS_NOT_LOGGED_IN,
    )


def test_a_trainer_reads_the_progress_of_the_whole_group(
    hub: Hub, g: Caller, callers: dict[str, Caller]
) -> None:
    h, t = callers["h"], callers["t"]
    g.report(FIRST, {"gebeurtenis": "afgerond", "goed": 4, "van": 5})
    h.report(SECOND, {"gebeurtenis": "begonnen"})
    answer = t.call("GET", "api/groep")
    assert answer.status_code == 200, answer.text
    assert answer.headers["Cache-Control"] == "no-store"
    everyone = answer.json()["gebruikers"]
    assert everyone[g.name] == g.mine()
    assert everyone[h.name] == h.mine()
    assert everyone[g.name][FIRST]["goed"] == 4
    # a token that may do nothing but call the service (like a server's) is enough
    narrow = hub.api(
        "POST",
        f"/users/{quote(t.name)}/tokens",
        json={
            "note": "alleen voortgang",
            "scopes": [f"access:services!service={PROGRESS_SERVICE}"],
        },
    ).json()["token"]
    answer = requests.get(
        t.base + "api/groep", headers={"Authorization": f"token {narrow}"}, timeout=60
    )
    assert answer.status_code == 200 and answer.json()["gebruikers"] == everyone


@pytest.mark.parametrize(
    ("path", "body", "status", "sentence"),
    [
        (
            "api/mij/modules/bestaat-niet",
            b'{"gebeurtenis": "begonnen"}',
            400,
            learner.PROGRESS_UNKNOWN_MODULE.format(module_id="bestaat-niet"),
        ),
        (f"api/mij/modules/{FIRST}", b"{niet json", 400, learner.PROGRESS_BAD_BODY),
        (
            f"api/mij/modules/{FIRST}",
            b'{"gebeurtenis": "afgerond", "goed": 11, "van": 10}',
            400,
            learner.PROGRESS_BAD_SCORE.format(most=100),
        ),
        (
            f"api/mij/modules/{FIRST}",
            b'{"gebeurtenis": "begonnen", "x": "' + b"a" * 2000 + b'"}',
            413,
            learner.PROGRESS_TOO_LARGE.format(limit=1024),
        ),
        ("api/mij/modules/", b"{}", 404, learner.PROGRESS_NOT_FOUND),
    ],
    ids=["unknown module", "not json", "bad score", "too large", "no module"],
)
def test_a_bad_report_gets_one_dutch_sentence_and_nothing_is_kept(
    g: Caller, path: str, body: bytes, status: int, sentence: str
) -> None:
    answer = g.call("POST", path, data=body, headers={"Content-Type": "application/json"})
    _refused(answer, status, sentence)
    assert answer.headers["Cache-Control"] == "no-store"
    assert "Server" not in answer.headers
    assert g.mine() == {}


def test_delete_forgets_everything_about_the_volunteer_only(
    g: Caller, callers: dict[str, Caller]
) -> None:
    h = callers["h"]
    g.report(FIRST, {"gebeurtenis": "begonnen"})
    g.report(SECOND, {"gebeurtenis": "afgerond", "goed": 3, "van": 3})
    h.report(FIRST, {"gebeurtenis": "begonnen"})
    forgotten = g.call("DELETE", "api/mij")
    assert forgotten.status_code == 200 and forgotten.json() == {"vergeten": 2}
    assert g.mine() == {}
    assert set(h.mine()) == {FIRST}


def _environment(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    pairs = (entry.split(b"=", 1) for entry in raw.split(b"\0") if b"=" in entry)
    return {key.decode(): value.decode() for key, value in pairs}


def test_a_volunteers_own_server_calls_the_service_with_its_server_token(
    hub: Hub, g: Caller
) -> None:
    """What Mijn cursus does: the client, on loopback, with the token the hub gave the server."""
    user = hub.start(g.name)
    model = hub.api("GET", f"/users/{quote(user.name)}").json()
    pid = model["servers"][""]["state"]["pid"]
    env = _environment(pid)
    assert env["JUPYTERHUB_USER"] == g.name
    client = ProgressClient.from_environment(env)
    assert client is not None and client.url.startswith("http://127.0.0.1:")
    assert env["JUPYTERHUB_API_TOKEN"] != g.token

    kept = client.record(FIRST, "afgerond", goed=9, van=10)
    assert (kept.goed, kept.van) == (9, 10) and kept.begonnen == kept.afgerond
    assert client.mine() == {FIRST: kept}
    assert set(g.mine()) == {FIRST}  # the server wrote g's row, through her own name
    with pytest.raises(ProgressRefused, match="Er is geen module 'bestaat-niet'"):
        client.record("bestaat-niet", "begonnen")
    assert client.forget() == 1
    assert g.mine() == {}
    # What the service learns from a server token (HubAuth asks /hub/api/user): the name and
    # the groups, which the hub always gives for the token's owner (it decides who is a
    # trainer), and the scope to call the service; nothing more.
    own = requests.get(
        f"{hub.url}/hub/api/user",
        headers={"Authorization": f"token {env['JUPYTERHUB_API_TOKEN']}"},
        timeout=60,
    ).json()
    assert (own["name"], own["groups"]) == (g.name, [])
    assert f"access:services!service={PROGRESS_SERVICE}" in own["scopes"]
    assert not any(scope.startswith("read:users!") for scope in own["scopes"])
    assert f"Service {PROGRESS_SERVICE} exited" not in hub.log.read_text()


# Issue 18, part "bewijs": the Bewijs van deelname's calls, in the service the hub started
# (python -m coursekit.hub_progress, in the course folder, the gradebook in PostgreSQL).
def test_the_certificate_calls_answer_each_caller_about_themselves(
    callers: dict[str, Caller],
) -> None:
    for role in ("g", "t"):  # no final assessment passed: none, and no PDF
        answer = callers[role].call("GET", "api/bewijs")
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"staat": "geen"}
        assert answer.headers["Cache-Control"] == "no-store"
        _refused(callers[role].call("GET", "api/bewijs/pdf"), 409, learner.PROGRESS_CERT_NOT_READY)
    _refused(
        requests.get(callers["g"].base + "api/bewijs", timeout=60),
        403,
        learner.PROGRESS_NOT_LOGGED_IN,
    )
