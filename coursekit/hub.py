"""The course on JupyterHub: volunteers, trainers, formgrader as a course service, the site.

``deploy/jupyterhub/jupyterhub_config.py`` calls :func:`configure` with the settings of one
server; the end-to-end test (tests/hub) loads that same file and swaps only the
authenticator and the spawner. What it sets up:

- every user logs in and gets JupyterLab with nbgrader's assignment list (fetch, submit,
  feedback); formgrader, course list and create-assignment are switched off for them
  (``deploy/jupyterhub/volunteer``, put on their ``JUPYTER_CONFIG_PATH``);
- trainers are in the group ``formgrade-<course>``, whose role may use the course service:
  one ``jupyterhub-singleuser`` in the course directory that opens on the Dutch
  Groepsoverzicht (:mod:`coursekit.groepsoverzicht`, ``deploy/jupyterhub/course``) beside
  formgrader, with the
  gradebook at ``gradebook_url`` (PostgreSQL) and the shared exchange;
- the course site: Voila serving ``modules/`` as the service ``cursus``, the same pages as
  ``make serve``, for everyone;
- the progress service ``voortgang`` (:mod:`coursekit.progress`): what each volunteer
  started and finished, in tables beside the gradebook; the ``user`` role and every user's
  server token may call it, and it takes the caller's name from the token;
- logins for shared computers: the hub's cookies end with the browser session (never a
  cookie that outlives it), at most ``MAX_LOGIN_DAYS`` in all, and a volunteer's server
  checks its login token with the hub every ``TOKEN_CHECK_SECONDS``, so that the idle
  logout (:mod:`coursekit.hub_idle`) reaches it soon;
- every hub page a volunteer can reach in Dutch, with the help lines (JupyterHub's
  announcement, from the facts file), Snel weg and *Uitloggen* (``deploy/jupyterhub/templates``
  and :mod:`coursekit.hub_pages`);
- after logging in, a trainer lands on the Groepsoverzicht, a volunteer on Mijn cursus
  (:func:`after_login`); a volunteer's server opens on Mijn cursus, a trainer's own
  server on JupyterLab (:func:`landing_page`).
"""

from __future__ import annotations

import getpass
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from coursekit import hub_group
from coursekit.content.facts import facts
from coursekit.content.loading import parse_model
from coursekit.hub_pages import NEUTRAL_URL, DutchPage
from coursekit.hub_permissions import HubLayout
from coursekit.practice.markup import help_lines_html
from coursekit.text import learner, trainer

COURSE_ID = "steun-bij-stalking"
SITE_SERVICE = "cursus"
PROGRESS_SERVICE = "voortgang"
# coursekit.site.hooks.FORGET_PATH, without importing Voila into the hub (a test compares).
SITE_FORGET_PATH = "coursekit/forget"
# coursekit.site.statement.STATEMENT_PATH, likewise: the accessibility statement, which the
# hub's pages link to (template variable statement_url).
SITE_STATEMENT_PATH = "toegankelijkheid"
# What a name may be here: lower case, no spaces or slashes, and nothing a shell or a glob
# reads specially (nbgrader uses a student id in glob patterns, "+" separates a hand-in's
# name from its time); it starts with a letter, a digit or "_", never "." or "-".
# A login lasts at most this long, however active (the cookie's signature and the servers'
# login tokens expire); the idle logout usually ends it much sooner.
MAX_LOGIN_DAYS = 1.0
# How long a user's server trusts a login token before asking the hub again; keep it well
# under c.IdleLogout.idle_timeout (the idle logout reaches the server this much later).
TOKEN_CHECK_SECONDS = 60
# Where a user's own server opens: Mijn cursus for volunteers, JupyterLab for trainers.
VOLUNTEER_URL = "/mijn-cursus/"
TRAINER_URL = "/lab"
# Where the course service (formgrader's server) opens: the trainers' Groepsoverzicht.
TRAINER_OVERVIEW_URL = "/groepsoverzicht/"
_NOT_IN_NAME = r"""\sA-Z/\[\]*?{}!$`'"\\;&|<>()~#+,:=%^"""
_USERNAME = re.compile(rf"^[^{_NOT_IN_NAME}.\-][^{_NOT_IN_NAME}]*$")


