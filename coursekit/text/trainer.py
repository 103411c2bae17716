"""What a trainer reads, in Dutch: the grading log, the exercise a draft becomes, `coursekit
grade`, the item analysis, and the JupyterHub pages and roles."""

from __future__ import annotations

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
LOG_TYPED_TOO_LARGE = (
    "Cel {number} van {notebook} was te groot voor getypte antwoorden; die is niet gelezen "
    "(de geklikte antwoorden tellen wel)."
)
LOG_CELL_PASTED = (
    "De cel {cell} met een antwoord stond er {count} keer in (geplakt); de tekst uit alle "
    "kopieën telt als één antwoord."
)
LOG_CELL_RENAMED = (
    "De cel {cell} met een antwoord had een ander kenmerk gekregen; ze telt weer als {cell}."
)
LOG_CELL_ID_TWICE = (
    "Het kenmerk {cell} stond bij meer dan één cel; alleen de eerste telt, zoals in het "
    "bronnotebook."
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
DRAFT_QUESTIONS_PAIR = "vraag {first} en {last}"
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
GRADE_WHY_WORKER_DIED = (
    "het nakijken van deze inzending stopte het nakijkproces zelf; de andere inzendingen "
    "zijn wel nagekeken. Bekijk het notebook met de hand."
)
GRADE_REFUSED_LINK = (
    "In de inzending van {student} is {file} een snelkoppeling naar een ander bestand; "
    "het is niet meegenomen."
)
GRADE_REFUSED_SPECIAL = (
    "In de inzending van {student} is {file} geen gewoon bestand; het is niet meegenomen."
)
GRADE_REFUSED_TOO_BIG = (
    "In de inzending van {student} is {file} groter dan {limit} MB; het is niet meegenomen."
)
GRADE_TAMPERED = (
    "de alleen-lezen cel {cell} was veranderd; nbgrader heeft het origineel teruggezet."
)
GRADE_NO_CONFIG = (
    "In {folder} staat geen nbgrader_config.py; start 'coursekit grade' in de cursusmap."
)
GRADE_WHY_GLOB_NAME = (
    "de naam bevat [, ], * of ?, tekens die nbgrader als patroon leest (en zo een ander "
    "zou nakijken); hernoem de map in submitted/ en kijk opnieuw na."
)
GRADE_BAD_ASSIGNMENT = (
    "'{assignment}' is geen naam van een opdracht: [, ], *, ? en / mogen er niet in staan."
)
# Due dates (coursekit.grading.deadlines).
LATE_AFTER_FEEDBACK = (
    "{student} leverde {assignment} in op {submitted}, na de feedback ({released}); die "
    "inzending telt niet, want in de feedback staan de goede antwoorden."
)
LATE_NO_TIMESTAMP = (
    "de feedback op {assignment} is al teruggegeven en bij deze inzending van {student} "
    "staat geen leesbare inlevertijd; hij telt niet."
)
FEEDBACK_BEFORE_DUE = (
    "De feedback is niet teruggegeven: de inleverdatum ({due}) is nog niet voorbij, en in "
    "de feedback staan de goede antwoorden. Moet het toch, geef dan de optie "
    "--FeedbackRelease.before_due_date=True mee; dat wordt met je naam vastgelegd in "
    "feedback_vrijgegeven.jsonl."
)
CLI_NO_SANDBOX_HELP = (
    "kijk na zonder afgeschermde omgeving (alleen waar het platform het nakijken zelf "
    "afschermt, zie docs/trainers.md)"
)
SANDBOX_MISSING = (
    "Nakijken gebeurt in een afgeschermde omgeving, maar 'bwrap' of 'prlimit' ontbreekt. "
    "Installeer ze met 'sudo apt-get install bubblewrap util-linux'. Schermt je platform het "
    "nakijken al af (zie docs/trainers.md), dan mag de beheerder "
    "'coursekit grade --geen-sandbox' gebruiken."
)
SANDBOX_BROKEN = (
    "Nakijken gebeurt in een afgeschermde omgeving, maar die start hier niet ({detail}); "
    "waarschijnlijk staat deze machine dat afschermen niet toe. Schermt je platform het "
    "nakijken al af (zie docs/trainers.md), dan mag de beheerder "
    "'coursekit grade --geen-sandbox' gebruiken."
)
SANDBOX_EXPOSES_COURSE = (
    "De afgeschermde omgeving zou {folder} laten lezen, en daarin staat de cursusmap "
    "{course} met de antwoorden. Zet de cursus of de software ergens anders neer."
)
SANDBOX_NEEDS_IPC = (
    "De afgeschermde omgeving werkt alleen met 'KernelManager.transport = ipc' in "
    "nbgrader_config.py."
)
GRADE_WITHOUT_SANDBOX = (
    "Let op: nakijken zonder afgeschermde omgeving; alleen de eerste muur (er draait geen "
    "code van cursisten) beschermt de cursus."
)

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
    "'{name}' kan geen gebruikersnaam zijn: gebruik kleine letters en cijfers, zonder "
    "spaties, '/' of tekens als [ ] * ? + $ ; die een shell of nbgrader anders leest, en "
    "begin niet met '.' of '-'"
)
# The hub service `voortgang` (coursekit.progress), in the hub's log.
PROGRESS_MISSING_SETTING = (
    "{name} ontbreekt: de voortgangsdienst start alleen als dienst van de hub "
    "(coursekit.hub zet dit)."
)
PROGRESS_NOT_LOOPBACK = "De voortgangsdienst luistert alleen op {loopback}, niet op {url}."
# nbgrader's exchange on a shared server (coursekit.grading.exchange).
COLLECT_WRONG_OWNER = (
    "Inlevering {folder} niet verzameld: ze zegt van {student} te zijn, maar de map is van {owner}."
)
COLLECT_NOT_A_FOLDER = (
    "Inlevering {folder} niet verzameld: het is geen gewone map (maar bijvoorbeeld een "
    "snelkoppeling), dus niet zeker van {student}."
)
COLLECT_NOT_A_FILE = (
    "Inlevering {folder} niet verzameld: {name} is geen gewoon bestand (maar bijvoorbeeld een "
    "snelkoppeling). Vraag {student} om opnieuw in te leveren."
)
COLLECT_BAD_NAME = (
    "Inlevering {folder} niet verzameld: de naam heeft geen leesbare inlevertijd, dus de map "
    "is niet door nbgrader gemaakt. Vraag {student} om opnieuw in te leveren."
)
COLLECT_TOO_LARGE = (
    "Inlevering {folder} niet verzameld: ze is groter dan de grens voor een inlevering. "
    "Vraag {student} om alleen het notebook in te leveren."
)
COLLECT_SKIPPED_FOLDER = "In inlevering {folder} is de map {name} niet verzameld: alleen bestanden."
# The hub's Unix permissions (coursekit.hub_permissions, coursekit hub-permissions).
HUB_PERMISSIONS_HELP = (
    "zet en controleer de rechten op de hub: de software leesbaar voor iedereen, de "
    "gegevens (sleutel, inzendingen, feedback, cijferboek) alleen voor het cursusaccount"
)
HUB_PERMISSIONS_CHECK_HELP = "alleen controleren, niets veranderen"
HUB_PERMISSIONS_COURSE_HELP = (
    "de cursusmap (standaard COURSEKIT_COURSE_DIR of de map van deze installatie)"
)
HUB_PERMISSIONS_EXCHANGE_HELP = (
    "de map voor uitgeven en inleveren (standaard COURSEKIT_EXCHANGE of /srv/nbgrader/exchange)"
)
HUB_PERMISSIONS_OWNER_HELP = "het cursusaccount (standaard COURSEKIT_SERVICE_USER)"
HUB_PERMISSIONS_USERS_HELP = "users.yaml (standaard COURSEKIT_HUB_USERS of die naast de hub)"
HUB_NO_OWNER = (
    "Welk account is van de cursus? Geef --eigenaar op of zet COURSEKIT_SERVICE_USER "
    "(bijvoorbeeld cursus)."
)
HUB_NO_ACCOUNT = "Het account '{name}' bestaat niet op deze machine: maak het eerst aan."
HUB_NO_COURSE_CONFIG = "In {folder} staat geen nbgrader_config.py: is dat de cursusmap?"
HUB_MADE = "Gemaakt: {path}"
HUB_SET = "Rechten gezet: {path} ({mode})"
HUB_ALL_GOOD = "De rechten kloppen: vrijwilligers lezen de sleutel en elkaars werk niet."
HUB_REFUSED = "De hub start niet: vrijwilligers zouden de sleutel of elkaars werk kunnen lezen."
HUB_HOW_TO_FIX = (
    "Zet de rechten met: coursekit hub-permissions (als root; zie deploy/jupyterhub/README.md)."
)
HUB_DATA_LINK = "{path} is een snelkoppeling; maak er een gewone map van."
HUB_DATA_MISSING = "{path} ontbreekt; nbgrader zou de map later voor iedereen leesbaar maken."
HUB_DATA_OWNER = "{path} is niet van het cursusaccount {owner}."
HUB_DATA_OPEN = (
    "{path} is leesbaar voor anderen dan het cursusaccount (rechten {mode}; hoort {wanted})."
)
HUB_SOFTWARE_WRITABLE = (
    "{path} is beschrijfbaar voor anderen (rechten {mode}): een vrijwilliger kan code of "
    "mappen van de cursus veranderen."
)
HUB_AND_MORE = "... en nog {count} bestanden of mappen die anderen kunnen beschrijven."
HUB_PARENT_WRITABLE = (
    "{path} is beschrijfbaar voor anderen (rechten {mode}): een vrijwilliger kan de map "
    "erin hernoemen en vervangen."
)
HUB_EXCHANGE_MISSING = "De map voor uitgeven en inleveren {path} ontbreekt."
HUB_EXCHANGE_OWNER = (
    "De map voor uitgeven en inleveren {path} is niet van het cursusaccount {owner} (of "
    "zijn groep)."
)
HUB_EXCHANGE_MODE = "De map voor uitgeven en inleveren {path} heeft rechten {mode}; hoort {wanted}."
HUB_GROUP_SHARED = (
    "De groep {group} van het cursusaccount heeft ook {names}: die lezen de inleveringen "
    "van iedereen. Haal ze uit de groep."
)
HUB_HOME_OPEN = (
    "De thuismap {path} van {name} is open voor anderen (rechten {mode}): daar staan zijn "
    "opdrachten en reflecties."
)
SUBMIT_NOT_PRIVATE = (
    "De map {folder} geeft een inlevering niet de groep van het cursusaccount: je "
    "inlevering blijft leesbaar voor wie haar naam kent. Meld dit aan je trainer."
)
HUB_LOGIN_REFUSED = (
    "Te vaak een verkeerd wachtwoord: inloggen kan over een kwartier weer. Wachtwoord "
    "vergeten? Vraag je trainer."
)
HUB_LOGIN_LOCKED_LOG = (
    "Inloggen geweigerd voor {key}: {count} mislukte pogingen, {minutes:.0f} minuten dicht."
)
HUB_LOGIN_REFUSED_LOG = "Inlogpoging geweigerd voor {key}: nog dicht na te veel mislukte pogingen."
HUB_IDLE_LOG = "{name} moet opnieuw inloggen: {minutes:.0f} minuten niet actief."
HUB_SITE_LINK = "Naar de cursus: Steun bij stalking"
# The hub's menu: the link to formgrader in the course service.
HUB_SERVICE_GRADING = "Groepsoverzicht en nakijken"
HUB_ROLE_USER = "Vrijwilliger: eigen JupyterLab met de opdrachten, en de cursussite"
HUB_ROLE_TRAINER = "Trainer: nakijken in formgrader, in de cursusdienst"

