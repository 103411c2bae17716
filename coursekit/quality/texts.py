"""The course's text as people read it: module prose, bank texts (numbers filled in), the
exercises' questions, rubrics and hidden-test explanations, the course map and the guidance
titles; and the same files as typed, for numbers typed outside the facts file.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources.abc import Traversable

import yaml

from coursekit.content.course import course
from coursekit.content.guidance import guidance_titles
from coursekit.quality.course_files import CourseFiles, markdown_cells, read_notebook


@dataclass(frozen=True)
class Text:
    """One piece of text people read and where it lives, e.g. 'statements_m4.yaml m4-logboek'."""

    where: str
    module: int | None
    text: str


# -- The course: modules, banks, exercises, course map --------------------------------------


def plain_text(markdown: str) -> str:
    """Markdown as sentences: no markup, and every heading or list item ends a sentence."""
    lines = []
    for line in markdown.splitlines():
        line = re.sub(r"^\s*(#+|[-*]|\d+\.)\s+", "", line)
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"[*_`>]", "", line).strip()
        if line:
            lines.append(line if line[-1] in ".?!:" else line + ".")
    return " ".join(lines)


def course_texts(course_files: CourseFiles) -> Iterator[Text]:
    """What a learner reads: module prose, bank texts, exercises, the course map."""
    for number, path in course_files.module_notebooks().items():
        for index, cell in enumerate(markdown_cells(path)):
            yield Text(f"{path.name} tekstcel {index + 1}", number, plain_text(cell.source))
    yield from bank_texts(course_files)
    for path in course_files.question_files():
        for line in _yaml_strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield Text(path.name, None, line)
    yield from exercise_texts(course_files)
    for module in course().modules:
        yield Text("course.yaml", module.number, module.title)
    for gid, title in guidance_titles().items():
        yield Text(f"guidance_titles_nl.yaml {gid}", None, title)


def module_prose(course_files: CourseFiles, number: int) -> str:
    """A module's Markdown as plain sentences, for readability."""
    path = course_files.module_notebooks()[number]
    return " ".join(plain_text(cell.source) for cell in markdown_cells(path))


def bank_texts(course_files: CourseFiles) -> Iterator[Text]:
    """Every text of every item of every registered kind, as learners read it (numbers
    filled in), named by file and item; an item in a folder kind takes the module that
    shows it."""
    homes = item_modules(course_files)
    for kind in course_files.kinds:
        for file, item in kind.items_in(course_files.banks):
            module = file.module if file.module is not None else homes.get(item.id)
            for text in kind.texts(item):
                if text:
                    yield Text(f"{file.name} {item.id}", module, text)


def item_modules(course_files: CourseFiles) -> dict[str, int]:
    """Which module shows an item by its ID, from cells such as ``conversation("id")``."""
    homes: dict[str, int] = {}
    for number, path in course_files.module_notebooks().items():
        for cell in read_notebook(path).cells:
            for item_id in re.findall(r'[a-z_]+\("([a-z0-9-]+)"\)', cell.source):
                homes.setdefault(item_id, number)
    return homes


def exercise_texts(course_files: CourseFiles) -> Iterator[Text]:
    """The texts of the exercises' source notebooks: prose, rubrics, and the explanations
    (``why``, ``better``) that the hidden tests show in the feedback."""
    for path in course_files.exercise_notebooks():
        for index, cell in enumerate(read_notebook(path).cells):
            where = f"{path.name} cel {index + 1}"
            if cell.cell_type == "markdown":
                yield Text(where, None, plain_text(cell.source))
                continue
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    for keyword in node.keywords:
                        if keyword.arg in {"why", "better"} and isinstance(
                            keyword.value, ast.Constant
                        ):
                            yield Text(where, None, str(keyword.value.value))


def _yaml_strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        if " " in data.strip():
            yield data
    elif isinstance(data, list):
        for value in data:
            yield from _yaml_strings(value)
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in {"id", "guidance", "answer", "kind", "line", "label", "best"}:
                yield from _yaml_strings(value)


def course_files_as_typed(course_files: CourseFiles) -> Iterator[tuple[str, str]]:
    """(name, text) of every course file, as typed: banks, modules, exercises."""
    banks = course_files.banks
    yield from _packaged_files(banks.root, banks.name)
    for path in sorted(course_files.modules.glob("*.ipynb")):
        for index, cell in enumerate(markdown_cells(path)):
            yield f"{course_files.name(path)} tekstcel {index + 1}", cell.source
    for path in course_files.question_files():
        yield course_files.name(path), path.read_text(encoding="utf-8")
    for path in sorted(course_files.solutions.rglob("*.ipynb")):
        for index, cell in enumerate(markdown_cells(path)):
            yield f"{course_files.name(path)} tekstcel {index + 1}", cell.source


def _packaged_files(folder: Traversable, name: str) -> Iterator[tuple[str, str]]:
    """(name, text) of every YAML file under a packaged folder, subfolders included."""
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            yield from _packaged_files(entry, f"{name}/{entry.name}")
        elif entry.name.endswith(".yaml"):
            yield f"{name}/{entry.name}", entry.read_text(encoding="utf-8")