class HubUsers(BaseModel):
    """Who may log in (``users.yaml``): trainers grade, volunteers learn."""

    model_config = ConfigDict(extra="forbid")

    trainers: list[str] = Field(min_length=1)
    volunteers: list[str] = Field(default_factory=list)

    @field_validator("trainers", "volunteers")
    @classmethod
    def _names(cls, names: list[str]) -> list[str]:
        for name in names:
            if not _USERNAME.match(name):
                raise ValueError(trainer.HUB_BAD_USERNAME.format(name=name))
        return names


def load_users(path: Path) -> HubUsers:
    """Read ``users.yaml``; a mistake is one Dutch sentence that names the file."""
    return parse_model(HubUsers, path.read_text(encoding="utf-8"), str(path))


@dataclass(frozen=True)
class HubCourse:
    """One course on one hub: where it lives, who takes part, on which loopback ports."""

    course_dir: Path
    exchange: Path
    gradebook_url: str
    users: HubUsers
    course_id: str = COURSE_ID
    formgrader_port: int = 9999
    site_port: int = 9998
    progress_port: int = 9997
    bin_dir: Path = field(default_factory=lambda: Path(sys.executable).parent)
    # The Unix account the course service and the site run as (None: the hub's own).
    service_user: str | None = None
    # Where Groep beheren makes a new volunteer's home folder (coursekit.hub_group).
    homes: Path = Path("/home")

    def layout(self) -> HubLayout:
        """Who may read what: the course account owns the data (the hub's own account if unset)."""
        return HubLayout(
            course_dir=self.course_dir.resolve(),
            exchange=self.exchange.resolve(),
            course_id=self.course_id,
            owner=self.service_user or getpass.getuser(),
            users=(*self.users.trainers, *self.users.volunteers),
            gradebook_url=self.gradebook_url,
        )

    @property
    def volunteer_config(self) -> Path:
        """The Jupyter settings of a volunteer's own server, kept with the course."""
        return self.course_dir / "deploy" / "jupyterhub" / "volunteer"

    @property
    def course_service_config(self) -> Path:
        """The Jupyter settings of the course service: the Groepsoverzicht beside formgrader."""
        return self.course_dir / "deploy" / "jupyterhub" / "course"


def formgrader_group(course_id: str = COURSE_ID) -> str:
    """nbgrader's name for the group that may grade a course."""
    return f"formgrade-{course_id}"


def announcement() -> str:
    """The help lines in full, in every hub page's "Hulp nodig?" fold."""
    return help_lines_html()


def site_link(site_url: str) -> dict[str, str]:
    """The way to the course site, shown on the login page (logged in, the menu has it)."""
    return {"href": site_url, "text": trainer.HUB_SITE_LINK}


def after_login(group: str, course_id: str = COURSE_ID) -> Any:
    """``JupyterHub.default_url``: where the hub sends someone who logs in (with no page of
    their own to go back to). A trainer (member of ``group``) goes to the Groepsoverzicht in
    the course service; everyone else to their own server (the hub's usual spawn page,
    which opens Mijn cursus); someone not logged in to the login form."""

    def url(handler: Any) -> str:
        user = handler.current_user
        if user is None:
            return str(handler.get_login_url())
        base = str(handler.base_url)
        if any(g.name == group for g in user.groups):
            return f"{base}services/{course_id}{TRAINER_OVERVIEW_URL}"
        return f"{base}hub/spawn"

    return url