# issue 18
# The trainer's overview of a group (coursekit overzicht; coursekit/overview/).
OV_UNKNOWN = "onbekend"
OV_NOT_STARTED = "nog niet begonnen"
OV_ALL_MODULES_DONE = "alle modules afgerond"
OV_MODULE = "{number} {title}"
OV_MODULE_NEXT = "{number} {title} (nog niet geopend)"
OV_NONE = "geen"
OV_NEED_GRADE_REFLECTION = "reflectie van {a} nakijken"
OV_NEED_COLLECT = "{a} is ingeleverd: verzamelen"
OV_NEED_AUTOGRADE = "{a} is verzameld, kijk het na met: coursekit grade {a}"
OV_NEED_OVERDUE = "{a} is niet ingeleverd en de inleverdatum is voorbij"
OV_NEED_CONFIRM_CERTIFICATE = "eindtoets gehaald: bevestig het bewijs van deelname"
OV_NEED_INACTIVE = "al {weeks} weken niet actief"
OV_SCORE = "{score} van {max}"
OV_CLI_HELP = (
    "Het overzicht van de groep: per vrijwilliger de modules, de opdrachten, de punten en "
    "wat op jou wacht."
)
OV_CLI_CSV_HELP = (
    "Schrijf het overzicht als CSV naar dit bestand (voor Excel), in plaats van een tabel."
)
OV_CLI_COURSE_HELP = "De cursusmap (de map met nbgrader_config.py); standaard de huidige map."
OV_NO_CONFIG = "In {folder} staat geen nbgrader_config.py. Geef de cursusmap op met --course."
OV_NO_GRADEBOOK = (
    "Er is geen cijferboek ({url}). Zet eerst de deelnemers erin met: "
    "nbgrader db student import deelnemers.csv"
)
OV_BAD_GRADEBOOK = "Het cijferboek ({url}) is niet te lezen: {reason}"
OV_BAD_PROGRESS = "De voortgang in {url} is niet te lezen: {reason}"
OV_BAD_SETTINGS = "De instelling {name} in nbgrader_config.py klopt niet: {reason}"
OV_EMPTY = (
    "Er staan nog geen vrijwilligers in het cijferboek. Zet ze erin met: "
    "nbgrader db student import deelnemers.csv"
)
OV_CSV_WRITTEN = "Het overzicht staat in {path} ({count} vrijwilligers)."
OV_CSV_FAILED = "Het overzicht kan niet worden geschreven in {path}: {reason}"
OV_NO_PROGRESS_NOTE = (
    "Er is geen voortgang van de modules (die houdt alleen de hub bij): die kolommen zeggen "
    "'onbekend'."
)
# The columns, in the table and as the CSV's headers.
OV_COL_NAME = "Naam"
OV_COL_ID = "Id"
OV_COL_FINISHED = "Modules afgerond"
OV_COL_FINISHED_COUNT = "Aantal modules afgerond"
OV_COL_CURRENT = "Bezig met"
OV_COL_HANDED_IN = "Ingeleverd"
OV_COL_GRADED = "Nagekeken"
OV_COL_WAITING = "Wacht op trainer"
OV_COL_SCORE = "Punten"
OV_COL_MAX = "Maximum"
OV_COL_LAST = "Laatst actief"
OV_COL_NEEDS = "Voor de trainer"
OV_COL_FINAL = "Eindtoets gehaald"
OV_YES = "ja"
OV_NO = "nee"
# Short headers for the terminal (100 columns).
OV_SHORT_FINISHED = "Af"
OV_SHORT_EXERCISES = "In/Nk/Wacht"
OV_FINISHED_LINE = "afgerond: {modules}"
OV_NEEDS_LINE = "voor jou: {needs}"
OV_FINISHED_ONE = "{number} op {date}"
OV_FINISHED_OF = "{done} van {total}"
OV_LEGEND = (
    "Af: modules afgerond. In/Nk/Wacht: opdrachten ingeleverd, nagekeken, en wachtend op jou. "
    "Punten: van de nagekeken opdrachten."
)

