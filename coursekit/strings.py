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

# The course index and the page around every module (Voila template).
INDEX_MINUTES = "ongeveer {minutes} minuten"

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
# After the verdict (✔ Goed. / ✘ Niet goed.), which already says whether it fits.
NUMBERS_CHOSE_LINE = "Je koos {line}."
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
ERR_LABEL_UNKNOWN = "label '{value}' bestaat niet; kies 'helpful' of 'harmful'"
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
# In the question, so volunteers know the criteria and trainers see them in formgrader.
DRAFT_CRITERIA = "**Zo beoordeelt je trainer dit ({points} punten):**\n\n{rubric}"
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
CLI_ASSIGNMENT_HELP = "de naam van de opdracht, bijvoorbeeld 'wat-niet-helpt'"
CLI_WORKERS_HELP = "hoeveel inzendingen tegelijk (standaard twee per processorkern)"
CLI_TIMEOUT_HELP = "hoeveel seconden één cel mag rekenen (standaard uit nbgrader_config.py)"
GRADE_START = "{count} inzendingen nakijken, {workers} tegelijk."
GRADE_NOTHING = "Er zijn geen inzendingen van '{assignment}' in submitted/. Eerst verzamelen?"
GRADE_LINE_OK = "{score} van {max_score} punten ({seconds} s)"
GRADE_LINE_FAILED = "niet nagekeken: {reason}"
GRADE_SUMMARY = "Nagekeken: {graded} van {total}."
GRADE_LINE_SKIPPED = "al nagekeken, overgeslagen."
GRADE_SKIPPED = (
    "Overgeslagen: {count}, want die waren al nagekeken. Opnieuw nakijken kan met --force; "
    "dan moet je hun reflecties in formgrader opnieuw bevestigen."
)
CLI_GRADE_FORCE_HELP = "kijk ook inzendingen na die al waren nagekeken"
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
GRADE_NO_CONFIG = (
    "In {folder} staat geen nbgrader_config.py; start coursekit grade in de cursusmap."
)

# The item kinds (coursekit.content.kinds): the columns of the coverage report, the counts
# of coursekit check, and the table of labels.
KIND_COUNT = "{count} {label}"
KIND_STATEMENTS = "uitspraken"
KIND_SCENARIOS = "scenario's"
KIND_CLAIMS = "beweringen"
KIND_SITUATIONS = "situaties"
KIND_CONVERSATIONS = "gesprekken"
KIND_REFLECTIONS = "reflecties"
TALLY_STATEMENT = "uitspraak {label}"
TALLY_SCENARIO = "scenario"
TALLY_CLAIM_TRUE = "bewering waar"
TALLY_CLAIM_FALSE = "bewering niet waar"
TALLY_SITUATION = "situatie"
TALLY_CONVERSATION = "gesprek"
TALLY_REFLECTION = "reflectie"

# The coursekit command.
CLI_DESCRIPTION = "Hulpmiddelen voor de cursus."
CLI_CHECK_HELP = "controleer de vragenbanken, de gesprekken, het feitenbestand en de cursuskaart"
CLI_OK = "{name}: {summary}, in orde."
CLI_MODULES = "{count} modules"
CLI_TURNS = "{count} beurten"
CLI_LINES = "{count} hulplijnen"
CLI_REPORT_HELP = (
    "toon per richtlijnpunt de secties en vragen, de leesbaarheid per module, "
    "onbekende woorden, overlap met de bron en losse nummers"
)
CLI_JSON_HELP = "geef het rapport als JSON"
REPORT_COURSE_HELP = "de cursusmap, met modules/ en solutions/ (standaard: de map waar je nu bent)"

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
REPORT_NO_MODULES = "In {folder} staat geen map modules/. Geef de cursusmap op met --course."
REPORT_NO_HUNSPELL = "hunspell ontbreekt. Installeer het met: apt-get install hunspell hunspell-nl"
CLI_UNIQUE = "samen {summary}, elke ID één keer"

