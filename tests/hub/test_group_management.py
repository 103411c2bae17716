"""Groep beheren on the real hub: a trainer adds, resets, removes and erases a volunteer
through the course service's pages, and the hub refuses everyone and everything else.

The shared hub of tests/hub runs the production configuration as root with real Unix
accounts; the test hub logs in with DummyAuthenticator's one password, so the generated
passwords are checked with real PAM (``pamela``, as root), as production logs in.
"""

from __future__ import annotations

import json
import pwd
import re
import stat
import subprocess
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pamela
import pytest
import requests
from sqlalchemy import create_engine

from coursekit.content.course import course as course_map
from coursekit.hub import COURSE_ID
from coursekit.overview.actions import read_actions
from coursekit.progress import store
from tests.support.hub import PASSWORD, Hub

pytestmark = pytest.mark.hub


def _session(hub: Hub, name: str) -> requests.Session:
    """A session that acts as ``name`` with an API token of theirs (no server started)."""
    token = hub.api("POST", f"/users/{quote(name)}/tokens", json={"note": "beheer"}).json()
    session = requests.Session()
    session.headers["Authorization"] = f"token {token['token']}"
    return session


def _post(session: requests.Session, url: str, **form: str) -> requests.Response:
    """A form on the page, sent as the browser does (with the page's _xsrf value)."""
    page = session.get(url.rsplit("/groep", 1)[0] + "/groep", timeout=60)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text)
    assert xsrf, page.text[:500]
    return session.post(url, data={"_xsrf": xsrf.group(1), **form}, timeout=120)


def _password(page: requests.Response) -> str:
    found = re.search(r'id="wachtwoord">([^<]+)<', page.text)
    assert found, page.text[:2000]
    return found.group(1)


def _pam(name: str, password: str) -> bool:
    try:
        pamela.authenticate(name, password, service="login")
    except pamela.PAMError:
        return False
    return True


def _hub_login(hub: Hub, name: str) -> bool:
    """The hub's login form (DummyAuthenticator's password): True when it lets ``name`` in."""
    session = requests.Session()
    session.get(f"{hub.url}/hub/login", timeout=60)
    done = session.post(
        f"{hub.url}/hub/login",
        data={"username": name, "password": PASSWORD, "_xsrf": session.cookies.get("_xsrf")},
        allow_redirects=False,
        timeout=60,
    )
    return done.status_code == 302 and bool(session.cookies.get("jupyterhub-session-id"))


def _student(gradebook_url: str, name: str) -> tuple[str, str] | None:
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(gradebook_url) as gradebook:
        try:
            student = gradebook.find_student(name)
        except MissingEntry:
            return None
        return student.first_name, student.last_name


def _shadow(name: str) -> str:
    for line in Path("/etc/shadow").read_text(encoding="utf-8").splitlines():
        if line.split(":")[0] == name:
            return line
    return ""


