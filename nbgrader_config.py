"""nbgrader settings for this course; the repository root is the course directory.

Every path follows this file's own folder, so any copy of the course works.
"""

import os
from pathlib import Path

from nbgrader.preprocessors import (
    CheckCellMetadata,
    ClearOutput,
    DeduplicateIds,
    GetGrades,
    OverwriteKernelspec,
)

from coursekit.grading.hooks import answers_files_by_assignment
from coursekit.grading.preprocessors import (
    HideTestsInFeedback,
    JoinPastedAnswers,
    KeepSourceCells,
    OverwriteCellsInOrder,
    TypedAnswersOnly,
)

HERE = Path(__file__).resolve().parent
c = get_config()  # noqa: F821 - provided by traitlets when it loads this file

c.CourseDirectory.root = str(HERE)
c.CourseDirectory.course_id = "steun-bij-stalking"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
# On one machine the gradebook is a file beside this one; on a server (JupyterHub, see
# deploy/jupyterhub) the course service passes a PostgreSQL URL and the shared exchange.
c.CourseDirectory.db_url = os.environ.get(
    "COURSEKIT_GRADEBOOK_URL", f"sqlite:///{HERE / 'gradebook.db'}"
)
if os.environ.get("COURSEKIT_EXCHANGE"):
    c.Exchange.root = os.environ["COURSEKIT_EXCHANGE"]
# Collect skips, with a Dutch line, a hand-in whose folder is not owned by the volunteer it
# names (nbgrader only warns), that holds a link or special file, or that was made after
# the exercise's feedback was released; on one account (a laptop) every owner matches.
c.ExchangeFactory.collect = "coursekit.grading.exchange.CheckedCollect"
# A release writes the gradebook's due date beside the exercise (<naam>.termijn.json), for
# Mijn cursus in the volunteer's own server, which cannot read the gradebook.
c.ExchangeFactory.release_assignment = "coursekit.grading.exchange.ReleaseWithDueDate"

# What a volunteer sees where an answer goes in the released notebook.
c.ClearSolutions.code_stub = {
    "python": '# Typ hier je antwoorden, één per regel, zoals:  "z1": "helpt",  of  "z1": "helpt niet",'  # noqa: E501
}
c.ClearSolutions.text_stub = "Schrijf hier je antwoord."

# Plain nbgrader commands copy folders too: `nbgrader autograde` puts every file handed in
# beside the notebook in the folder where the grading kernel runs, first on its sys.path.
# `coursekit grade` is the safe way (it hands nbgrader a private copy with only the notebook
# and its answers file, and refuses symlinks); for nbgrader's own commands, these patterns
# keep Python out of that folder: a module there could replace coursekit or a standard one.
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints",
    "*.pyc",
    "__pycache__",
    "feedback",
    "*.py",
    "*.pyw",
    "*.so",
    "*.pth",
    "*.zip",
    "*.egg",
    "ipython_*config*",
    "coursekit",
]
# The exchange (release, fetch, submit, collect) copies only an exercise's own files, each
# up to 5 MB (in kB). nbgrader follows symlinks here, which no setting changes; the
# course's collect (CheckedCollect) follows none and refuses a hand-in with one.
c.CourseDirectory.include = [
    "*.ipynb",
    "*.antwoorden.json",
    "*.vragen.yaml",
    "timestamp.txt",
    "submission_secret.txt",
]
c.CourseDirectory.max_file_size = 5 * 1024

# A trainer's own answers file in solutions/ is never released ...
c.GenerateAssignment.pre_convert_hook = "coursekit.grading.hooks.remove_stray_answers"
# ... and never copied over a learner's answers at autograde.
c.Autograde.exclude_overwriting = answers_files_by_assignment(HERE / "solutions")

# Deleted grade cells come back, a pasted or renamed answer cell counts once as itself,
# cells a learner inserted are dropped, and the one cell a learner may edit runs only if
# it holds answers, not code, before grading.
c.OverwriteCellsInOrder.add_missing_cells = True
c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    JoinPastedAnswers,
    DeduplicateIds,
    OverwriteKernelspec,
    OverwriteCellsInOrder,
    KeepSourceCells,
    TypedAnswersOnly,
    CheckCellMetadata,
]

# Feedback says per item whether it was right, without the hidden tests (the key), on the
# course's Dutch page with no code; the page carries its data as JSON for Mijn cursus
# (coursekit/grading/feedback_page.py, docs/architecture.md "Feedback").
c.GenerateFeedback.preprocessors = [GetGrades, HideTestsInFeedback]
c.GenerateFeedback.exporter_class = "coursekit.grading.feedback_page.FeedbackExporter"

# Feedback is given back only after the due date (nbgrader's duedate), unless forced, and
# every release is written down: a hand-in after it is refused (grading/deadlines.py).
c.ExchangeFactory.release_feedback = "coursekit.grading.deadlines.FeedbackRelease"

# A learner's endless loop ends here, and the other submissions still get graded.
c.ExecutePreprocessor.timeout = 60