# Item analysis (coursekit report).
IA_CLI_HELP = (
    "maak een itemanalyse van een opdracht uit de cijferlijst van nbgrader: per vraag hoe "
    "moeilijk hij was, of hij onderscheidt en welke antwoorden zijn gekozen"
)
IA_CLI_ASSIGNMENT_HELP = "de naam van de opdracht, zoals 'wat-niet-helpt'"
IA_CLI_COURSE_HELP = "de cursusmap, met nbgrader_config.py (standaard: de map waar je nu bent)"
IA_CLI_OUTPUT_HELP = "de map voor het rapport (standaard: reports/OPDRACHT in de cursusmap)"
IA_NO_CONFIG = "In {folder} staat geen nbgrader_config.py. Geef de cursusmap op met --course."
IA_NO_GRADEBOOK = (
    "Er is nog geen cijferlijst ({path}). Kijk de opdracht eerst na met: "
    "coursekit grade {assignment}"
)
IA_NO_ASSIGNMENT = (
    "De opdracht '{assignment}' staat niet in de cijferlijst. Controleer de naam, of kijk "
    "de opdracht eerst na met: coursekit grade {assignment}"
)
IA_NO_ITEMS = "De opdracht '{assignment}' heeft geen vragen die nbgrader zelf nakijkt."
IA_NO_QUESTIONS = (
    "{error} Het rapport toont bij {notebook} daarom geen vraagteksten en geen gekozen antwoorden."
)
IA_NO_AUTOGRADED = (
    "Van {student} is er geen nagekeken notebook (is het nakijken mislukt?); de antwoorden "
    "van deze cursist tellen niet mee."
)
IA_ANSWERS_BROKEN = (
    "Het antwoordbestand van {student} ({file}) is niet te gebruiken; wat deze cursist heeft "
    "geklikt, telt als geen antwoord."
)
IA_ANSWERS_PARTLY = (
    "In het antwoordbestand van {student} ({file}) zijn {count} antwoorden niet te gebruiken; "
    "die tellen als geen antwoord."
)
IA_NOTEBOOK_BROKEN = (
    "Het nagekeken notebook van {student} ({file}) is niet te lezen; wat deze cursist heeft "
    "getypt, telt niet mee."
)
IA_TYPED_BROKEN = (
    "De getypte antwoorden van {student} ({file}) zijn niet te lezen; alleen wat deze "
    "cursist heeft geklikt, telt mee."
)
IA_WRITE_FAILED = "Het rapport kan niet worden geschreven in {folder}: {reason}."
IA_SUMMARY = (
    "Itemanalyse van {assignment}: {learners} cursisten, {items} vragen, {flagged} met een signaal."
)
IA_SUMMARY_ITEM = "  {question}: aandeel goed {facility}, Rir {rir} ({flags})"
IA_WRITTEN = "Het rapport staat in {csv} en {html}."
IA_UNDEFINED = "-"
IA_NO_ANSWER = "geen antwoord"
IA_KEY_UNKNOWN = "onbekend"
IA_KEY_SUFFIX = " (goed antwoord)"
IA_KEY_TICK = "{answer}\n✔ goed antwoord"
IA_COUNT = "{answer}: {count}"
IA_KIND_SORT = "helpt of helpt niet"
IA_KIND_TRUE_FALSE = "waar of niet waar"
IA_KIND_CHOICE = "keuzevraag"
IA_FLAG_LOW_FACILITY = "moeilijk: aandeel goed onder {threshold}"
IA_FLAG_LOW_DISCRIMINATION = "onderscheidt weinig: Rir onder {threshold}"
IA_QUESTION_HEADING = "Vraag {number} ({id})"
IA_COL_ID = "id"
IA_COL_NUMBER = "vraag"
IA_COL_KIND = "soort"
IA_COL_TEXT = "tekst"
IA_COL_KEY = "goed antwoord"
IA_COL_N = "n"
IA_COL_FACILITY = "aandeel goed"
IA_COL_RIR = "Rir"
IA_COL_UPPER_LOWER = "hoog-laag"
IA_COL_COUNT = "aantal {answer}"
IA_COL_FLAGS = "signalen"
IA_TITLE = "Itemanalyse: {assignment}"
IA_INTRO = (
    "Per vraag zie je hoeveel cursisten hem goed hadden, of hij de sterkere van de zwakkere "
    "cursisten onderscheidt en welke antwoorden zijn gekozen. Gemaakt op {date} uit de "
    "cijferlijst van nbgrader."
)
IA_FEW_LEARNERS = (
    "Deze getallen komen van {n} cursisten (n = {n}). Met weinig cursisten zijn ze ruw: één "
    "cursist meer of minder kan ze flink veranderen. Zie ze als een aanwijzing om een vraag "
    "nog eens te bekijken, niet als een oordeel."
)
IA_KEY_WARNING = "Deze pagina bevat de antwoordsleutel. Deel hem niet met cursisten."
IA_FLAGGED = "{flagged} van de {items} vragen hebben een signaal (⚑)."
IA_MEANING_TITLE = "Wat de getallen betekenen"
IA_MEANING_FACILITY = (
    "Het deel van de punten dat de cursisten haalden: 0 is niemand goed, 1 is iedereen goed. "
    "Onder {threshold}: de vraag is moeilijk. Klopt de sleutel, en is de vraag duidelijk?"
)
IA_MEANING_RIR = (
    "Hoe sterk goed zijn op deze vraag samengaat met goed zijn op de andere vragen, van "
    "-1 tot 1 (de gecorrigeerde punt-biseriële correlatie). Onder {threshold}: de vraag "
    "onderscheidt weinig. Onder 0: wie de rest goed had, had deze vaker fout. Kijk dan of "
    "de sleutel klopt."
)
IA_MEANING_UPPER_LOWER = (
    "Het aandeel goed bij de beste {share} van de cursisten min dat bij de zwakste {share}, "
    "gemeten op de andere vragen."
)
IA_MEANING_UNDEFINED = (
    "Niet te berekenen, bijvoorbeeld omdat iedereen dezelfde score had of omdat er te weinig "
    "cursisten zijn. Een cursist bij wie het nakijken mislukte, telt bij de scores niet mee, "
    "ook niet als 0."
)
IA_TABLE_TITLE = "Overzicht per vraag"
IA_TABLE_CAPTION = (
    "Per vraag: het goede antwoord, het aantal cursisten met een score (n), het aandeel goed, "
    "de Rir, hoog-laag, hoe vaak elk antwoord is gekozen en de signalen."
)
IA_TH_QUESTION = "Vraag"
IA_TH_KIND = "Soort"
IA_TH_KEY = "Goed antwoord"
IA_TH_FACILITY = "Aandeel goed"
IA_TH_RIR = "Rir"
IA_TH_UPPER_LOWER = "Hoog-laag"
IA_TH_CHOSEN = "Gekozen"
IA_TH_FLAGS = "Signaal"
IA_SCATTER_TITLE = "Moeilijkheid en onderscheid"
IA_SCATTER_X = "Aandeel goed"
IA_SCATTER_Y = "Rir"
IA_SCATTER_ALT = (
    "Spreidingsdiagram van de vragen: horizontaal het aandeel goed, verticaal de Rir. Een "
    "lijn staat bij aandeel goed {facility} en een lijn bij Rir {rir}; links en onder de "
    "lijnen is het vlak gekleurd. {points}"
)
IA_SCATTER_POINT = "Vraag {number}: aandeel goed {facility}, Rir {rir}."
IA_SCATTER_CAPTION = (
    "Elke stip is een vraag, met het nummer erbij. Een vraag in het gekleurde vlak, links of "
    "onder de stippellijnen, krijgt een signaal."
)
IA_SCATTER_LEFT_OUT = "Niet getekend, want de Rir is niet te berekenen: {questions}."
IA_ANSWERS_TITLE = "Gekozen antwoorden per vraag"
IA_BAR_ALT = (
    "Staafdiagram van vraag {number}, hoe vaak elk antwoord is gekozen: {counts}. Het goede "
    "antwoord is {key}."
)
IA_BAR_Y = "Aantal cursisten"
IA_ITEM_NUMBERS = "n = {n}, aandeel goed {facility}, Rir {rir}, hoog-laag {upper_lower}."
IA_UNGRADED = (
    "Zonder score, want het nakijken mislukte: {count} van de ingeleverde opdrachten. Die "
    "tellen niet mee in de getallen."
)
IA_BAD_CONFIG = "Het bestand nbgrader_config.py in {folder} is niet te lezen: {reason}"
IA_BAD_GRADEBOOK = "De cijferlijst {path} is niet te lezen: {reason}"
IA_NO_SOURCE = (
    "Het bronnotebook {notebook}.ipynb in {folder} is niet te lezen; het goede antwoord staat "
    "daarom niet in het rapport."
)

# JupyterHub (coursekit.hub, deploy/jupyterhub).
HUB_BAD_USERNAME = (
    "'{name}' kan geen gebruikersnaam zijn: gebruik kleine letters, zonder spaties of '/'"
)
HUB_SITE_LINK = "Naar de cursus: Steun bij stalking"
HUB_ROLE_USER = "Vrijwilliger: eigen JupyterLab met de opdrachten, en de cursussite"
HUB_ROLE_TRAINER = "Trainer: nakijken in formgrader, in de cursusdienst"