# issue 18: bewijs van deelname
CERT_NOT_PASSED = (
    "{name} heeft de eindtoets (nog) niet gehaald: er is geen bewijs van deelname mogelijk."
)
CERT_NOT_CONFIRMED = (
    "Nog niet bevestigd dat {name} de eindtoets heeft gehaald. "
    "Bevestig het eerst met: coursekit bewijs bevestig {student}"
)
CERT_NO_ORGANISATION = "Organisatie (naam niet ingesteld)"
CERT_MODULE_LINE = "Module {number}, {title}"
CERT_PDF_TITLE = "Bewijs van deelname van {name}"
CERT_PDF_HEADING = "Bewijs van deelname"
CERT_PDF_DECLARES = "{organisation} verklaart dat"
CERT_PDF_FOLLOWED = "de cursus"
CERT_PDF_PASSED = "heeft gevolgd en de eindtoets heeft gehaald."
CERT_PDF_MODULES = "De modules en wat ze behandelen"
CERT_PDF_DATE = "Datum: {date}"
CERT_PDF_ISSUED_BY = "Uitgereikt door: {trainer}"
CERT_PDF_CODE = "Controlecode: <b>{code}</b>"
CERT_PDF_CODE_NOTE = (
    "Met deze code kan {organisation} nagaan of dit bewijs echt is en aan wie het is gegeven."
)
# coursekit bewijs
CERT_CLI_HELP = "Bewijs van deelname: bevestigen, maken en opzoeken."
CERT_CLI_CONFIRM_HELP = "Bevestig dat een vrijwilliger de eindtoets heeft gehaald."
CERT_CLI_MAKE_HELP = "Maak het bewijs van deelname (een pdf) van een vrijwilliger."
CERT_CLI_FIND_HELP = "Zoek een bewijs van deelname op met de controlecode."
CERT_CLI_STUDENT_HELP = "De id van de vrijwilliger in het cijferboek."
CERT_CLI_OUT_HELP = "Het pdf-bestand (standaard: bewijs-ID.pdf in deze map)."
CERT_CLI_CODE_HELP = "De controlecode op het bewijs, bijvoorbeeld 'K7QM-3XPA-9D'."
CERT_UNKNOWN_STUDENT = "Er is geen vrijwilliger met id {student} in het cijferboek."
CERT_CONFIRMED = "Bevestigd: {name} ({student}) heeft de eindtoets gehaald ({by}, {date})."
CERT_WRITTEN = "Het bewijs van deelname van {name} staat in {path} (controlecode {code})."
CERT_WRITE_FAILED = "Het bewijs kan niet worden geschreven in {path}: {reason}"
CERT_BAD_CODE = "{code} is geen controlecode: die heeft tien tekens, zoals 'K7QM-3XPA-9D'."
CERT_NOT_FOUND = "Er is geen bewijs van deelname met controlecode {code}."
CERT_FOUND = (
    "Controlecode {code}: {name} ({student}), uitgereikt op {date} door {trainer}; "
    "punten {score} van {max_score}; bevestigd door {confirmed_by} op {confirmed}."
)

