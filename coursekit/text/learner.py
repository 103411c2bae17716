"""What a volunteer reads, in Dutch: the quizzes, the feedback, the help lines, the page
around every module, and the messages of a graded notebook and its feedback."""

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
ROUND_SCORE = "Je had er {correct} van de {total} goed."
ROUND_MISSED_TITLE = "Deze had je niet goed:"
ROUND_ALL_RIGHT = "Je had ze allemaal goed!"
RETRY_MISSED = "Oefen de gemiste opnieuw"
PROGRESS = "Vraag {number} van {total}"

# Statement sort (practice).
SORT_TITLE = "Helpt dit, of helpt het niet?"
SORT_ANSWER_WAS = "Dit <strong>{label}</strong>."
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
ANSWERS_FILE_TOO_DEEP = "er zitten meer dan {limit} lagen in elkaar"
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
CHECK_WHY = "Waarom: {why}"
CHECK_BETTER = "Zeg liever: {better}"
FEEDBACK_TEST_HIDDEN = "(De controle van deze vraag is verborgen.)"

# Mijn cursus (coursekit/mijn_cursus): the volunteer's own pages on the hub.
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
MC_DATE = "{day} {month} {year}"
MC_DATE_TIME = "{day} {month} {year} om {time}"
MC_MODULE_NEW = "nog niet begonnen"
MC_MODULE_BUSY = "bezig"
MC_MODULE_DONE = "afgerond op {date}"
MC_MODULE_BEGIN = "Begin"
MC_MODULE_CONTINUE = "Ga verder"
MC_MODULE_AGAIN = "Bekijk opnieuw"
MC_PROGRESS_UNAVAILABLE = (
    "Welke modules je af hebt, kunnen we nu niet laten zien. Je kunt wel gewoon verder."
)
MC_EXERCISE_NEW = "nieuw"
MC_EXERCISE_FETCHED = "opgehaald, {answered} van {total} beantwoord"
MC_EXERCISE_HANDED_IN = "ingeleverd op {moment}"
MC_EXERCISE_GRADED = "nagekeken: {score} van {max_score} punten"
MC_EXERCISE_FEEDBACK_WAITING = "ingeleverd op {moment}; je feedback wordt opgehaald"
MC_FETCH = "Ophalen"
MC_CONTINUE = "Verder"
MC_HAND_IN_AGAIN = "Opnieuw inleveren"
MC_VIEW = "Bekijk"
MC_READ_FEEDBACK = "Lees je feedback"
MC_DUE = "Inleveren vóór {moment}."
MC_NO_DUE = "Er is geen uiterste datum."
MC_NEXT_EXERCISE = "Maak deze oefening af en lever die in: {title}"
MC_NEXT_FETCH = "Er staat een nieuwe oefening voor je klaar. Haal die op: {title}"
MC_NEXT_MODULE = "Ga verder met deze module: {title}"
MC_NEXT_DONE = "Je hebt alles af. Goed gedaan! Je kunt modules altijd opnieuw bekijken."
MC_FEEDBACK_READY = "Er is feedback voor je klaar bij: {titles}."
MC_NO_EXERCISES = "Er staan nog geen oefeningen voor je klaar."
MC_EXCHANGE_UNAVAILABLE = (
    "De oefeningen kunnen nu niet worden opgehaald. Probeer het later nog eens."
)
MC_STORED_NOTHING = "De cursus bewaart nu niets over jou."
MC_STORED_BEGUN = "begonnen op {date}"
MC_STORED_DONE = "afgerond op {date}"
MC_STORED_SCORE = "toets: {goed} van {van} in één keer goed"
MC_FORGOTTEN = "Je voortgang is gewist."
MC_FORGET_FAILED = "Je voortgang kon nu niet worden gewist. Probeer het later nog eens."
MC_NOT_FOUND = "Deze oefening staat niet voor je klaar. Kijk op Mijn cursus welke er zijn."
MC_QUESTIONS_BROKEN = "De vragen van deze oefening kunnen niet worden gelezen. {reason}"
MC_SAVED = "Je antwoorden zijn bewaard."
MC_NOT_SAVED = "Let op: je antwoorden zijn niet bewaard. {reason}"
MC_NOT_SAVED_OFFLINE = (
    "Let op: dit is niet bewaard. Laad de pagina opnieuw; wat al bewaard was, staat er dan weer."
)
MC_SAVED_COUNT = "Bewaard: {answered} van {total} vragen beantwoord."
MC_OPEN_ALL_DONE = "Je hebt alle {total} vragen beantwoord en een reflectie geschreven."
MC_OPEN_QUESTIONS = "Je hebt {answered} van {total} vragen beantwoord"
MC_OPEN_REFLECTION_DONE = " en een reflectie geschreven."
MC_OPEN_REFLECTION_MISSING = " en nog geen reflectie geschreven."
MC_OPEN_ASK = "Toch inleveren?"
MC_OPEN_ASK_READY = "Wil je nu inleveren?"
MC_LATE = "De uiterste datum ({moment}) is voorbij. Je kunt nog inleveren, maar dan is het te laat."
MC_HANDED_IN = "Ingeleverd op {moment}."
MC_HAND_IN_REFUSED = (
    "Inleveren lukte nu niet. Je antwoorden zijn wel bewaard. "
    "Probeer het later opnieuw of vraag je trainer om hulp."
)
MC_HAND_IN_CLOSED = (
    "Inleveren kan niet meer: de feedback van deze oefening is al gegeven. "
    "Je antwoorden zijn wel bewaard."
)
MC_FEEDBACK_MISSING = "Er is nog geen feedback voor deze oefening."
MC_API_PROGRESS_DOWN = "Je voortgang kan nu niet worden bewaard. Probeer het later nog eens."
MC_API_UNKNOWN_MODULE = "Deze module bestaat niet in de cursus."
MC_API_BAD_EVENT = "Dit bericht over je voortgang klopt niet."

