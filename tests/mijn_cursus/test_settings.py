"""Mijn cursus is switched on in every volunteer's server, and its Snel weg matches the hub's."""

from __future__ import annotations

from traitlets.config import PyFileConfigLoader

from coursekit.hub import SITE_FORGET_PATH, SITE_SERVICE
from coursekit.hub_pages import NEUTRAL_URL, SNEL_WEG
from tests.support.course import ROOT

VOLUNTEER = ROOT / "deploy" / "jupyterhub" / "volunteer"


def test_a_volunteers_server_loads_mijn_cursus_and_keeps_jupyterlab_reachable() -> None:
    config = PyFileConfigLoader("jupyter_server_config.py", path=str(VOLUNTEER)).load_config()
    extensions = config.ServerApp.jpserver_extensions
    assert extensions["coursekit.mijn_cursus"] is True
    # The trainers' tools stay off; the assignment list (JupyterLab) is not switched off.
    assert extensions["nbgrader.server_extensions.formgrader"] is False
    assert "nbgrader.server_extensions.assignment_list" not in extensions


def test_snel_weg_on_mijn_cursus_leaves_as_the_hubs_pages_do() -> None:
    base = (ROOT / "coursekit" / "mijn_cursus" / "templates" / "base.html").read_text()
    assert f'href="{NEUTRAL_URL}"' in base
    assert f'data-forget="{{{{ logout }}}}?{SNEL_WEG}"' in base
    assert f'data-forget-site="/services/{SITE_SERVICE}/{SITE_FORGET_PATH}"' in base
