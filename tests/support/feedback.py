"""A graded notebook built in code, rendered by the course's feedback exporter (no gradebook).

Its cells carry what nbgrader's ``GetGrades`` puts in them (score, points, comment); every
text that comes from a notebook or a trainer holds markup (``EVIL``).
"""

from __future__ import annotations

import nbformat

from coursekit.grading.feedback_page import FeedbackExporter

EVIL = '<img src=x onerror="alert(1)"></script><script>alert(2)</script>&amp; \' "'


def _cell(kind: str, source: str, **nbgrader: object) -> nbformat.NotebookNode:
    new = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = new(source)
    if nbgrader:
        cell.metadata["nbgrader"] = {"schema_version": 3, **nbgrader}
    return cell


def graded_notebook() -> nbformat.NotebookNode:
    wrong = nbformat.v4.new_output(
        "stream",
        name="stderr",
        text=(
            f"Vraag 1: dit antwoord klopt niet.\nHet goede antwoord is: helpt niet.\n"
            f"Waarom: {EVIL}\nZeg liever: {EVIL}\n"
        ),
    )
    right = nbformat.v4.new_output("stream", name="stdout", text="Vraag 2: goed.\n")
    check = "check_answered(antwoorden, 'z1', 1)\n# (De controle van deze vraag is verborgen.)"
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        _cell("markdown", f"# Oefening {EVIL}", grade=False, grade_id="intro"),
        _cell("code", check, grade=True, grade_id="controle-z1", points=1, score=0),
        _cell("code", check, grade=True, grade_id="controle-z2", points=1, score=1),
        _cell(
            "markdown", f"## Reflectie\n\nDenk na. {EVIL}", grade=False, grade_id="reflectie-vraag"
        ),
        _cell(
            "markdown",
            f"Mijn antwoord {EVIL}",
            grade=True,
            solution=True,
            grade_id="reflectie",
            points=2,
            score=1.5,
            comment=f"Trainer: {EVIL}",
        ),
    ]
    nb.cells[1].outputs = [wrong]
    nb.cells[2].outputs = [right]
    return nb


def render_feedback() -> str:
    resources = {
        "nbgrader": {
            "assignment": "proef",
            "notebook": "proef",
            "student": "anna",
            "score": 2.5,
            "max_score": 4.0,
            "late_penalty": 0.0,
        }
    }
    page, _ = FeedbackExporter().from_notebook_node(graded_notebook(), resources=resources)
    return page