# The feedback page of a graded exercise (nbgrader's generate_feedback, the course's
# template) and what Mijn cursus says when it cannot read one.
FEEDBACK_PAGE_TITLE = "Je feedback: {title}"
FEEDBACK_TOTAL = "Je hebt {points} van de {max_points} punten."
FEEDBACK_LATE = "Je hebt te laat ingeleverd. Daarom gaan er {penalty} punten af."
FEEDBACK_QUESTIONS_TITLE = "Je antwoorden"
FEEDBACK_NOT_ANSWERED = "✘ Niet beantwoord."
FEEDBACK_REFLECTION_TITLE = "Je reflectie"
FEEDBACK_REFLECTION_QUESTION = "De vraag"
FEEDBACK_REFLECTION_YOURS = "Wat je schreef"
FEEDBACK_REFLECTION_EMPTY = "Je hebt hier niets geschreven."
FEEDBACK_REFLECTION_POINTS = "Punten: {points} van {max_points}."
FEEDBACK_REFLECTION_WAITING = (
    "Je trainer heeft je reflectie nog niet beoordeeld. Daarom telt die nog niet mee."
)
FEEDBACK_COMMENT_TITLE = "Wat je trainer erover zegt"
FEEDBACK_NO_COMMENT = "Je trainer heeft hier niets bij geschreven."
FEEDBACK_UNREADABLE_TOO_BIG = (
    "Je feedback kan niet worden getoond: het bestand is te groot. Vraag je trainer om hulp."
)
FEEDBACK_UNREADABLE_NO_DATA = (
    "Je feedback kan niet worden getoond: in het bestand staan geen gegevens die deze "
    "pagina kan lezen. Vraag je trainer om de feedback opnieuw klaar te zetten."
)
FEEDBACK_UNREADABLE_BROKEN = (
    "Je feedback kan niet worden getoond: de gegevens in het bestand zijn beschadigd. "
    "Vraag je trainer om de feedback opnieuw klaar te zetten."
)
FEEDBACK_UNREADABLE_OTHER = (
    "Je feedback kan niet worden getoond: het bestand hoort bij een andere oefening of "
    "een andere versie van de cursus. Vraag je trainer om hulp."
)

