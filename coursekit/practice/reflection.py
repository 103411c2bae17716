"""Reflection: a prompt, a text box, and a model answer once the learner has written.

In practice mode what the learner writes stays in this widget: nothing here writes a
file or sends the text anywhere but to its own kernel.
"""

from __future__ import annotations

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import TextStyle

from coursekit.content.reflections import Reflection
from coursekit.practice import markup, shared
from coursekit.practice.controls import LiveRegion
from coursekit.practice.style import stylesheet
from coursekit.text import learner


class ReflectionBox(widgets.VBox):  # type: ignore[misc]
    """The model answer appears only after the learner has written something."""

    def __init__(self, reflection: Reflection) -> None:
        self._reflection = reflection
        self._text = widgets.Textarea(
            value="",
            placeholder=learner.REFLECTION_PLACEHOLDER,
            description=learner.REFLECTION_ANSWER,
            layout=shared.layout(width="100%", height="8em"),
            style=shared.style(TextStyle, description_width="initial"),
        )
        self._text.observe(self._on_text_change, names="value")
        self._show = shared.button(
            learner.REFLECTION_SHOW, disabled=True, layout=shared.layout(width="fit-content")
        )
        self._show.on_click(self._on_show_click)
        # The quiz's live region: the model answer appears in it, read out.
        self._model = LiveRegion(layout=shared.layout())
        super().__init__(
            children=[
                stylesheet(),
                shared.html(markup.reflection_intro(reflection.prompt)),
                self._text,
                self._show,
                self._model,
            ],
            layout=shared.layout(),
        )
        self.add_class("coursekit-quiz")
        self.add_class("coursekit-reflection")

    def _on_text_change(self, change: dict[str, object]) -> None:
        self._show.disabled = not str(change["new"]).strip()

    def _on_show_click(self, _button: widgets.Button) -> None:
        if not self._text.value.strip():
            return
        self._model.value = markup.model_answer(self._reflection.model_answer)
