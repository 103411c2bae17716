"""Every sentence a learner or trainer reads, in Dutch, in one place.

Code identifiers stay English; what people read lives here so that it can be
reviewed, spell-checked and changed without touching the logic.
"""

from __future__ import annotations

# Answer labels as the learner sees them.
LABEL_HELPFUL = "Helpt"
LABEL_HARMFUL = "Helpt niet"

# Shared by every quiz: correctness in words and an icon, not only colour.
CORRECT = "✔ Goed."
INCORRECT = "✘ Niet goed."
YOU_CHOSE = "Jij koos: {answer}."
TRY_AGAIN = "Probeer het nog eens."
CHECK = "Controleer"
NEXT = "Volgende"
CONFIDENCE = "Hoe zeker ben je?"
CONFIDENCE_SURE = "Zeker"
CONFIDENCE_UNSURE = "Niet zeker"
ROUND_SCORE = "Je had er {correct} van de {total} in één keer goed."
ROUND_MISSED_TITLE = "Deze had je niet goed:"
ROUND_ALL_RIGHT = "Je had alles in één keer goed!"
RETRY_MISSED = "Oefen de gemiste opnieuw"
PROGRESS = "Vraag {number} van {total}"

# Statement sort (practice).
SORT_TITLE = "Helpt dit, of helpt het niet?"
SORT_ANSWER_WAS = "Deze uitspraak <strong>{label}</strong>."
SORT_BETTER = "Zeg liever:"

# Graded exercise (answers saved for nbgrader).
GRADED_INTRO = (
    "Kies bij elke vraag je antwoord. Je keuze wordt meteen bewaard. "
    "Je ziet pas na het nakijken wat goed was."
)
GRADED_SAVED = "Bewaard: {answered} van {total} vragen beantwoord."
GRADED_NOT_SAVED = "Let op: je keuze is niet bewaard. {reason}"
GRADED_QUESTION = "Vraag {number}"

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
    "Bij vraag {item} staat '{value}'. Dat is geen antwoord dat past bij deze vraag; "
    "kies 'helpt' of 'helpt niet', 'waar' of 'niet waar', of een letter."
)
ANSWER_UNKNOWN_ITEM = "Vraag '{item}' bestaat niet in deze oefening; dit antwoord telt niet mee."
CHECK_QUESTION = "Vraag {number}"
CHECK_MISSING = "{question}: je hebt nog geen antwoord gegeven."
CHECK_WRONG = "{question}: dit antwoord klopt niet."
CHECK_RIGHT = "{question}: goed."
CHECK_RIGHT_ANSWER = "Het goede antwoord is: {answer}."
CHECK_BETTER = "Zeg liever: {better}"
FEEDBACK_TEST_HIDDEN = "(De controle van deze vraag is verborgen.)"

# Help lines.
HELP_TITLE = "Hulp nodig? Of zorgen over iemands veiligheid?"
HELP_CHECKED = "Nummers gecontroleerd op {date}."
RESOURCES_TITLE = "Organisaties die kunnen helpen"

# True or false.
TRUE_FALSE_TITLE = "Waar of niet waar?"
LABEL_TRUE = "Waar"
LABEL_FALSE = "Niet waar"
CLAIM_ANSWER_WAS = "Dit is <strong>{label}</strong>."

# Which number do you call?
NUMBERS_TITLE = "Welk nummer bel je?"
NUMBERS_PROMPT = "Kies bij elke situatie wie je belt."
NUMBERS_CHOOSE = "Kies…"
NUMBERS_SITUATION = "Situatie {number}"
NUMBERS_RIGHT_LINE = "Je koos {line}."
NUMBERS_WRONG_LINE = "Niet goed. Je koos {line}."
NUMBERS_UNANSWERED = "Je hebt hier nog niets gekozen."

# Scenario choice.
SCENARIO_TITLE = "Wat zeg je nu?"
SCENARIO_ANSWER = "Jouw antwoord"
SCENARIO_CHOOSE_FIRST = "Kies eerst een antwoord."

# Conversation practice.
CONVERSATION_YOU = "Jij"
CONVERSATION_SEND = "Stuur dit antwoord"
CONVERSATION_CHOICE = "Wat stuur je terug?"
CONVERSATION_HELPS = "✔ Dit helpt."
CONVERSATION_DOES_NOT_HELP = "✘ Dit helpt niet."
CONVERSATION_END = "Einde van het gesprek"
CONVERSATION_DEBRIEF = "Nabespreking"
CONVERSATION_TOUCHED = "Dit gesprek ging over:"
CONVERSATION_RESTART = "Begin het gesprek opnieuw"