# The course index and the page around every module (Voila template).
INDEX_MINUTES = "ongeveer {minutes} minuten"
ERROR_NOT_FOUND_TITLE = "Deze pagina bestaat niet"
ERROR_NOT_FOUND = "Misschien klopt de link niet meer. Ga terug naar alle modules."
ERROR_SERVER_TITLE = "Er ging iets mis"
ERROR_SERVER = "Deze pagina kan nu niet worden getoond. Probeer het later nog eens."
ERROR_BUSY_TITLE = "Het is nu druk"
ERROR_BUSY = (
    "Er zijn nu veel mensen bezig met de cursus. Probeer het over een paar minuten opnieuw."
)
# Shown instead of a technical error message when a question stops working.
ERROR_IN_PAGE = "Er ging iets mis. Laad de pagina opnieuw."

# Help lines.
HELP_TITLE = "Hulp nodig? Of zorgen over iemands veiligheid?"
HELP_OR = " of "
HELP_CHECKED = (
    "Nummers overgenomen uit de richtlijn op {date}. Nog niet nagekeken op de eigen sites "
    "van de organisaties."
)
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
MASTERY_INTRO = (
    "Alleen je eerste antwoord op elke vraag telt. "
    "Is {percent} of meer daarvan goed? Dan is deze module klaar."
)
MASTERY_DONE = "✔ Module klaar! Je eerste antwoord was {correct} van de {total} keer goed."
MASTERY_NOT_YET = (
    "Nog niet klaar: je eerste antwoord was {correct} van de {total} keer goed. "
    "Je hebt {percent} nodig."
)
MASTERY_RETRY = "Probeer een nieuwe ronde"

# The hub's login page (deploy/jupyterhub/templates/login.html).
HUB_IDLE_NOTICE = "Je was een tijd niet actief; log opnieuw in."

# Progress on the hub (coursekit.progress): what the service `voortgang` answers, and what a
# page says when it cannot be reached.
PROGRESS_UNAVAILABLE = (
    "Je voortgang kan nu niet worden opgehaald of bewaard. Probeer het later nog eens."
)
PROGRESS_REFUSED = "De voortgangsdienst weigerde dit verzoek."
PROGRESS_UNKNOWN_MODULE = "Er is geen module '{module_id}' in deze cursus."
PROGRESS_BAD_EVENT = "Kies als gebeurtenis 'begonnen' of 'afgerond', niet '{event}'."
PROGRESS_BAD_SCORE = (
    "De score klopt niet: geef 'goed' en 'van' als hele getallen, met 'goed' niet meer dan "
    "'van' en 'van' minstens 1 en hoogstens {most}."
)
PROGRESS_SCORE_ONLY_WHEN_DONE = "Een score hoort alleen bij 'afgerond', niet bij '{event}'."
PROGRESS_BAD_BODY = (
    "Het verzoek klopt niet: stuur 'gebeurtenis' en eventueel 'goed' en 'van', en verder niets."
)
PROGRESS_TOO_LARGE = "Het verzoek is te groot: hoogstens {limit} bytes."
PROGRESS_NOT_LOGGED_IN = "Je bent niet ingelogd bij de cursus. Log opnieuw in."
PROGRESS_ONLY_PEOPLE = "Alleen een ingelogde deelnemer kan voortgang lezen of bewaren."
PROGRESS_TRAINERS_ONLY = "Alleen trainers mogen de voortgang van de hele groep zien."
PROGRESS_NOT_FOUND = "Dit adres bestaat niet bij de voortgangsdienst."
PROGRESS_NOT_ALLOWED = "Dit adres van de voortgangsdienst kan dit verzoek niet aan."
PROGRESS_FAILED = "Er ging iets mis bij de voortgangsdienst. Probeer het later nog eens."

# The hub's menu: the link to the course site.
HUB_SERVICE_SITE = "De cursus"

