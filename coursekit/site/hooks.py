"""What the course's Voila pages need from the course data, handed to the template.

Voila calls :func:`page_config` for the course index and for every module page (see
``voila.py``). It adds the help bar, built from the one facts file, and the course map,
so that the template never types a phone number or a module title itself.
"""

from __future__ import annotations

from typing import Any

from coursekit.content.course import course
from coursekit.practice.markup import help_lines_html
from coursekit.text import learner


def page_config(current: dict[str, Any], **_context: Any) -> dict[str, Any]:
    """Voila's ``page_config_hook``: add the help bar and the modules, in place."""
    current["coursekitHelp"] = help_lines_html()
    current["coursekitModules"] = [
        {
            "file": f"{m.number:02d}-{m.slug}.ipynb",
            "title": m.title,
            "about": m.about,
            "minutes": learner.INDEX_MINUTES.format(minutes=m.minutes),
        }
        for m in course().modules
    ]
    return current


def send_without_delay() -> None:
    """Set ``TCP_NODELAY`` on every kernel websocket that Voila opens.

    Voila 0.5.13 leaves Nagle's algorithm on, so a small widget update can wait until the
    browser acknowledges the previous one, and Linux delays that acknowledgement up to 40 ms.
    ``benchmarks/voila.py`` measured a p95 click-to-feedback of 44 ms without and 7 ms with
    this setting for 50 learners. Voila has no option for it, so this wraps the handler's
    ``open``; calling it twice does not wrap twice.
    """
    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    original = VoilaKernelWebsocketHandler.open
    if getattr(original, "_coursekit_nodelay", False):
        return

    async def open_without_delay(self: Any, *args: Any, **kwargs: Any) -> Any:
        self.set_nodelay(True)
        return await original(self, *args, **kwargs)

    open_without_delay._coursekit_nodelay = True  # type: ignore[attr-defined]
    VoilaKernelWebsocketHandler.open = open_without_delay
