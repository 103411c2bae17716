"""Conversation practice: the learner answers a simulated loved one, turn by turn.

Only the current turn's words and choices are in widget state. Where a choice
leads, whether it helps and why, reach the page after the learner has chosen it.

The feedback on a reply sits in the transcript right under that reply, before the next
message and the new choices; the page scrolls it into view and the quiz's live region
(visually hidden: its text is in the transcript) reads it out, then the next message.
"""

from __future__ import annotations

import ipywidgets as widgets

from coursekit.content.conversations import Choice, Conversation
from coursekit.practice import markup, shared
from coursekit.practice.checking import take, touched_guidance
from coursekit.practice.controls import ChoiceGroup, LiveRegion
from coursekit.practice.style import stylesheet
from coursekit.text import learner


class ConversationPractice(widgets.VBox):  # type: ignore[misc]
    """A branching dialogue ending in a debrief that names the guidance the path touched."""

    def __init__(self, conversation: Conversation) -> None:
        self._conversation = conversation
        self._transcript = shared.html()
        # The choices and "send" are shown and hidden together: one layout of their own.
        choosing = widgets.Layout(width="fit-content")
        self._choice = ChoiceGroup(
            label=learner.CONVERSATION_CHOICE, show_label=True, layout=choosing
        )
        self._send_button = shared.button(
            learner.CONVERSATION_SEND, button_style="primary", layout=choosing
        )
        self._send_button.on_click(self._on_send_click)
        # "Kies eerst een antwoord" and, at the end, the debrief.
        self._feedback = shared.html()
        # The one live region of this quiz: what the transcript just got, read out.
        self._region = LiveRegion(hidden_visually=True, layout=shared.layout())
        # "Start again" is made at the first ending, not with the page.
        self._restart: widgets.Button | None = None
        super().__init__(
            children=[
                stylesheet(),
                shared.html(markup.conversation_intro(conversation.title, conversation.intro)),
                self._transcript,
                self._choice,
                self._send_button,
                self._feedback,
                self._region,
            ],
            layout=shared.layout(),
        )
        self.add_class("coursekit-quiz")
        self.add_class("coursekit-conversation")
        self._start()

    @property
    def path(self) -> list[Choice]:
        """The choices taken so far in this run of the conversation."""
        return list(self._path)

    def _start(self) -> None:
        self._node = self._conversation.start
        self._path: list[Choice] = []
        self._lines: list[tuple[str, str]] = []
        self._notes: dict[int, str] = {}
        self._say(self._conversation.who, self._conversation.turns[self._node].says)
        self._feedback.value = ""
        self._region.value = ""
        if self._restart is not None:
            self._restart.layout.display = "none"
        self._offer_choices()

    def _say(self, who: str, text: str) -> None:
        self._lines.append((who, text))
        self._transcript.value = markup.transcript(self._lines, self._notes)

    def _offer_choices(self) -> None:
        turn = self._conversation.turns[self._node]
        self._choice.options = [(c.text, str(index)) for index, c in enumerate(turn.choices)]
        self._choice.value = None
        self._choice.layout.display = None  # the send button's layout too

    def _on_send_click(self, _button: widgets.Button) -> None:
        if self._choice.value is None:
            self._feedback.value = markup.choose_first()
            self._region.value = markup.choose_first()
            return
        step = take(self._conversation, self._node, int(self._choice.value))
        self._path.append(step.choice)
        self._feedback.value = ""
        # The feedback goes under the reply it judges, before what comes next.
        note = markup.judged_note(step.choice.helps, step.choice.note, step=len(self._path))
        self._notes[len(self._lines)] = note
        self._say(learner.CONVERSATION_YOU, step.choice.text)
        self._node = step.next_id
        if step.ended:
            ending = self._conversation.endings[step.next_id]
            says = ending.says
            self._say(self._conversation.who, says)
            self._feedback.value = markup.debrief(
                ending.debrief_for(self._path), touched_guidance(self._path)
            )
            self._choice.layout.display = "none"  # the send button's layout too
            self._show_restart()
        else:
            says = self._conversation.turns[step.next_id].says
            self._say(self._conversation.who, says)
            self._offer_choices()
        # Read out: the verdict and why first, then the next message.
        self._region.reveal = (
            f'.coursekit-transcript .coursekit-note[data-step="{len(self._path)}"]'
        )
        heard = markup.judged_note(step.choice.helps, step.choice.note)  # unmarked: not a target
        self._region.value = markup.feedback(heard, markup.said(self._conversation.who, says))

    def _shown(self) -> list[widgets.Widget]:
        return list(self.children)

    def _show_restart(self) -> None:
        if self._restart is None:
            self._restart = shared.button(
                learner.CONVERSATION_RESTART, layout=widgets.Layout(width="fit-content")
            )
            self._restart.on_click(self._on_restart_click)
            self.children = [*self._shown(), self._restart]
        else:
            self._restart.layout.display = None

    def _on_restart_click(self, _button: widgets.Button) -> None:
        self._start()
