"""The accessibility statement's settings: the organisation's contact and the date."""

from __future__ import annotations

import jinja2
from traitlets.config import Config

from coursekit.quality.templates import TEMPLATES
from coursekit.site.statement import FACTS, AccessibilityStatement
from coursekit.text import learner


def _render(statement: AccessibilityStatement) -> str:
    # Voila's environment may not escape by itself: the template does.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False)
    return env.get_template("statement.html").render(
        page_config={},
        base_url="/cursus/",
        contact=statement.contact,
        date=statement.date,
        **FACTS,
    )


def test_the_statement_names_the_organisations_contact_and_date_from_the_settings() -> None:
    config = Config()
    config.AccessibilityStatement.contact = "Bel Stichting <Steun> op 012-3456789."
    config.AccessibilityStatement.date = "1 maart 2027"
    page = _render(AccessibilityStatement(config=config))
    assert "Bel Stichting &lt;Steun&gt; op 012-3456789." in page, "plain text, escaped"
    assert "Deze verklaring is gemaakt op 1 maart 2027." in page
    assert learner.STATEMENT_CONTACT not in page
    assert 'href="/cursus/toegankelijkheid"' in page, "its own footer links under the base URL"


def test_without_settings_the_statement_sends_volunteers_to_their_organisation() -> None:
    assert learner.STATEMENT_CONTACT in _render(AccessibilityStatement())