# --- Groepsoverzicht: the trainers' pages in the course service (issue 18) ---------------
GO_TITLE = "Groepsoverzicht"
GO_NOT_FOUND = "Deze pagina bestaat niet. Ga terug naar het groepsoverzicht."
GO_FORBIDDEN = "Deze pagina is alleen voor trainers van deze cursus."
GO_SERVER_ERROR = (
    "Er ging iets mis aan onze kant. Er is niets verloren gegaan. Probeer het over een paar "
    "minuten opnieuw; lukt het dan nog niet, meld het aan de beheerder."
)
GO_NAV = "Trainer"
GO_NAV_OVERVIEW = "Groepsoverzicht"
GO_NAV_CYCLE = "Oefeningen"
GO_NAV_GROUP = "Groep beheren"
GO_NAV_ACTIONS = "Logboek"
GO_NAV_FORMGRADER = "Nakijken in formgrader (Engels)"
GO_NAV_LOGOUT = "Uitloggen"

# --- Groep beheren and Logboek (issue 18, beheer): coursekit/hub_group.py and
# coursekit/groepsoverzicht/beheer.py ---------------------------------------------------
HUB_ROLE_GROUP = "Cursusdienst: vrijwilligers toevoegen, wachtwoorden, verwijderen en wissen"
HUB_SCOPE_GROUP = "Vrijwilligers van de cursus beheren via de pagina Groep beheren"
GB_FORBIDDEN = "Alleen de cursusdienst mag de groep beheren."
GB_HUB_ERROR = "De hub kon dit niet doen; er is niets veranderd."
GB_BAD_ACTION = "Deze actie bestaat niet."
GB_BAD_NAME = (
    "'{name}' kan geen gebruikersnaam zijn: gebruik kleine letters en cijfers, zonder "
    "spaties, punt of schuine streep aan het begin, en hoogstens 32 tekens."
)
GB_IS_TRAINER = "{name} is een trainer: trainers beheer je niet op deze pagina."
GB_PROTECTED = (
    "{name} is een account van de server zelf, geen vrijwilliger: dat beheer je hier niet."
)
GB_OTHER_ACCOUNT = (
    "Er is al een account {name} op de server dat niet bij deze cursus hoort: kies een "
    "andere gebruikersnaam."
)
GB_NOT_VOLUNTEER = "{name} is geen vrijwilliger van deze cursus."
GB_ALREADY = "{name} staat al in de groep en kan al inloggen."
GB_NOT_IN_HUB = "{name} kan niet meer inloggen: voeg {name} eerst weer toe aan de groep."
GB_STOPPING = "De server van {name} stopt nog: probeer het over een minuut opnieuw."
GB_USERADD_FAILED = "Het account {name} kon niet worden gemaakt: {reason}"
GB_PASSWORD_FAILED = "Het wachtwoord van {name} kon niet worden gezet."
GB_LOCK_FAILED = "Inloggen voor {name} kon niet worden uitgezet: {reason}"
GB_USERDEL_FAILED = "Het account {name} kon niet worden gewist: {reason}"
GB_HUB_USER_FAILED = "{name} kon niet aan de hub worden toegevoegd."
GB_TITLE = "Groep beheren"
GB_NO_HUB = (
    "Deze cursus draait niet op de hub. Toevoegen zet een vrijwilliger alleen in het "
    "cijferboek; accounts en wachtwoorden regelt de beheerder."
)
GB_HUB_UNREACHABLE = "De hub antwoordt niet ({reason}), dus er is niets veranderd op de hub."
GB_NEED_NAME = "Vul een gebruikersnaam in."
GB_NEED_FIRST_NAME = (
    "Vul de voornaam in zoals de vrijwilliger zich heeft aangemeld: die naam komt op het "
    "bewijs van deelname."
)
GB_UNKNOWN_VOLUNTEER = "Er is geen vrijwilliger {name} in deze groep."
GB_CONFIRM_MISMATCH = (
    "Er is niets gewist: je typte '{typed}', maar de gebruikersnaam is {name} (typ die "
    "precies zo over)."
)
GB_ADDED = "{name} is toegevoegd en kan nu inloggen."
GB_ADDED_NO_HUB = "{name} staat nu in het cijferboek."
GB_PASSWORD_SET = "{name} heeft een nieuw wachtwoord."
GB_REMOVED = "{name} kan niet meer inloggen. Het werk, de cijfers en de voortgang zijn bewaard."
GB_ERASED = "Alles van {name} is gewist."
GB_PARTLY = "Niet alles is gelukt. Dit is gedaan en dit niet:"
GB_GRADEBOOK_FAILED = "Het cijferboek kon niet worden bijgewerkt: {reason}"
GB_STEP_HUB = "inloggen op de hub uitgezet"
GB_STEP_ACCOUNT = "account en inleveringen die nog niet waren opgehaald gewist"
GB_STEP_GRADEBOOK = "uit het cijferboek gehaald, met inleveringen en cijfers"
GB_STEP_FOLDERS = "mappen met inleveringen, nakijkwerk en feedback gewist"
GB_STEP_FEEDBACK = "vrijgegeven feedback gewist"
GB_STEP_PROGRESS = "voortgang in de modules gewist"
GB_STEP_ADD_HUB = "account op de hub gemaakt"
GB_STEP_ADD_GRADEBOOK = "in het cijferboek gezet"
GB_DETAIL_ADD = "toegevoegd als {name}"
GB_DETAIL_PASSWORD = "nieuw wachtwoord gemaakt"
GB_DETAIL_REMOVE = "inloggen uitgezet, gegevens bewaard"
GB_DETAIL_ERASE = "gewist: {done}"
GB_DETAIL_ERASE_PARTLY = "deels gedaan: {done}; niet gelukt: {failed}"
AL_TITLE = "Logboek"
OV_NEED_RETENTION = "bewaartermijn voorbij: wissen"
GB_ALSO_USERS_YAML = (
    "{name} staat ook in users.yaml: vraag de beheerder de naam daar weg te halen, anders "
    "komt {name} na een herstart van de hub terug in de lijst."
)
GB_STEP_EXCHANGE = "{count} inleveringen die nog niet waren opgehaald gewist"
GB_HOME_KEPT = (
    "De thuismap van {name} is niet gewist, want die map is niet alleen van {name}: vraag "
    "de beheerder ernaar te kijken."
)
GB_STEP_HOME = "thuismap gewist"
GB_REGISTERED = (
    "{name} kon al inloggen en staat nu met deze naam in het cijferboek. Het wachtwoord is "
    "niet veranderd; kwijt? Maak dan een nieuw wachtwoord."
)