def landing_page(group: str) -> Any:
    """A ``Spawner.pre_spawn_hook``: the server of a member of ``group`` (the trainers)
    opens on JupyterLab, everyone else's on Mijn cursus."""

    def open_on(spawner: Any) -> None:
        trains = any(g.name == group for g in spawner.user.groups)
        spawner.default_url = TRAINER_URL if trains else VOLUNTEER_URL

    return open_on


def configure(c: Any, course: HubCourse) -> None:
    """Set the course's part of a JupyterHub configuration ``c``.

    The authenticator and the spawner stay the site's choice; ``jupyterhub_config.py``
    sets them. Users, groups, roles, services and what each user's server sees are set here.
    """
    users = course.users
    group = formgrader_group(course.course_id)
    c.Authenticator.allowed_users = set(users.trainers) | set(users.volunteers)
    c.JupyterHub.load_groups = {group: {"users": list(users.trainers)}}
    c.JupyterHub.load_roles = [
        {
            "name": "user",
            "description": trainer.HUB_ROLE_USER,
            "scopes": [
                "self",
                f"access:services!service={SITE_SERVICE}",
                f"access:services!service={PROGRESS_SERVICE}",
            ],
        },
        {
            "name": group,
            "description": trainer.HUB_ROLE_TRAINER,
            "groups": [group],
            "scopes": [
                f"access:services!service={course.course_id}",
                "list:services",
                f"read:services!service={course.course_id}",
            ],
        },
        # Groep beheren (issue 18): only the course service may ask the hub to add, reset,
        # remove or erase a volunteer (coursekit.hub_group); trainers do it on its pages.
        {
            "name": hub_group.ROLE,
            "description": trainer.HUB_ROLE_GROUP,
            "services": [course.course_id],
            "scopes": [hub_group.SCOPE],
        },
    ]
    c.JupyterHub.custom_scopes = {hub_group.SCOPE: {"description": trainer.HUB_SCOPE_GROUP}}
    c.JupyterHub.extra_handlers = hub_group.handlers(
        hub_group.GroupPolicy(
            course_id=course.course_id,
            name_rule=_USERNAME,
            homes=course.homes,
            exchange=course.exchange,
            trainers=frozenset(users.trainers),
            volunteers=frozenset(users.volunteers),
            protected=frozenset(
                {"root", getpass.getuser(), *_as_user(course.service_user).values()}
            ),
        )
    )
    # A volunteer added there is in the hub's database: that lets them log in, at once and
    # after a restart (JupyterHub 5's default with allowed_users set; said here on purpose).
    c.Authenticator.allow_existing_users = True
    course_env = {
        "COURSEKIT_EXCHANGE": str(course.exchange),
        "COURSEKIT_GRADEBOOK_URL": course.gradebook_url,
    }
    c.JupyterHub.services = [
        {
            "name": course.course_id,
            "display": True,
            "oauth_no_confirm": True,
            "url": f"http://127.0.0.1:{course.formgrader_port}",
            "command": [str(course.bin_dir / "jupyterhub-singleuser"), *_root_flag()],
            "cwd": str(course.course_dir),
            "environment": {
                **course_env,
                "JUPYTERHUB_DEFAULT_URL": TRAINER_OVERVIEW_URL,
                "JUPYTER_CONFIG_PATH": str(course.course_service_config),
            },
            **_as_user(course.service_user),
        },
        {
            "name": SITE_SERVICE,
            "display": True,
            "url": f"http://127.0.0.1:{course.site_port}",
            "command": [
                str(course.bin_dir / "voila"),
                "modules",
                f"--port={course.site_port}",
                "--no-browser",
                f"--Voila.base_url=/services/{SITE_SERVICE}/",
                # configurable-http-proxy (and nginx before it) on this machine add the
                # visitor's address: without this every learner is the one client
                # 127.0.0.1, and the per-client cap would refuse the 41st.
                "--PageKernels.trust_forwarded_for=True",
            ],
            "cwd": str(course.course_dir),
            **_as_user(course.service_user),
        },
        {
            "name": PROGRESS_SERVICE,
            "display": False,  # an API for the volunteers' servers, no page for the menu
            "url": f"http://127.0.0.1:{course.progress_port}",
            "command": [str(course.bin_dir / "python"), "-m", "coursekit.hub_progress"],
            "cwd": str(course.course_dir),
            "environment": {
                "COURSEKIT_GRADEBOOK_URL": course.gradebook_url,
                "COURSEKIT_TRAINER_GROUP": group,
            },
            **_as_user(course.service_user),
        },
    ]
    # Shared computers: cookies only for the browser session (Tornado's default is 30 days;
    # the hub passes these options to the users' servers for their own cookie too).
    c.JupyterHub.tornado_settings = {"cookie_options": {"expires_days": None}}
    c.JupyterHub.cookie_max_age_days = MAX_LOGIN_DAYS
    c.Spawner.cmd = [str(course.bin_dir / "jupyterhub-singleuser")]
    c.Spawner.args = [f"--HubOAuth.cache_max_age={TOKEN_CHECK_SECONDS}"]
    c.Spawner.default_url = VOLUNTEER_URL
    c.Spawner.pre_spawn_hook = landing_page(group)
    c.JupyterHub.default_url = after_login(group, course.course_id)
    # A user's server calls the progress service with its own token (JUPYTERHUB_API_TOKEN):
    # the hub's default scopes for that token, and that service.
    c.Spawner.server_token_scopes = [
        *_default_server_token_scopes(),
        f"access:services!service={PROGRESS_SERVICE}",
    ]
    c.Spawner.environment = {
        "COURSEKIT_EXCHANGE": str(course.exchange),
        "COURSEKIT_PROGRESS_URL": progress_url(course),
        "JUPYTER_CONFIG_PATH": str(course.volunteer_config),
        "PATH": f"{course.bin_dir}:/usr/local/bin:/usr/bin:/bin",
    }
    c.JupyterHub.template_vars = {
        "announcement": announcement(),
        "site_link": site_link(f"/services/{SITE_SERVICE}/"),
        "neutral_url": NEUTRAL_URL,
        # Snel weg on a hub page also asks the course site to forget its cookies.
        "site_forget_url": f"/services/{SITE_SERVICE}/{SITE_FORGET_PATH}",
        # Every hub page's footer links to the course site's toegankelijkheidsverklaring.
        "statement_url": f"/services/{SITE_SERVICE}/{SITE_STATEMENT_PATH}",
        # The one-line help bar: the first number of every help line.
        "help_numbers": facts().help_bar_numbers(),
        "service_labels": {
            course.course_id: trainer.HUB_SERVICE_GRADING,
            SITE_SERVICE: learner.HUB_SERVICE_SITE,
        },
    }
    c.JupyterHub.template_paths = [str(course.course_dir / "deploy" / "jupyterhub" / "templates")]
    # <html lang="nl"> in JupyterHub's own page.html, which our page.html extends.
    c.JupyterHub.jinja_environment_options = {"extensions": [DutchPage]}


def progress_url(course: HubCourse) -> str:
    """Where a user's server reaches the progress service: loopback, with its prefix."""
    return f"http://127.0.0.1:{course.progress_port}/services/{PROGRESS_SERVICE}/"


def _default_server_token_scopes() -> list[str]:
    """What the hub gives a server's token when nothing is asked (its role ``server``)."""
    from jupyterhub.roles import get_default_roles

    server = next(role for role in get_default_roles() if role["name"] == "server")
    return list(server["scopes"])


def _as_user(name: str | None) -> dict[str, str]:
    return {"user": name} if name else {}


def _root_flag() -> list[str]:
    """jupyter-server refuses to run as root without saying so (a test or CI runs as root)."""
    return ["--allow-root"] if os.geteuid() == 0 else []
