"""What a module page learns from the course map: its id, what follows, whether it reports."""

from __future__ import annotations

import json

import pytest
from traitlets.config import Config

from coursekit.content.course import Module, course
from coursekit.site.hooks import page_config
from coursekit.site.module_pages import ModulePages, has_closing_quiz, report_config
from tests.support.course import ROOT


class _Configuration:
    """Stands for Voila's VoilaConfiguration: what the hook reads of it is its parent."""

    def __init__(self, config: Config) -> None:
        self.parent = ModulePages(config=config)  # any Configurable carries the config


@pytest.mark.parametrize("module", course().modules, ids=lambda m: m.file)
def test_each_module_page_knows_its_id_and_the_next_module(module: Module) -> None:
    config = page_config({}, notebook_path=f"/srv/cursus/modules/{module.file}")
    following = course().after(module)
    assert config["coursekitModule"] == {
        "id": module.id,
        "closing": bool(module.guidance),
        "next": None if following is None else {"file": following.file, "title": following.title},
    }


def test_the_last_module_has_nothing_after_it_and_the_index_is_no_module() -> None:
    last = course().modules[-1]
    assert page_config({}, notebook_path=last.file)["coursekitModule"]["next"] is None
    assert page_config({}, notebook_path="")["coursekitModule"] is None
    assert page_config({}, notebook_path="niet-hier.ipynb")["coursekitModule"] is None


@pytest.mark.parametrize("module", course().modules, ids=lambda m: m.file)
def test_a_module_has_a_closing_quiz_exactly_when_the_page_config_says_so(module: Module) -> None:
    notebook = json.loads((ROOT / "modules" / module.file).read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    closing = [c for c in code if c.startswith("mastery(")]
    assert bool(closing) == has_closing_quiz(module)
    if closing:
        assert closing == [f"mastery({module.number})"], "one closing quiz, of this module"


def test_pages_report_only_when_served_as_a_hub_service(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JUPYTERHUB_SERVICE_PREFIX", raising=False)
    assert report_config()["report"] is False
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/services/cursus/")
    assert report_config() == {
        "report": True,
        "session": "/hub/user-redirect/mijn-cursus/api/sessie",
        "progress": "mijn-cursus/api/voortgang/",
        "mijnCursus": "/hub/user-redirect/mijn-cursus/",
        "prefix": "coursekit-",
    }


def test_the_report_settings_come_from_voilas_config_once_per_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("JUPYTERHUB_SERVICE_PREFIX", raising=False)
    config = Config()
    config.ModulePages.report = True
    config.ModulePages.session_url = "/elders/api/sessie"
    settings: dict[str, object] = {}
    first = page_config({}, voila_configuration=_Configuration(config), settings=settings)
    assert first["coursekitReport"]["report"] is True
    assert first["coursekitReport"]["session"] == "/elders/api/sessie"
    made = settings["coursekit_module_pages"]
    page_config({}, voila_configuration=_Configuration(Config()), settings=settings)
    assert settings["coursekit_module_pages"] is made
