"""What the course's Voila pages need from the course data, handed to the template.

Voila calls :func:`page_config` for the course index and for every module page (see
``voila.py``). It adds the help bar, built from the one facts file, and the course map,
so that the template never types a phone number or a module title itself.
"""

from __future__ import annotations

from typing import Any

from coursekit import strings
from coursekit.course import course
from coursekit.facts import help_lines_html


def page_config(current: dict[str, Any], **_context: Any) -> dict[str, Any]:
    """Voila's ``page_config_hook``: add the help bar and the modules, in place."""
    current["coursekitHelp"] = help_lines_html()
    current["coursekitModules"] = [
        {
            "file": f"{m.number:02d}-{m.slug}.ipynb",
            "title": m.title,
            "about": m.about,
            "minutes": strings.INDEX_MINUTES.format(minutes=m.minutes),
        }
        for m in course().modules
    ]
    return current