def test_a_trainer_adds_resets_removes_and_erases_a_volunteer_without_a_restart(
    hub: Hub, people: dict[str, str]
) -> None:
    pages = f"{hub.url}/services/{COURSE_ID}/groepsoverzicht"
    trainer = _session(hub, people["t"])
    new = people["s"][:7] + "nw"
    try:
        listed = trainer.get(f"{pages}/groep", timeout=60)
        assert listed.status_code == 200, listed.text[:2000]
        assert people["m"] in listed.text and people["t"] not in listed.text.split("<main")[1]

        # Add: a Unix account in the homes folder, a hub user, in the gradebook; at once.
        added = _post(
            trainer, f"{pages}/groep/toevoegen", naam=new, voornaam="Nel", achternaam="Nieuw"
        )
        assert added.status_code == 200, added.text[:3000]
        assert f"{new} is toegevoegd en kan nu inloggen." in added.text
        first = _password(added)
        entry = pwd.getpwnam(new)
        home = Path(entry.pw_dir)
        assert home == hub.folder / "homes" / new and stat.S_IMODE(home.stat().st_mode) == 0o700
        assert _pam(new, first), "the generated password opens the account (PAM)"
        assert first not in hub.log.read_text(errors="replace"), "never logged"
        assert _hub_login(hub, new), "logs in on the hub without a restart"
        assert _student(hub.gradebook_url, new) == ("Nel", "Nieuw")
        # A double click, or a name already on the hub: the name is registered, nothing more.
        again = _post(trainer, f"{pages}/groep/toevoegen", naam=new, voornaam="Nel", achternaam="N")
        assert again.status_code == 200 and "Het wachtwoord is niet veranderd" in again.text
        assert 'id="wachtwoord"' not in again.text and _pam(new, first)
        assert _student(hub.gradebook_url, new) == ("Nel", "N")

        # New password: the old one no longer opens the account.
        reset = _post(trainer, f"{pages}/groep/{new}/wachtwoord")
        assert reset.status_code == 200 and f"{new} heeft een nieuw wachtwoord." in reset.text
        second = _password(reset)
        assert second != first and _pam(new, second) and not _pam(new, first)

        # Remove: no login any more (hub and PAM); account, home and gradebook kept.
        removed = _post(trainer, f"{pages}/groep/{new}/verwijderen")
        assert removed.status_code == 200 and "kan niet meer inloggen" in removed.text
        assert not _hub_login(hub, new) and not _pam(new, second)
        assert home.is_dir() and _student(hub.gradebook_url, new) is not None

        # Erase: a typo erases nothing; the name typed over erases everything.
        engine = create_engine(hub.gradebook_url)
        store.upgrade(engine)
        store.record(engine, new, course_map().modules[0].id, "begonnen")
        (
            hub.exchange / COURSE_ID / "inbound" / f"{new}+x+2026-01-01 10:00:00.000000 UTC+ab"
        ).mkdir()
        typo = _post(trainer, f"{pages}/groep/{new}/wissen", bevestiging=new + "x")
        assert typo.status_code == 400 and "Er is niets gewist" in typo.text
        assert pwd.getpwnam(new)
        # Half-way: a process of theirs still runs, so the account cannot go; the page says
        # what was done (the exchange, the course's data) and what not (the account).
        ids = [f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups"]
        busy = subprocess.Popen(["setpriv", *ids, "sleep", "120"])
        try:
            half = _post(trainer, f"{pages}/groep/{new}/wissen", bevestiging=new)
        finally:
            busy.kill()
            busy.wait()
        assert half.status_code == 500, half.text[:3000]
        text = unescape(half.text)
        assert "Niet alles is gelukt." in text
        assert f"Niet gelukt: Het account {new} kon niet worden gewist" in text
        assert "Gedaan: uit het cijferboek gehaald" in text and home.is_dir()
        assert _student(hub.gradebook_url, new) is None and pwd.getpwnam(new)
        # Erasing again finishes the hub's part.
        erased = _post(trainer, f"{pages}/groep/{new}/wissen", bevestiging=new)
        assert erased.status_code == 200, erased.text[:3000]
        assert f"Alles van {new} is gewist." in erased.text
        with pytest.raises(KeyError):
            pwd.getpwnam(new)
        assert not home.exists()
        assert not list((hub.exchange / COURSE_ID / "inbound").glob(f"{new}+*"))
        assert _student(hub.gradebook_url, new) is None
        assert store.mine(engine, new) == {}
        engine.dispose()
        log = [a for a in read_actions(hub.course) if a.student == new]
        assert [a.action for a in log] == [
            "toevoegen",
            "toevoegen",
            "wachtwoord",
            "verwijderen",
            "wissen",
            "wissen",
        ]
        assert all(a.by == people["t"] for a in log) and log[-1].forced
        assert log[-2].detail.startswith("deels gedaan: ") and "niet gelukt: " in log[-2].detail
        journal = trainer.get(f"{pages}/logboek", timeout=60).text
        assert journal.index("wissen") < journal.index("toevoegen"), "newest first"
    finally:
        subprocess.run(["userdel", "--remove", new], capture_output=True, check=False)


def test_a_volunteer_is_refused_and_a_trainer_reaches_no_other_account(
    hub: Hub, people: dict[str, str]
) -> None:
    pages = f"{hub.url}/services/{COURSE_ID}/groepsoverzicht"
    volunteer = _session(hub, people["m"])
    assert volunteer.get(f"{pages}/groep", timeout=60).status_code == 403
    api = f"{hub.url}/hub/api/coursekit/vrijwilligers"
    assert volunteer.get(api, timeout=60).status_code == 403
    refused = volunteer.post(f"{api}/{people['m']}", data=json.dumps({"actie": "wachtwoord"}))
    assert refused.status_code == 403

    trainer = _session(hub, people["t"])
    assert trainer.get(api, timeout=60).status_code == 403, "only the course service's token"
    before = {name: _shadow(name) for name in (people["t"], people["s"], "root")}
    sentences = {
        people["t"]: "is een trainer",
        people["s"]: "is een account van de server zelf",
        "root": "is een account van de server zelf",
        "ckonbekend": "is geen vrijwilliger van deze cursus",
        "a%2Fb": "kan geen gebruikersnaam zijn",
    }
    for name, sentence in sentences.items():
        for action in ("wachtwoord", "verwijderen"):
            answer = _post(trainer, f"{pages}/groep/{name}/{action}")
            assert answer.status_code == 400 and sentence in answer.text, (name, action)
        shown = name.replace("%2F", "/")
        erase = _post(trainer, f"{pages}/groep/{name}/wissen", bevestiging=shown)
        assert erase.status_code in (400, 404) and sentence in erase.text, name
    assert before == {name: _shadow(name) for name in before}, "no account changed"
    assert pwd.getpwnam(people["t"]) and pwd.getpwnam(people["s"])