# --- Groepsoverzicht, Oefeningen: the trainer's cycle without a terminal (issue 18, cycle) ---
CY_TITLE = "Oefeningen"
CY_DATE_TIME = "{day} {month} {year} om {time}"
CY_WHOLE_COURSE = "de hele cursus"
CY_MODULE = "module {number}"
CY_NO_DUE = "geen"
# The next step of an exercise, in words.
CY_STEP_GENERATE = "Nog niet vrijgegeven. Geef de oefening vrij als de groep eraan toe is."
CY_STEP_DUE = "Vrijgegeven, maar zonder inleverdatum. Zet een inleverdatum."
CY_STEP_COLLECT = "{count} inlevering(en) wachten om verzameld te worden. Verzamel ze."
CY_STEP_GRADE = "{count} verzamelde inlevering(en) zijn nog niet nagekeken. Kijk ze na."
CY_STEP_FAILED = (
    "{count} inlevering(en) konden niet worden nagekeken. Lees waarom bij de voortgang, en "
    "vraag de vrijwilliger zo nodig opnieuw in te leveren."
)
CY_STEP_GRADING = "Het nakijken loopt: {progress}."
CY_STEP_MANUAL = "Kijk {count} reflectie(s) na in formgrader, en geef daarna de feedback vrij."
CY_STEP_WAIT = (
    "Alles is nagekeken. Wacht tot de inleverdatum voorbij is ({due}); geef dan de feedback vrij."
)
CY_STEP_FEEDBACK = "Alles is nagekeken en de inleverdatum is voorbij. Geef de feedback vrij."
CY_STEP_WAIT_HAND_INS = (
    "Vrijgegeven. Wacht tot de vrijwilligers inleveren (inleveren kan tot {due})."
)
CY_STEP_DONE = "Klaar: de feedback is vrijgegeven op {moment}."
# What the page says after an action.
CY_DONE_RELEASE = "{name} is vrijgegeven. De vrijwilligers zien de oefening nu in Mijn cursus."
CY_DONE_DUE = "De inleverdatum van {name} is nu {due}."
CY_DONE_DUE_RELEASED = (
    "De inleverdatum van {name} is nu {due}. Wie de oefening al had opgehaald, ziet in Mijn "
    "cursus nog de oude datum."
)
CY_DONE_EXTENSION = "{student} mag {name} nu inleveren tot {due}."
CY_DONE_EXTENSION_REMOVED = "De verlenging van {student} voor {name} is ingetrokken."
CY_DONE_COLLECT = "Verzameld: {count} nieuwe inlevering(en) van {name}."
CY_DONE_FEEDBACK = "De feedback op {name} is vrijgegeven aan {count} vrijwilliger(s)."
CY_DONE_FEEDBACK_FORCED = (
    "De feedback op {name} is vrijgegeven aan {count} vrijwilliger(s), vóór de inleverdatum. "
    "Dat staat in het logboek."
)
# Refusals: one sentence, nothing lost.
CY_NO_EXERCISE = "Er is geen oefening met de naam '{name}' in solutions/."
CY_ALREADY_RELEASED = "{name} is al vrijgegeven."
CY_BUSY = (
    "Er loopt al een handeling voor {name} (misschien een dubbele klik). Wacht even en "
    "vernieuw de pagina."
)
CY_GRADING_RUNS = "Het nakijken van {name} loopt al: {progress}. Wacht tot het klaar is."
CY_NOT_RELEASED = "{name} is nog niet vrijgegeven; er kan nog niets worden ingeleverd."
CY_NOTHING_TO_COLLECT = "Er wacht niets nieuws van {name} om te verzamelen."
CY_NOTHING_COLLECTED = "Er is nog niets van {name} verzameld; verzamel eerst."
CY_NOTHING_TO_GRADE = (
    "Alle verzamelde inleveringen van {name} zijn al nagekeken. Wil je ze opnieuw nakijken, "
    "kies dan 'Opnieuw nakijken'."
)
CY_NOTHING_GRADED = "Er is nog niets van {name} nagekeken; kijk eerst na."
CY_BAD_DATE = "'{value}' is geen datum met een tijd. Kies in het veld een datum en een tijd."
CY_NEEDS_DUE = (
    "{name} heeft nog geen inleverdatum. Zet eerst de inleverdatum; een verlenging komt daarna."
)
CY_EXTENSION_NOT_LATER = (
    "De verlenging moet later zijn dan de inleverdatum van {name} ({due}). Wil je de verlenging "
    "intrekken, laat de datum dan leeg."
)
CY_UNKNOWN_STUDENT = "Er is geen vrijwilliger met id '{student}' in het cijferboek."
CY_FEEDBACK_BEFORE_DUE = (
    "De feedback op {name} is niet vrijgegeven: de inleverdatum ({due}) is nog niet voorbij, "
    "en in de feedback staan de goede antwoorden. Moet het toch, vink dan 'toch vrijgeven' aan; "
    "dat komt in het logboek."
)
CY_FEEDBACK_BEFORE_EXTENSION = (
    "De feedback op {name} is niet vrijgegeven: {student} heeft verlenging tot {due}, en in "
    "de feedback staan de goede antwoorden. Moet het toch, vink dan 'toch vrijgeven' aan; dat "
    "komt in het logboek."
)
CY_NBGRADER_FAILED = "{what} van {name} is niet gelukt. nbgrader meldde: {detail}"
CY_WHAT_GENERATE = "Het maken van de versie voor vrijwilligers"
CY_WHAT_RELEASE = "Het vrijgeven"
CY_WHAT_COLLECT = "Het verzamelen"
CY_WHAT_FEEDBACK_MAKE = "Het maken van de feedback"
CY_WHAT_FEEDBACK = "Het vrijgeven van de feedback"
CY_UNKNOWN_ACTION = "Deze handeling bestaat niet."
# The grading job.
CY_PROGRESS = "{done} van {total} nagekeken"
CY_PROGRESS_DONE = "Klaar: {done} van {total} nagekeken"
CY_PROGRESS_FAILED = "{count} niet gelukt"
CY_NO_JOB = "Sinds de server startte is {name} hier niet nagekeken."
CY_JOB_STOPPED = "Het nakijken stopte: {reason}"
# Details in the trainers' action log.
CY_LOG_RELEASE = "vrijgegeven"
CY_LOG_DUE = "inleverdatum {due}"
CY_LOG_EXTENSION = "verlenging tot {due}"
CY_LOG_EXTENSION_REMOVED = "verlenging ingetrokken"
CY_LOG_COLLECT = "{count} nieuw verzameld"
CY_LOG_GRADE = "nakijken gestart ({count} inleveringen)"
CY_LOG_REGRADE = "opnieuw nakijken gestart ({count} inleveringen)"
CY_LOG_FEEDBACK = "feedback vrijgegeven"
CY_LOG_FEEDBACK_FORCED = "feedback vrijgegeven vóór de inleverdatum ({due})"
# nbgrader release_feedback (coursekit.grading.deadlines): an extension counts too.
FEEDBACK_BEFORE_EXTENSION = (
    "De feedback is niet teruggegeven: {student} heeft verlenging tot {due}, en in de "
    "feedback staan de goede antwoorden. Moet het toch, geef dan de optie "
    "--FeedbackRelease.before_due_date=True mee; dat wordt met je naam vastgelegd in "
    "feedback_vrijgegeven.jsonl."
)

# --- Groepsoverzicht, pages: the overview, a volunteer's details, certificates (issue 18) ---
GO_PLOT_X = "Module"
GO_PLOT_MODULE = "Module {number}: {done} van {total} afgerond"
GO_PLOT_ALT = "Voortgang van de groep per module. {modules}."
GO_PLOT_Y = "Vrijwilligers (van {total})"
GO_COUNT = "{shown} van {total} vrijwilligers"
GO_UNKNOWN_QUERY = "Dit deel van het adres is onbekend: {words}. Daarvoor geldt nu de gewone keuze."
GO_CONFIRM_REFUSED = (
    "{name} heeft de eindtoets volgens het cijferboek niet gehaald. Je kunt dit dus niet "
    "bevestigen. Kijk eerst de eindtoets na in formgrader."
)
GO_CODE_EMPTY = "Vul de controlecode in die op het bewijs staat."
GO_DATE_TIME = "{date} om {time}"
