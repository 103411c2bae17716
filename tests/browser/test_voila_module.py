"""A volunteer opens the module in Voila, answers a statement with a click, sees feedback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, WebSocket, expect

from coursekit.content.course import course
from coursekit.content.kinds import STATEMENTS, packaged_items
from coursekit.text import learner
from tests.support.axe import module_violations, watch_policy
from tests.support.course import ROOT
from tests.support.key_material import all_secrets

pytestmark = pytest.mark.browser
MODULE = "06-wat-niet-helpt.ipynb"
ARTIFACTS = ROOT / "test-artifacts"
ALLOWED_EXTENSIONS = set(
    json.loads((ROOT / "voila.json").read_text())["VoilaConfiguration"]["extension_allowlist"]
)


def test_index_lists_the_modules_in_order_in_dutch_from_this_host_only(
    browser: Browser, voila_url: str
) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(voila_url + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    links = page.locator(".coursekit-modules a")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    modules = sorted(p.name for p in (ROOT / "modules").glob("*.ipynb"))
    assert [href.rsplit("/", 1)[-1] for href in hrefs] == modules
    assert links.first.inner_text() == "Welkom"
    for index, module in enumerate(course().modules):
        item = page.locator(".coursekit-modules li").nth(index)
        assert (
            module.about in item.inner_text() and f"{module.minutes} minuten" in item.inner_text()
        )
    expect(
        page.locator(".coursekit-numbers").get_by_text("Alarmnummer", exact=True)
    ).to_be_visible()
    expect(page.locator("footer")).to_contain_text("gebaseerd op")
    assert requests and all(url.startswith(voila_url) for url in requests), requests
    page.close()


def test_answering_a_statement_gives_feedback_and_no_key_before_the_click(
    browser: Browser, voila_url: str
) -> None:
    frames: list[str] = []

    def record(ws: WebSocket) -> None:
        def keep(payload: str | bytes) -> None:
            frames.append(
                payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
            )

        ws.on("framereceived", keep)

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("websocket", record)
    page.goto(f"{voila_url}/voila/render/{MODULE}")
    quiz = page.locator(".coursekit-statementsort").first
    helpful = quiz.get_by_role("button", name=learner.LABEL_HELPFUL, exact=True)
    expect(helpful).to_be_visible(timeout=60_000)
    expect(
        page.locator(".coursekit-numbers").get_by_text("Alarmnummer", exact=True)
    ).to_be_visible()

    expect(page.get_by_text(learner.CONVERSATION_SEND)).to_be_visible()
    before = page.content() + "\n".join(frames)
    leaked = [secret for secret in all_secrets() if secret in before]
    assert leaked == [], "key material reached the browser before an answer"
    elsewhere = [u for u in requests if not u.removeprefix("blob:").startswith(voila_url)]
    # blob: URLs of this host: anywidget imports the answer controls' script from one.
    assert elsewhere == [], "the module page fetched something from another host"
    assert "from coursekit" not in page.content(), "no code is visible"

    shown = quiz.locator(".coursekit-statement").inner_text()
    statement = next(s for s in packaged_items(STATEMENTS) if s.text in shown)
    helpful.click()
    verdict = learner.CORRECT if statement.label.value == "helpful" else learner.INCORRECT
    expect(quiz.get_by_text(verdict).first).to_be_visible()
    expect(quiz.get_by_text(statement.why[:40]).first).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "module-after-click.png"), full_page=True)
    page.close()


@pytest.mark.parametrize(
    "module", sorted(p.name for p in (ROOT / "modules").glob("*.ipynb")), ids=lambda n: n[:2]
)
def test_every_module_renders_its_text_help_lines_and_quizzes(
    browser: Browser, voila_url: str, module: str
) -> None:
    frames: list[str] = []
    requests: list[str] = []
    errors: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    policy = watch_policy(page)
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(str(f))))
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{voila_url}/voila/render/{module}")
    expect(page.locator(".coursekit-quiz").first).to_be_visible(timeout=60_000)
    expect(
        page.locator(".coursekit-numbers").get_by_text("Alarmnummer", exact=True)
    ).to_be_visible()
    expect(page.locator("h1").first).to_be_visible()
    assert page.locator(".jp-OutputArea-output[data-mime-type*='error']").count() == 0
    assert "Traceback" not in page.content() and "from coursekit" not in page.content()
    seen = page.content() + "\n".join(frames)
    leaked = [secret for secret in all_secrets() if secret in seen]
    assert leaked == [], "no key, explanation or model answer before an answer"
    elsewhere = [u for u in requests if not u.removeprefix("blob:").startswith(voila_url)]
    assert requests and elsewhere == [], "every asset comes from this host"
    extensions = {
        url.split("/voila/labextensions/")[1].rsplit("/static/", 1)[0]
        for url in requests
        if "/voila/labextensions/" in url
    }
    assert extensions == ALLOWED_EXTENSIONS, "only the extensions a course page needs load"
    assert errors == [], "the page logs no error"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"module-{module[:2]}.png"), full_page=True)
    # An answer, then axe over the whole module (which takes long enough for the answer's
    # update to arrive): no serious or critical violation, and nothing breaks the policy.
    page.locator(".coursekit-quiz").first.locator("button:enabled:visible").first.click()
    violations = module_violations(page)
    assert violations == [], "\n".join(violations)
    assert page.evaluate("window.__violations") == [] and policy == [], "the policy holds"
    page.close()


def test_every_page_has_a_skip_link_a_quick_exit_and_a_spoken_loading_message(
    browser: Browser, voila_url: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{voila_url}/voila/render/{MODULE}")
    status = page.locator("#loading[role=status]")
    assert "klaargezet" in (page.content()), "the loading message is in the first HTML"
    expect(page.locator(".coursekit-quiz").first).to_be_visible(timeout=60_000)
    assert status.count() == 0 or not status.is_visible()
    assert page.title() == "Wat helpt niet?"
    exit_link = page.get_by_role("link", name="Snel weg")
    assert (exit_link.get_attribute("href") or "").startswith("https://")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    expect(page.get_by_role("main")).to_contain_text("Wat leer je?")
    page.close()


def test_artifacts_folder_is_ignored_by_git() -> None:
    assert "test-artifacts/" in Path(ROOT / ".gitignore").read_text(encoding="utf-8")


def _tab_to(page: Page, name: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.innerText") == name:
            return
    pytest.fail(f"Tab never reached the control {name!r}")


def test_a_statement_can_be_answered_with_the_keyboard_only(
    browser: Browser, voila_url: str
) -> None:
    page = browser.new_page()
    page.goto(f"{voila_url}/voila/render/{MODULE}")
    expect(page.get_by_role("button", name=learner.LABEL_HARMFUL, exact=True).first).to_be_visible(
        timeout=60_000
    )
    _tab_to(page, learner.LABEL_HARMFUL)
    page.keyboard.press("Enter")
    verdict = page.get_by_text(learner.CORRECT).or_(page.get_by_text(learner.INCORRECT))
    expect(verdict.first).to_be_visible()
    _tab_to(page, learner.NEXT)
    page.keyboard.press("Space")
    expect(page.get_by_text("Vraag 2 van")).to_be_visible()
    page.close()
