"""Every sentence a learner or trainer reads, in Dutch, in one place.

Code identifiers stay English; what people read lives here so that it can be
reviewed, spell-checked and changed without touching the logic.
"""

from __future__ import annotations

# Answer labels as the learner sees them.
LABEL_HELPFUL = "Helpt"
LABEL_HARMFUL = "Helpt niet"

# Statement sort (practice).
SORT_TITLE = "Helpt dit, of helpt het niet?"
SORT_PROGRESS = "Uitspraak {number} van {total}"
SORT_QUESTION = "Wat vind je van deze uitspraak?"
SORT_CORRECT = "✔ Goed."
SORT_INCORRECT = "✘ Niet goed."
SORT_YOU_CHOSE = "Jij koos: {answer}."
SORT_ANSWER_WAS = "Deze uitspraak <strong>{label}</strong>."
SORT_BETTER = "Zeg liever:"
SORT_NEXT = "Volgende uitspraak"
SORT_SHOW_SCORE = "Bekijk je score"
SORT_SCORE = "Je had er {correct} van de {total} goed."
SORT_DONE = "Klaar! Je hebt alle uitspraken gehad."

# Graded exercise (answers saved for nbgrader).
GRADED_INTRO = (
    "Kies bij elke uitspraak <strong>Helpt</strong> of <strong>Helpt niet</strong>. "
    "Je keuze wordt meteen bewaard. Je ziet pas na het nakijken wat goed was."
)
GRADED_SAVED = "Bewaard: {answered} van {total} uitspraken beantwoord."
GRADED_NOT_SAVED = "Let op: je keuze is niet bewaard. {reason}"
GRADED_STATEMENT = "Uitspraak {number}"

# Messages in the graded notebook, read by volunteers and in their feedback.
ANSWERS_FILE_MISSING = (
    "Er is nog geen antwoordbestand ({file}). Kies je antwoorden met de knoppen "
    "hierboven, of typ ze in de cel met getypte antwoorden."
)
ANSWERS_FILE_BROKEN = (
    "Het antwoordbestand {file} is kapot en wordt niet gebruikt: {reason}. "
    "Kies je antwoorden opnieuw met de knoppen."
)
ANSWERS_FILE_TOO_BIG = "het bestand is groter dan {limit} bytes"
ANSWERS_FILE_NOT_JSON = "het is geen geldige JSON"
ANSWERS_FILE_WRONG_SHAPE = "de inhoud heeft niet de verwachte vorm"
ANSWERS_FILE_OTHER_EXERCISE = "het hoort bij een andere oefening ({exercise})"
ANSWER_UNKNOWN = (
    "Bij uitspraak {item} staat '{value}'. Dat is geen antwoord dat ik ken; "
    "kies 'helpt' of 'helpt niet'."
)
ANSWER_UNKNOWN_ITEM = (
    "Uitspraak '{item}' bestaat niet in deze oefening; dit antwoord telt niet mee."
)
CHECK_MISSING = "Uitspraak {item}: je hebt nog geen antwoord gegeven."
CHECK_WRONG = "Uitspraak {item}: dit antwoord klopt niet."
CHECK_RIGHT = "Uitspraak {item}: goed."
FEEDBACK_TEST_HIDDEN = "(De controle van deze vraag is verborgen.)"

# Help lines.
HELP_TITLE = "Hulp nodig? Of zorgen over iemands veiligheid?"
HELP_CHECKED = "Nummers gecontroleerd op {date}."