# Reflection.
REFLECTION_TITLE = "Denk even na"
REFLECTION_ANSWER = "Jouw antwoord"
REFLECTION_PLACEHOLDER = "Schrijf hier. Dit wordt nergens bewaard."
REFLECTION_PRIVATE = (
    "Wat je hier schrijft, blijft op deze pagina. Het wordt nergens opgeslagen of verstuurd."
)
REFLECTION_SHOW = "Toon een voorbeeldantwoord"
REFLECTION_MODEL = "Een voorbeeld van een antwoord:"

# Recap and mastery.
RECAP_TITLE = "Herhaling: weet je het nog?"
RECAP_NOTHING = "Er is nog niets te herhalen. Dat komt vanaf de volgende module."
MASTERY_TITLE = "Toets jezelf"
REVIEW_TITLE = "Herhaling van de hele cursus"
MASTERY_INTRO = "Heb je {percent} of meer in één keer goed? Dan is deze module klaar."
MASTERY_DONE = "✔ Module klaar! Je had {correct} van de {total} in één keer goed."
MASTERY_NOT_YET = (
    "Nog niet klaar: je had {correct} van de {total} in één keer goed. Je hebt {percent} nodig."
)
MASTERY_RETRY = "Probeer een nieuwe ronde"

# Messages for content editors and trainers: one sentence, naming the file and the item.
ERR_FILE_ITEM = "{source}, {what}{more}."
ERR_FILES_ITEM = "{source}: {what}."
ERR_UNKNOWN_PLACEHOLDER = (
    "{source}: {{{name}}} is geen hulplijn uit coursekit/data/facts.yaml; "
    "schrijf een nummer als {{alarmnummer}}, {{politie}}, {{veilig-thuis}} of {{slachtofferhulp}}."
)
ERR_MORE = " (en nog {count} andere {errors})"
ERR_MORE_ONE = "fout"
ERR_MORE_MANY = "fouten"
ERR_ITEM = "item {number}"
ERR_ITEM_ID = "item {number} (id '{id}')"
ERR_NOT_YAML = "{source}: dit is geen geldige YAML{line}."
ERR_YAML_LINE = " op regel {line}"
ERR_NOT_FIELDS = (
    "{source}: het bestand moet velden hebben, zoals schema_version, title en statements."
)
ERR_FIELD_MISSING = "het veld {field} ontbreekt"
ERR_FIELD_UNKNOWN = "het veld '{field}' ken ik niet"
ERR_LABEL_UNKNOWN = "label '{value}' bestaat niet; kies helpful of harmful"
ERR_SCHEMA_VERSION = "schema_version moet {expected} zijn, niet {value}"
ERR_FIELD_EMPTY = "het veld {field} is leeg"
ERR_TOO_FEW = "het veld {field} heeft minstens {minimum} nodig"
ERR_ID_PATTERN = "de id '{value}' mag alleen kleine letters, cijfers en streepjes hebben"
ERR_FIELD_OTHER = "{field}: {message}"
ERR_CONTENT = "de inhoud"
ERR_GUIDANCE_UNKNOWN = "onbekende richtlijn-ID {ids}"
ERR_DUPLICATE_ID = "de ID '{id}' komt twee keer voor"
ERR_HARMFUL_NEEDS_BETTER = "een uitspraak die niet helpt heeft een betere zin nodig (better)"
ERR_HELPFUL_NO_BETTER = "een uitspraak die helpt heeft geen betere zin (better)"
ERR_NO_BANK = "Er is geen vragenbank '{name}' in coursekit/banks."
ERR_NO_CONVERSATION = "Er is geen gesprek '{name}' in coursekit/banks/conversations."
ERR_SAME_LETTER = "twee antwoorden hebben dezelfde letter"
ERR_BEST_NOT_AN_OPTION = "het beste antwoord '{best}' staat niet bij de antwoorden"
ERR_TURN_AND_ENDING = "'{node}' is zowel een beurt als een einde"
ERR_START_NOT_TURN = "de start '{node}' is geen beurt"
ERR_NEXT_MISSING = "beurt '{node}' verwijst naar '{next}', die niet bestaat"
ERR_UNREACHABLE = "'{node}' is vanaf de start niet te bereiken"
ERR_DEAD_END = "vanaf beurt '{node}' is geen einde te bereiken"
ERR_UNKNOWN_LINE = "situatie '{id}' noemt onbekende hulplijn '{line}'"
ERR_CHOICE_OPTIONS = "vraag '{id}' is een keuzevraag en heeft 3 of 4 antwoorden nodig"
ERR_OPTIONS_NOT_CHOICE = "vraag '{id}' heeft antwoorden, maar is geen keuzevraag"
ERR_QUESTIONS_MISSING = "{file} ontbreekt naast het notebook."
ERR_OTHER_EXERCISE = "{file} hoort bij oefening '{exercise}'."
FIELD_NAMES = {
    "id": "id",
    "text": "tekst (text)",
    "label": "label",
    "why": "uitleg (why)",
    "better": "betere zin (better)",
    "guidance": "richtlijn-ID's (guidance)",
    "schema_version": "schema_version",
    "title": "titel (title)",
    "statements": "uitspraken (statements)",
    "choices": "keuzes (choices)",
    "options": "antwoorden (options)",
}

