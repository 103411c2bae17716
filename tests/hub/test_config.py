"""coursekit.hub and deploy/jupyterhub without a running hub (tests/hub runs a real one)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import Environment, FileSystemLoader, PrefixLoader
from jupyterhub._data import DATA_FILES_PATH
from traitlets.config import Config

from coursekit.content.errors import CourseDataError
from coursekit.hub import (
    MAX_LOGIN_DAYS,
    SITE_FORGET_PATH,
    SITE_STATEMENT_PATH,
    TOKEN_CHECK_SECONDS,
    TRAINER_URL,
    VOLUNTEER_URL,
    HubCourse,
    HubUsers,
    configure,
    formgrader_group,
    load_users,
)
from coursekit.hub_idle import IdleLogout
from coursekit.hub_pages import DutchPage
from coursekit.site.hooks import FORGET_PATH
from coursekit.site.statement import STATEMENT_PATH
from tests.support.course import ROOT

DEPLOY = ROOT / "deploy" / "jupyterhub"
JUPYTERHUB_TEMPLATES = Path(DATA_FILES_PATH) / "templates"
# JupyterHub's pages a volunteer can reach on this hub (admin.html is for admins; oauth.html
# and accept-share.html never show: the course's services skip the consent page and
# sharing is off).
VOLUNTEER_PAGES = {
    "page.html",
    "login.html",
    "home.html",
    "spawn.html",
    "spawn_pending.html",
    "not_running.html",
    "stop_pending.html",
    "error.html",
    "404.html",
    "logout.html",
    "token.html",
}


def _configured(tmp_path: Path) -> Config:
    c = Config()
    users = HubUsers(trainers=["trainer1"], volunteers=["anna", "zoë"])
    configure(c, HubCourse(ROOT, tmp_path / "exchange", "postgresql+psycopg://x@/gb", users))
    return c


def test_trainers_alone_may_use_the_course_service(tmp_path: Path) -> None:
    c = _configured(tmp_path)
    group = formgrader_group()
    assert c.JupyterHub.load_groups == {group: {"users": ["trainer1"]}}
    roles = {role["name"]: role for role in c.JupyterHub.load_roles}
    assert "access:services!service=steun-bij-stalking" in roles[group]["scopes"]
    assert not any("steun-bij-stalking" in scope for scope in roles["user"]["scopes"])
    assert c.Authenticator.allowed_users == {"trainer1", "anna", "zoë"}


def test_services_run_programs_that_exist_with_the_gradebook_and_exchange(
    tmp_path: Path,
) -> None:
    services = {s["name"]: s for s in _configured(tmp_path).JupyterHub.services}
    formgrader, site = services["steun-bij-stalking"], services["cursus"]
    assert formgrader["environment"]["COURSEKIT_GRADEBOOK_URL"].startswith("postgresql")
    assert formgrader["environment"]["COURSEKIT_EXCHANGE"] == str(tmp_path / "exchange")
    assert "--Voila.base_url=/services/cursus/" in site["command"]
    # behind configurable-http-proxy every visitor would be the one client 127.0.0.1
    assert "--PageKernels.trust_forwarded_for=True" in site["command"]
    for service in (formgrader, site):
        assert Path(service["command"][0]).is_file()
        assert Path(service["cwd"]) == ROOT


def test_every_user_and_their_server_may_call_the_progress_service(tmp_path: Path) -> None:
    c = _configured(tmp_path)
    progress = {s["name"]: s for s in c.JupyterHub.services}["voortgang"]
    assert progress["url"] == "http://127.0.0.1:9997"
    assert progress["display"] is False, "an API: not in the hub's menu"
    assert progress["command"][1:] == ["-m", "coursekit.hub_progress"]
    assert Path(progress["command"][0]).is_file()
    assert progress["environment"]["COURSEKIT_GRADEBOOK_URL"] == "postgresql+psycopg://x@/gb"
    assert progress["environment"]["COURSEKIT_TRAINER_GROUP"] == formgrader_group()
    roles = {role["name"]: role for role in c.JupyterHub.load_roles}
    assert "access:services!service=voortgang" in roles["user"]["scopes"]
    assert "voortgang" not in roles  # the service needs no rights of its own
    # the server's token keeps the hub's defaults and may call the service
    assert c.Spawner.server_token_scopes == [
        "users:activity!user",
        "access:servers!server",
        "access:services!service=voortgang",
    ]
    url = c.Spawner.environment["COURSEKIT_PROGRESS_URL"]
    assert url == "http://127.0.0.1:9997/services/voortgang/"


def test_volunteers_servers_get_the_assignment_list_settings(tmp_path: Path) -> None:
    c = _configured(tmp_path)
    config_path = Path(c.Spawner.environment["JUPYTER_CONFIG_PATH"])
    assert (config_path / "nbgrader_config.py").is_file()
    assert (config_path / "jupyter_server_config.py").is_file()
    assert (config_path / "labconfig" / "page_config.json").is_file()
    overrides = json.loads(
        (config_path / "labconfig" / "default_setting_overrides.json").read_text()
    )
    # A notebook starts its kernel at once, in Dutch, without an English "Select Kernel" dialog.
    assert overrides["@jupyterlab/translation-extension:plugin"]["locale"] == "nl_NL"
    assert overrides["@jupyterlab/notebook-extension:tracker"]["autoStartDefaultKernel"] is True
    assert "112" in c.JupyterHub.template_vars["announcement"]
    assert (Path(c.JupyterHub.template_paths[0]) / "login.html").is_file()


def test_the_shipped_users_file_loads() -> None:
    users = load_users(DEPLOY / "users.yaml")
    assert users.trainers and users.volunteers


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("trainers: []\nvolunteers: [anna]\n", "trainers"),
        ("trainers: [Anna de Vries]\n", "'Anna de Vries' kan geen gebruikersnaam zijn"),
        ("trainers: [anna]\nvrijwilligers: [bram]\n", "vrijwilligers"),
        ("trainers: [anna\n", "users.yaml"),
    ],
)
def test_a_mistake_in_the_users_file_is_one_dutch_sentence(
    tmp_path: Path, text: str, says: str
) -> None:
    path = tmp_path / "users.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CourseDataError, match=says) as error:
        load_users(path)
    assert str(path) in str(error.value) and "\n" not in str(error.value)


@pytest.mark.parametrize(
    "name",
    ["an[n]a", "*", "bram?", "a+b", "zo{e}", "$(id)", "an;na", "..", "-rf", "a'b", "ann~", "a,b"],
)
def test_a_name_with_a_glob_or_shell_character_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / "users.yaml"
    quoted = name.replace("'", "''")  # YAML's single-quoted string
    path.write_text(f"trainers: [trainer1]\nvolunteers: ['{quoted}']\n", encoding="utf-8")
    with pytest.raises(CourseDataError, match="kan geen gebruikersnaam zijn") as error:
        load_users(path)
    assert "[ ] * ?" in str(error.value)


def test_ordinary_names_are_accepted() -> None:
    names = ["anna", "zoë", "j.de_vries", "piet-2", "k@org.nl", "_svc"]
    assert HubUsers(trainers=["trainer1"], volunteers=names).volunteers == names


def test_the_hub_config_refuses_to_start_without_a_gradebook_database() -> None:
    env = {k: v for k, v in os.environ.items() if k != "COURSEKIT_GRADEBOOK_URL"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import runpy; runpy.run_path(" + repr(str(DEPLOY / "jupyterhub_config.py")) + ","
            " init_globals={'get_config': lambda: None})",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "COURSEKIT_GRADEBOOK_URL ontbreekt" in result.stderr


def test_the_services_run_as_the_course_account_when_one_is_given(tmp_path: Path) -> None:
    c = Config()
    users = HubUsers(trainers=["trainer1"])
    course = HubCourse(ROOT, tmp_path, "postgresql+psycopg://x@/gb", users, service_user="cursus")
    configure(c, course)
    assert {s.get("user") for s in c.JupyterHub.services} == {"cursus"}
    configure(c, HubCourse(ROOT, tmp_path, "postgresql+psycopg://x@/gb", users))
    assert all("user" not in s for s in c.JupyterHub.services)


def test_the_idle_logout_reaches_a_volunteer_server_well_within_the_idle_time(
    tmp_path: Path,
) -> None:
    c = _configured(tmp_path)
    checks = [a for a in c.Spawner.args if a.startswith("--HubOAuth.cache_max_age=")]
    assert checks == [f"--HubOAuth.cache_max_age={TOKEN_CHECK_SECONDS}"]
    assert IdleLogout.idle_timeout.default_value >= TOKEN_CHECK_SECONDS * 10
    assert c.JupyterHub.tornado_settings["cookie_options"] == {"expires_days": None}
    assert c.JupyterHub.cookie_max_age_days == MAX_LOGIN_DAYS


def test_a_volunteers_server_opens_on_mijn_cursus_and_a_trainers_on_jupyterlab(
    tmp_path: Path,
) -> None:
    hook = _configured(tmp_path).Spawner.pre_spawn_hook
    opened = {}
    for name, groups in (("trainer1", [formgrader_group()]), ("anna", []), ("zoë", ["ander"])):
        user = SimpleNamespace(name=name, groups=[SimpleNamespace(name=g) for g in groups])
        spawner = SimpleNamespace(user=user, default_url="")
        hook(spawner)
        opened[name] = spawner.default_url
    assert opened == {"trainer1": TRAINER_URL, "anna": VOLUNTEER_URL, "zoë": VOLUNTEER_URL}


def test_every_page_a_volunteer_reaches_is_overridden_and_extends_jupyterhubs_own() -> None:
    ours = {p.name for p in (DEPLOY / "templates").glob("*.html")}
    assert ours == VOLUNTEER_PAGES
    for name in ours:
        source = (DEPLOY / "templates" / name).read_text(encoding="utf-8")
        extends = re.findall(r'{%-?\s*extends\s+"([^"]+)"', source)
        assert extends == [f"templates/{name}"], f"{name} extends JupyterHub's own {name}"
        assert (JUPYTERHUB_TEMPLATES / name).is_file(), f"JupyterHub has no {name} any more"


def test_jupyterhubs_own_page_is_rendered_with_lang_nl() -> None:
    loader = PrefixLoader({"templates": FileSystemLoader([str(JUPYTERHUB_TEMPLATES)])}, "/")
    env = Environment(loader=loader, extensions=[DutchPage])
    source = env.loader.get_source(env, "templates/page.html")[0]
    assert re.search(r"<html\b[^>]*\blang=", source), "JupyterHub's page.html still sets a lang"
    compiled = env.get_template("templates/page.html")
    html = compiled.render(static_url=lambda *a, **k: "", announcement="")
    assert '<html lang="nl">' in html and 'lang="en"' not in html


def test_the_hubs_snel_weg_asks_the_course_site_to_forget_at_its_own_address(
    tmp_path: Path,
) -> None:
    assert SITE_FORGET_PATH == FORGET_PATH
    template_vars = _configured(tmp_path).JupyterHub.template_vars
    assert template_vars["site_forget_url"] == f"/services/cursus/{FORGET_PATH}"


def test_the_hubs_pages_can_link_to_the_course_sites_accessibility_statement(
    tmp_path: Path,
) -> None:
    assert SITE_STATEMENT_PATH == STATEMENT_PATH
    template_vars = _configured(tmp_path).JupyterHub.template_vars
    assert template_vars["statement_url"] == f"/services/cursus/{STATEMENT_PATH}"


def test_after_login_a_trainer_lands_on_the_groepsoverzicht_and_a_volunteer_on_their_server(
    tmp_path: Path,
) -> None:
    landing = _configured(tmp_path).JupyterHub.default_url

    def handler(user: object) -> SimpleNamespace:
        return SimpleNamespace(current_user=user, base_url="/", get_login_url=lambda: "/hub/login")

    def person(*groups: str) -> SimpleNamespace:
        return SimpleNamespace(groups=[SimpleNamespace(name=g) for g in groups])

    assert (
        landing(handler(person(formgrader_group())))
        == "/services/steun-bij-stalking/groepsoverzicht/"
    )
    assert landing(handler(person())) == "/hub/spawn"
    assert landing(handler(person("ander"))) == "/hub/spawn"
    assert landing(handler(None)) == "/hub/login"
