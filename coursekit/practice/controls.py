"""The answer controls that ipywidgets cannot make accessible, as anywidget widgets.

ipywidgets' ``RadioButtons`` have no group (no ``role="radiogroup"``, no shared ``name``,
each option its own Tab stop: ipywidgets#2650) and its ``ToggleButtons`` show the chosen
answer by colour only (no ``aria-pressed``); an ``HTML`` widget replaces its element on each
change, so a live region inside it is made anew with its text and some screen readers stay
silent. These three controls do what those cannot:

- :class:`ChoiceGroup`: a real radio group (native radios with one name per group and a
  label each; the browser gives Tab one stop per group, arrow keys and Space);
- :class:`PressedButtons`: two or three buttons; the chosen one has ``aria-pressed="true"``,
  a ✓ and a thick border; disabled after an answer, still pressed;
- :class:`LiveRegion`: a polite ``role="status"`` region on the page from the start, empty;
  only its content changes. Optionally visually hidden, and optionally scrolling an element
  of its quiz into view after a change (a conversation's feedback under the reply).

Their JavaScript is one package file (``static/controls.js``); anywidget imports it from a
``blob:`` URL (voila.py's CSP allows that), nothing comes from another host. Their styles
are in ``static/controls.css``, sent once per page with the quiz stylesheet (``style.py``).

The key stays in the kernel: a control's state holds the option texts and ids, the
question as its accessible name, and the learner's choice. Python observes ``value``;
:mod:`coursekit.practice.checking` decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import anywidget
import traitlets

_STATIC = Path(__file__).parent / "static"


def _script(name: str) -> str:
    """A script of static/ without its comment lines and indentation: every control sends
    its script to the page in its state, so what only a reader needs stays in the file."""
    lines = (line.strip() for line in (_STATIC / name).read_text(encoding="utf-8").splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


#: (text shown, value) per option.
Options = Sequence[tuple[str, str]]


class _Control(anywidget.AnyWidget):
    _esm = _script("controls.js")
    #: Which control controls.js draws: "choice", "pressed" or "status".
    kind = traitlets.Unicode().tag(sync=True)


class AnswerControl(_Control):
    #: The accessible name of the group: the question.
    label = traitlets.Unicode("").tag(sync=True)
    #: Whether the name is also shown, as a caption above the options.
    show_label = traitlets.Bool(False).tag(sync=True)
    options = traitlets.List(traitlets.Tuple(traitlets.Unicode(), traitlets.Unicode())).tag(
        sync=True
    )
    value = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)

    def __init__(self, options: Options = (), label: str = "", **kwargs: object) -> None:
        super().__init__(options=[(t, v) for t, v in options], label=label, **kwargs)
        self.on_msg(self._on_page_message)

    def _on_page_message(self, _widget: object, content: object, _buffers: object) -> None:
        """The page's choice (controls.js sends it as a message, which keeps its place
        before a later click on another widget; a state change may be held back). Anything
        but one of the options is ignored, like a forged state change.

        The page already shows the choice, so it is not sent back (ipywidgets' property
        lock, as for a state change from the page): sent back, an earlier choice arrived
        after a later one and the page showed the earlier one, while the kernel had the
        later one."""
        if not isinstance(content, dict) or content.get("do") != "choose":
            return
        value = content.get("value")
        if isinstance(value, str) and value in {v for _text, v in self.options}:
            with self._lock_property(value=value):
                self.choose(value)

    @traitlets.validate("value")
    def _valid_value(self, proposal: dict[str, object]) -> str | None:
        """Only one of the options, or nothing: a page that sends anything else (a forged
        message) is refused here, before a quiz looks at it."""
        value = proposal["value"]
        if value is not None and value not in {v for _text, v in self.options}:
            raise traitlets.TraitError(f"no option {value!r}")
        return None if value is None else str(value)

    def choose(self, value: str) -> None:
        """What the page does when the learner picks ``value``: nothing once disabled."""
        if self.disabled:
            return
        self.value = value

    def text_of(self, value: str) -> str:
        """The shown text of the option ``value``."""
        return str(next(text for text, v in self.options if v == value))


class ChoiceGroup(AnswerControl):
    """One answer out of several: a radio group named by the question."""

    kind = traitlets.Unicode("choice").tag(sync=True)


class PressedButtons(AnswerControl):
    """Two (or three) answer buttons; the chosen one is pressed (``aria-pressed``)."""

    kind = traitlets.Unicode("pressed").tag(sync=True)


class LiveRegion(_Control):
    """A polite status region that exists, empty, before the first answer."""

    kind = traitlets.Unicode("status").tag(sync=True)
    #: The HTML in the region (from coursekit.practice.markup).
    value = traitlets.Unicode("").tag(sync=True)
    #: Read by screen readers, not shown (its text is shown elsewhere on the page).
    hidden_visually = traitlets.Bool(False).tag(sync=True)
    #: A CSS selector in the same quiz: its last match is scrolled into view after a change.
    reveal = traitlets.Unicode("").tag(sync=True)