# nbgrader plug-ins, in the trainer's log.
LOG_STRAY_ANSWERS = (
    "{path} is een antwoordbestand in de bronmap; het wordt verwijderd zodat het "
    "niet naar de cursisten gaat."
)
LOG_CELL_RESTORED = "De cel {cell} was verwijderd; het origineel is teruggezet."
LOG_CODE_REMOVED = (
    "Cel {number} van {notebook} bevatte code in plaats van alleen antwoorden; "
    "die code is niet uitgevoerd (de geklikte antwoorden tellen wel)."
)
TYPED_CODE_REMOVED = "Hier stond code in plaats van antwoorden; die is niet uitgevoerd."
LOG_FOREIGN_CELL = (
    "Cel {number} van {notebook} staat niet in het bronnotebook en telt niet mee (verwijderd)."
)

# A new graded exercise, written from a trainer's draft (coursekit new-exercise).
ERR_DRAFT_ANSWER = "vraag '{id}': '{answer}' is geen antwoord dat bij deze soort vraag past"
ERR_DRAFT_BETTER = "vraag '{id}' helpt niet en heeft dus een betere zin nodig (better)"
ERR_EXERCISE_EXISTS = (
    "{path} bestaat al. Bewerk dat notebook, of gebruik --force om het te vervangen."
)
DRAFT_HOW = (
    "- Klik op de knoppen onder elke vraag. Je keuze wordt meteen bewaard.\n"
    "- Je ziet pas na het nakijken wat goed was, met uitleg.\n"
    "- {reflections} Die leest je trainer.\n"
    "- Klaar? Sla het notebook op en lever het in."
)
DRAFT_ONE_REFLECTION = "Onderaan schrijf je een korte reflectie."
DRAFT_TWO_REFLECTIONS = "Onderaan schrijf je twee korte reflecties."
DRAFT_TYPING = (
    "**Lukt klikken niet?** Typ dan in de cel hieronder je antwoorden, één per regel, met "
    "een komma erachter. {questions} Zo: `{example}` Wat je typt, telt in plaats van wat je "
    "hebt geklikt."
)
DRAFT_TYPE_WORDS = 'Bij {which} typ je `"{yes}"` of `"{no}"`.'
DRAFT_TYPE_LETTER = "Bij {which} typ je de letter."
DRAFT_ONE_QUESTION = "vraag {number}"
DRAFT_QUESTIONS_RANGE = "vraag {first} tot en met {last}"
DRAFT_TEST_TITLE = "Controle van vraag {number}"
DRAFT_REFLECTION = "Reflectie"
DRAFT_RUBRIC = (
    "**Voor de trainer (beoordeling, {points} punten):**\n\n{rubric}\n\n"
    "Voorbeeld van een goed antwoord: {example}"
)
DRAFT_QUESTIONS_HEADER = (
    '# De vragen van de opdracht "{title}". Alleen de tekst staat hier; het goede\n'
    "# antwoord en de uitleg staan in de verborgen tests van het bronnotebook.\n"
)
CLI_NEW_EXERCISE_HELP = (
    "maak een nieuwe opdracht (bronnotebook en vragenbestand in solutions/) uit een concept"
)
CLI_DRAFT_HELP = "het concept: vragen met antwoord, uitleg en betere zin, en de reflecties"
CLI_FORCE_HELP = "vervang een bestaand bronnotebook"
CLI_EXERCISE_WRITTEN = (
    "{path} is geschreven. Maak de versie voor cursisten met: "
    "nbgrader generate_assignment {exercise}"
)