# issue 17: end states. What a closing quiz says at the end of a round, and the one next
# step when it is not yet passed. {retry} is MASTERY_RETRY, the button's own text.
WHAT_NOW = "Wat nu?"
MASTERY_NEXT_STEP = "Lees hierboven nog eens over: {topics}. Kies daarna „{retry}”."
MASTERY_NEXT_STEP_ANY = "Lees de module hierboven nog eens. Kies daarna „{retry}”."
#: One topic in the next step of the course-wide review: a point and the module that has it.
REVIEW_TOPIC = "„{title}” (module {module})"
REVIEW_NEXT_STEP = "Lees nog eens over: {topics}. Kies daarna „{retry}”."
REVIEW_INTRO = (
    "Alleen je eerste antwoord op elke vraag telt. "
    "Is {percent} of meer daarvan goed? Dan heb je de herhaling gedaan."
)
REVIEW_DONE = (
    "✔ Je hebt de herhaling van de hele cursus gedaan. "
    "Je eerste antwoord was {correct} van de {total} keer goed."
)
REVIEW_NOT_YET = (
    "De herhaling is nog niet af: je eerste antwoord was {correct} van de {total} keer goed. "
    "Je hebt {percent} nodig."
)
REVIEW_WHAT_NEXT = "Ga hieronder verder met de laatste oefeningen van de cursus."
#: Between two or more topics in a next step: "a, b en c".
AND = "en"

# The accessibility statement (toegankelijkheidsverklaring, coursekit/site/statement.py):
# who to contact when an organisation has not set its own sentence.
STATEMENT_CONTACT = "Neem contact op met de organisatie die jou de cursus aanbood."

# The answer controls (coursekit.practice.controls, issue 17): where the learner is in
# "Welk nummer bel je?", and what its live region reads out per situation.
NUMBERS_SITUATION_OF = "Situatie {number} van {total}"

# The Bewijs van deelname in Mijn cursus (issue 18, part "bewijs"): the card on the overview
# page in each state, the download, and the progress service's answers about it.
MC_CERT_HEADING = "Bewijs van deelname"
MC_CERT_NOT_YET = (
    "Als je de cursus af hebt, krijg je een bewijs van deelname. "
    "Daarvoor maak je de eindtoets en lever je die in. "
    "Heb je genoeg punten? Dan bevestigt je trainer dat. Daarna kun je het bewijs hier downloaden."
)
MC_CERT_WAITING = (
    "Je hebt de eindtoets gehaald. Goed gedaan! "
    "Je trainer bevestigt het nog. Daarna kun je je bewijs van deelname hier downloaden."
)
MC_CERT_READY = "Je bewijs van deelname is klaar. Je kunt het downloaden als pdf-bestand."
#: At the top of the overview when it is ready (the card is further down), and the link.
MC_CERT_READY_TOP = "Je bewijs van deelname is klaar."
MC_CERT_TO_CARD = "Naar je bewijs van deelname"
MC_CERT_DOWNLOAD = "Download je bewijs van deelname (pdf)"
MC_CERT_CODE = "Controlecode:"
MC_CERT_CODE_NOTE = (
    "Met deze code kan de organisatie nagaan dat je bewijs echt is. "
    "De organisatie bewaart het bewijs, ook als je je voortgang wist."
)
MC_CERT_UNAVAILABLE = (
    "De cursus kan nu niet nagaan of je bewijs van deelname klaar is. Probeer het later nog eens."
)
MC_CERT_DOWNLOAD_FAILED = (
    "Je bewijs van deelname kan nu niet worden gemaakt. Probeer het later nog eens."
)
PROGRESS_CERT_NOT_READY = (
    "Je bewijs van deelname is nog niet klaar: je hebt de eindtoets nog niet gehaald, "
    "of je trainer heeft het nog niet bevestigd."
)
PROGRESS_CERT_UNAVAILABLE = (
    "Het bewijs van deelname kan nu niet worden opgehaald. Probeer het later nog eens."
)
PROGRESS_CERT_TOO_MANY = (
    "Je vroeg je bewijs van deelname te vaak op. Wacht een minuut en probeer het dan opnieuw."
)
PROGRESS_CERT_BUSY = "De cursus is nu te druk. Probeer het over een minuut opnieuw."
