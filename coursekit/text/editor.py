"""What a content editor reads, in Dutch: one sentence per mistake in a bank or course file,
naming the file and the item; the item kinds' labels; `coursekit check` and the content
report."""

from __future__ import annotations

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
ERR_NO_ITEM = "Er is in coursekit/banks geen item '{id}' bij de {label}."
ERR_NO_HELP_LINE = (
    "Er is in coursekit/data/facts.yaml geen hulplijn '{id}'; kies een van deze: {known}."
)
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
    "onbekende woorden, overlap met de bron, losse nummers en de tijd per module"
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
REPORT_TIMES = (
    "Tijd per module (lezen: {pace} woorden per minuut; elk antwoord: {answer} seconden; "
    "een reflectie: {reflection} seconden)"
)
REPORT_TIME_LINE = (
    "{number} {title}: gemeten {measured} minuten, course.yaml zegt {stated} "
    "({words} woorden, {answers} antwoorden)"
)
REPORT_TIME_WRONG = "klopt niet"
REPORT_TIME_OFF = (
    "Module {number} duurt volgens de meting {measured} minuten, maar course.yaml zegt "
    "{stated}; pas de minuten in course.yaml aan (het mag {tolerance} minuten schelen)."
)
REPORT_TIME_STATED_AT = (
    "{where}: er staat {said} minuten, maar course.yaml zegt {stated}; maak ze gelijk."
)
REPORT_NO_MODULES = "In {folder} staat geen map modules/. Geef de cursusmap op met --course."
REPORT_NO_HUNSPELL = "hunspell ontbreekt. Installeer het met: apt-get install hunspell hunspell-nl"
CLI_UNIQUE = "samen {summary}, elke ID één keer"
COURSE_DUPLICATE_MODULE_ID = (
    "De id {id!r} staat bij twee modules in course.yaml: geef elke module een eigen id."
)
