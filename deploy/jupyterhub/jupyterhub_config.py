"""JupyterHub for the course on one server: volunteers, trainers, formgrader and the site.

Run from the hub's own folder (it keeps jupyterhub.sqlite and its cookie secret there):

    COURSEKIT_GRADEBOOK_URL=postgresql+psycopg://cursus@/gradebook?host=/run/postgresql \\
        /srv/cursus/.venv/bin/jupyterhub -f /srv/cursus/deploy/jupyterhub/jupyterhub_config.py

The steps, the reverse proxy and the Kubernetes route are in deploy/jupyterhub/README.md.
Settings come from the environment:

- COURSEKIT_GRADEBOOK_URL (required): the gradebook, a PostgreSQL URL for SQLAlchemy;
- COURSEKIT_COURSE_DIR: the course directory (default: the checkout this file is in);
- COURSEKIT_EXCHANGE: nbgrader's exchange (default /srv/nbgrader/exchange);
- COURSEKIT_HUB_USERS: who may log in (default: users.yaml beside this file);
- COURSEKIT_SERVICE_USER: the Unix account that owns the course directory; the course
  service (formgrader) and the site run as it (default: the hub's own account);
- COURSEKIT_HOMES: where *Groep beheren* makes a new volunteer's home (default /home);
- COURSEKIT_FORMGRADER_PORT, COURSEKIT_SITE_PORT, COURSEKIT_PROGRESS_PORT: the loopback
  ports of the course service, the course site and the progress service ``voortgang``
  (default 9999, 9998 and 9997).

Users are Unix accounts (PAM login, LocalProcessSpawner): nbgrader's exchange on one
server tells volunteers apart by the owner of their files.
"""

import os
import sys
from pathlib import Path

from jupyterhub.auth import PAMAuthenticator

from coursekit.hub import HubCourse, configure, load_users
from coursekit.hub_login import course_login
from coursekit.hub_permissions import refuse_to_start_if_exposed

HERE = Path(__file__).resolve().parent
c = get_config()  # noqa: F821 - provided by traitlets when it loads this file

if not os.environ.get("COURSEKIT_GRADEBOOK_URL"):
    sys.exit(
        "COURSEKIT_GRADEBOOK_URL ontbreekt: geef de PostgreSQL-database van het cijferboek op, "
        "bijvoorbeeld postgresql+psycopg://cursus@/gradebook?host=/run/postgresql"
    )

course = HubCourse(
    course_dir=Path(os.environ.get("COURSEKIT_COURSE_DIR", HERE.parent.parent)),
    exchange=Path(os.environ.get("COURSEKIT_EXCHANGE", "/srv/nbgrader/exchange")),
    gradebook_url=os.environ["COURSEKIT_GRADEBOOK_URL"],
    users=load_users(Path(os.environ.get("COURSEKIT_HUB_USERS", HERE / "users.yaml"))),
    formgrader_port=int(os.environ.get("COURSEKIT_FORMGRADER_PORT", "9999")),
    site_port=int(os.environ.get("COURSEKIT_SITE_PORT", "9998")),
    progress_port=int(os.environ.get("COURSEKIT_PROGRESS_PORT", "9997")),
    service_user=os.environ.get("COURSEKIT_SERVICE_USER") or None,
    homes=Path(os.environ.get("COURSEKIT_HOMES", "/home")),
)
configure(c, course)
# The hub does not start while a volunteer could read the key or another's work; the
# administrator sets the permissions with `coursekit hub-permissions` (README.md).
refuse_to_start_if_exposed(course.layout())

# PAM login (Unix accounts), refused for 15 minutes after 5 failures for a name or 30 from an
# address within 15 minutes (c.LoginThrottle.max_failures, ...; coursekit/hub_login.py);
# after 30 minutes without a request from the browser, log in again (shared computers;
# c.IdleLogout.idle_timeout in seconds; coursekit/hub_idle.py).
c.JupyterHub.authenticator_class = course_login(PAMAuthenticator)

# Only the reverse proxy (TLS) talks to the hub; see docs/production.md.
c.JupyterHub.bind_url = "http://127.0.0.1:8000"
# A volunteer's server that has been idle for an hour stops; their files stay.
c.JupyterHub.services.append(
    {
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600"],
    }
)
c.JupyterHub.load_roles.append(
    {
        "name": "idle-culler",
        "services": ["idle-culler"],
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    }
)
