"""The accessibility statement (toegankelijkheidsverklaring) of the course site.

A Dutch page at ``<base>/toegankelijkheid``, linked from every page's footer: the standard
(WCAG 2.1 AA, EN 301 549), what was tested and how, what is not yet met, whom to contact
and the statement's date. The text is in ``statement.html`` of the course's Voila template,
and follows the checklist in ``docs/accessibility.md``; the organisation that runs the
course sets its contact and, after it checked the site again, the date, with the settings
of :class:`AccessibilityStatement` (voila.json or ``--AccessibilityStatement.contact=…``).

:func:`coursekit.site.hooks.serve_privately` adds the handler, so the page has the headers
of every course page: the Content-Security-Policy, ``no-referrer`` and ``no-store``.
"""

from __future__ import annotations

from typing import Any

import tornado.web
from traitlets import Unicode
from traitlets.config import Configurable

from coursekit.text import learner

# Under Voila's base URL; the footers link here (page_bottom in coursekit.macros.html.j2).
STATEMENT_PATH = "toegankelijkheid"

# What the statement names: the European standard, and the phone width and zoom the pages
# are tested at (tests/browser/test_layout.py). Here rather than typed in the template,
# where a number of three digits would look like a telephone number to the content checks.
FACTS = {"standard": "EN 301 549", "phone_width": 375, "zoom": 400}


class AccessibilityStatement(Configurable):
    """What the organisation running the course fills in on the statement."""

    contact = Unicode(
        learner.STATEMENT_CONTACT,
        config=True,
        help="Whom a volunteer contacts about the site's accessibility: one or two Dutch "
        "sentences, with a telephone number, an e-mail address or a website, shown as plain "
        "text.",
    )
    date = Unicode(
        "5 december 2026",
        config=True,
        help="The date the statement was drawn up or last checked against the site, in Dutch "
        "('5 december 2026').",
    )


class StatementHandler(tornado.web.RequestHandler):
    """``GET``: the statement, rendered from the course template's ``statement.html``."""

    def initialize(self, statement: AccessibilityStatement) -> None:
        self.statement = statement

    def get(self) -> None:
        from coursekit.site.hooks import page_config  # hooks imports this module

        env: Any = self.settings["voila_jinja2_env"]
        page = env.get_template("statement.html").render(
            page_config=page_config({}),
            base_url=self.settings.get("base_url", "/"),
            contact=self.statement.contact,
            date=self.statement.date,
            **FACTS,
        )
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(page)