# Autograding every submission (coursekit grade).
CLI_GRADE_HELP = (
    "kijk alle ingeleverde opdrachten na, een paar tegelijk, met voortgang en samenvatting"
)
CLI_ASSIGNMENT_HELP = "de naam van de opdracht, bijvoorbeeld wat-niet-helpt"
CLI_WORKERS_HELP = "hoeveel inzendingen tegelijk (standaard twee per processorkern)"
CLI_TIMEOUT_HELP = "hoeveel seconden één cel mag rekenen (standaard uit nbgrader_config.py)"
GRADE_START = "{count} inzendingen nakijken, {workers} tegelijk."
GRADE_NOTHING = "Er zijn geen inzendingen van '{assignment}' in submitted/. Eerst verzamelen?"
GRADE_LINE_OK = "{score} van {max_score} punten ({seconds} s)"
GRADE_LINE_FAILED = "niet nagekeken: {reason}"
GRADE_SUMMARY = "Nagekeken: {graded} van {total}."
GRADE_FAILED_TITLE = "Niet gelukt ({count}):"
GRADE_WARNINGS_TITLE = "Let op:"
GRADE_WHY_NOT_JSON = "het notebook is kapot (geen geldige JSON)."
GRADE_WHY_NO_NOTEBOOK = "er zit geen notebook van deze opdracht in de inzending."
GRADE_WHY_TIMEOUT = "een cel bleef te lang rekenen."
GRADE_WHY_NO_ASSIGNMENT = (
    "de opdracht staat niet in het cijferboek; draai eerst nbgrader generate_assignment."
)
GRADE_WHY_DATABASE = "het cijferboek was bezet; probeer deze inzending opnieuw."
GRADE_WHY_OTHER = "nbgrader meldde: {detail}"
GRADE_WHY_WORKER = "het nakijkproces stopte onverwacht ({detail}); kijk deze inzending opnieuw na."
GRADE_TAMPERED = (
    "de alleen-lezen cel {cell} was veranderd; nbgrader heeft het origineel teruggezet."
)

# The coursekit command.
CLI_DESCRIPTION = "Hulpmiddelen voor de cursus."
CLI_CHECK_HELP = "controleer de vragenbanken, de gesprekken, het feitenbestand en de cursuskaart"
CLI_OK = "{name}: {summary}, in orde."
CLI_STATEMENTS = "{count} uitspraken"
CLI_SCENARIOS = "{count} scenario's"
CLI_REFLECTIONS = "{count} reflectievragen"
CLI_FACTS = "{claims} beweringen, {situations} situaties"
CLI_MODULES = "{count} modules"
CLI_TURNS = "{count} beurten"
CLI_LINES = "{count} hulplijnen"
CLI_REPORT_HELP = (
    "toon per richtlijnpunt de secties en vragen, de leesbaarheid per module, "
    "onbekende woorden, overlap met de bron en losse nummers"
)
CLI_JSON_HELP = "geef het rapport als JSON"

# The content report (coursekit content-report).
REPORT_COVERAGE = "Richtlijnpunten: secties en vragen"
REPORT_SECTIONS = "{count} secties"
REPORT_ITEMS = "{count} vragen"
REPORT_LOW = "te weinig"
REPORT_LABELS = "Vragen per soort en label"
REPORT_READABILITY = "Leesbaarheid per module (Flesch-Douma, minimaal {minimum})"
REPORT_WORDS = "woorden"
REPORT_UNKNOWN = "onbekende woorden"
REPORT_PROBLEMS = "Wat moet worden opgelost"
REPORT_NONE = "niets"
REPORT_NOT_TAUGHT = "{id} wordt in geen enkele sectie van een module behandeld."
REPORT_TOO_FEW = "{id} heeft {count} vragen; dat moeten er minstens {minimum} zijn."
REPORT_TOO_FEW_STATEMENTS = "{id} heeft {count} uitspraken; dat moeten er minstens {minimum} zijn."
REPORT_HARD = "Module {number} scoort {score} op Flesch-Douma; dat moet minstens {minimum} zijn."
REPORT_UNKNOWN_AT = (
    "{where}: '{words}' staat niet in het Nederlandse woordenboek en niet in "
    "coursekit/data/wordlist.txt."
)
REPORT_OVERLAP_AT = "{where}: '{run}' staat letterlijk in de bron; schrijf het in eigen woorden."
REPORT_NUMBER_AT = (
    "{where}: het nummer {number} hoort alleen in coursekit/data/facts.yaml; "
    "schrijf {{alarmnummer}} of de naam van de hulplijn."
)
REPORT_NO_HUNSPELL = "hunspell ontbreekt. Installeer het met: apt-get install hunspell hunspell-nl"
CLI_UNIQUE = "samen {summary}, elke ID één keer"
