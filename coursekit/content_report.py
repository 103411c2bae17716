"""The content report: is every guidance point taught, practised, readable and our own?

``coursekit content-report`` prints it; ``--json`` gives the same data for machines, and
``tests/test_content.py`` fails the build on what it finds. It reads:

- the course text: every Markdown cell of the modules, every text of the banks (as
  learners see it, numbers filled in), the exercise questions and the course map;
- the raw files, for numbers typed outside the facts file;
- the seed, for runs of eight words copied from it;
- hunspell with the Dutch dictionary, for words that are neither Dutch nor reviewed.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import nbformat
import yaml

from coursekit import strings
from coursekit.content.banks import bank_names
from coursekit.content.conversations import packaged_conversation, packaged_conversation_ids
from coursekit.content.course import course
from coursekit.content.fact_items import packaged_fact_bank
from coursekit.content.guidance import guidance_ids, guidance_titles
from coursekit.content.reflections import packaged_reflections
from coursekit.content.scenarios import packaged_scenarios
from coursekit.content.statements import packaged_bank

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(__file__).resolve().parent
# A copy of ../shared/seed/000_362d81bfb631c652.txt (tests/test_project.py compares them).
SEED = PACKAGE / "data" / "seed.txt"
WORDLIST = PACKAGE / "data" / "wordlist.txt"

OVERLAP_WORDS = 8
MIN_READING_EASE = 65.0
MIN_ITEMS = 3
MIN_STATEMENTS = 4

# Three or more digits, maybe split by a dash or a space: a phone number, a year, an amount.
NUMBER = re.compile(r"\d(?:[ -]?\d){2,}")
WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
MODULE_FILE = re.compile(r"_m(\d+)$")


@dataclass(frozen=True)
class Text:
    """One piece of course text and where it lives, e.g. 'statements_m4.yaml m4-logboek'."""

    where: str
    module: int | None
    text: str


@dataclass
class Coverage:
    """How one guidance point is taught and practised."""

    kind: str
    title: str
    sections: list[str] = field(default_factory=list)
    items: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.items.values())


@dataclass
class ModuleText:
    number: int
    title: str
    reading_ease: float
    words: int
    unknown_words: list[str]


@dataclass
class Report:
    coverage: dict[str, Coverage]
    labels: dict[str, int]
    modules: list[ModuleText]
    unknown_words: dict[str, list[str]]
    seed_overlaps: list[tuple[str, str]]
    stray_numbers: list[tuple[str, str]]

    def as_json(self) -> dict[str, object]:
        return {
            "coverage": {
                gid: {
                    "kind": cover.kind,
                    "title": cover.title,
                    "sections": cover.sections,
                    "items": dict(cover.items),
                    "total": cover.total,
                }
                for gid, cover in self.coverage.items()
            },
            "labels": self.labels,
            "modules": [asdict(m) for m in self.modules],
            "unknown_words": self.unknown_words,
            "seed_overlaps": [{"where": w, "words": run} for w, run in self.seed_overlaps],
            "stray_numbers": [{"where": w, "number": n} for w, n in self.stray_numbers],
        }


# -- Course text -------------------------------------------------------------------------


def module_notebooks() -> dict[int, Path]:
    """The module notebooks by number, from their file names ('04-zo-help-je.ipynb')."""
    return {int(path.name[:2]): path for path in sorted((ROOT / "modules").glob("[0-9][0-9]-*"))}


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call,no-any-return]


def _markdown_cells(path: Path) -> list[nbformat.NotebookNode]:
    notebook = _read(path)
    return [cell for cell in notebook.cells if cell.cell_type == "markdown"]


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


def _module_of(bank_name: str) -> int | None:
    match = MODULE_FILE.search(bank_name)
    return int(match.group(1)) if match else None


def bank_texts() -> Iterator[Text]:
    """Every text of every bank, as learners read it (numbers filled in)."""
    for name in bank_names("statements"):
        module = _module_of(name)
        for s in packaged_bank(name).statements:
            for text in (s.text, s.why, s.better):
                if text:
                    yield Text(f"{name}.yaml {s.id}", module, text)
    for name in bank_names("scenarios"):
        module = _module_of(name)
        for sc in packaged_scenarios(name).scenarios:
            texts = [sc.situation, sc.question]
            texts += [t for o in sc.options for t in (o.text, o.feedback)]
            for text in texts:
                yield Text(f"{name}.yaml {sc.id}", module, text)
    for name in bank_names("facts"):
        module = _module_of(name)
        bank = packaged_fact_bank(name)
        pairs = [(c.id, (c.text, c.why)) for c in bank.claims]
        pairs += [(s.id, (s.text, s.why)) for s in bank.situations]
        for item_id, item_texts in pairs:
            for text in item_texts:
                yield Text(f"{name}.yaml {item_id}", module, text)
    for name in bank_names("reflections"):
        module = _module_of(name)
        for r in packaged_reflections(name).reflections:
            for text in (r.prompt, r.model_answer):
                yield Text(f"{name}.yaml {r.id}", module, text)
    homes = conversation_modules()
    for conversation_id in packaged_conversation_ids():
        talk = packaged_conversation(conversation_id)
        where = f"conversations/{conversation_id}.yaml"
        module = homes.get(conversation_id)
        texts = [talk.title, talk.intro]
        for turn in talk.turns.values():
            texts += [turn.says] + [t for c in turn.choices for t in (c.text, c.note)]
        texts += [t for e in talk.endings.values() for t in (e.says, e.debrief)]
        for text in texts:
            yield Text(where, module, text)


def conversation_modules() -> dict[str, int]:
    """Which module shows each conversation, from the ``conversation("id")`` cells."""
    homes: dict[str, int] = {}
    for number, path in module_notebooks().items():
        for cell in _read(path).cells:
            for conversation_id in re.findall(r'conversation\("([^"]+)"\)', cell.source):
                homes.setdefault(conversation_id, number)
    return homes


def module_prose(number: int) -> str:
    """A module's Markdown as plain sentences, for readability."""
    path = module_notebooks()[number]
    return " ".join(plain_text(cell.source) for cell in _markdown_cells(path))


def course_texts() -> Iterator[Text]:
    """Everything a learner reads: module prose, bank texts, exercises, the course map."""
    for number, path in module_notebooks().items():
        for index, cell in enumerate(_markdown_cells(path)):
            yield Text(f"{path.name} tekstcel {index + 1}", number, plain_text(cell.source))
    yield from bank_texts()
    for path in sorted((ROOT / "solutions").rglob("*.vragen.yaml")):
        for line in _yaml_strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield Text(path.name, None, line)
    yield from exercise_texts()
    for module in course().modules:
        yield Text("course.yaml", module.number, module.title)
    for gid, title in guidance_titles().items():
        yield Text(f"guidance_titles_nl.yaml {gid}", None, title)


def exercise_texts() -> Iterator[Text]:
    """The texts of the exercises' source notebooks: prose, rubrics, and the explanations
    (``why``, ``better``) that the hidden tests show in the feedback."""
    for path in sorted((ROOT / "solutions").glob("*/*.ipynb")):
        for index, cell in enumerate(_read(path).cells):
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


# -- Checks ------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    return WORD.findall(text)


def _normalised(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W_]+", text)]


@cache
def seed_ngrams(size: int = OVERLAP_WORDS) -> frozenset[tuple[str, ...]]:
    """Every run of ``size`` words in the seed, lowercased, punctuation ignored."""
    tokens = _normalised(SEED.read_text(encoding="utf-8"))
    return frozenset(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def seed_overlaps(texts: Iterable[Text], size: int = OVERLAP_WORDS) -> list[tuple[str, str]]:
    """(where, words) for every run of ``size`` words that a text shares with the seed."""
    seed = seed_ngrams(size)
    found: list[tuple[str, str]] = []
    for text in texts:
        tokens = _normalised(text.text)
        for i in range(len(tokens) - size + 1):
            run = tuple(tokens[i : i + size])
            if run in seed:
                found.append((text.where, " ".join(run)))
    return found


def raw_course_files() -> Iterator[tuple[str, str]]:
    """(name, text) of every file with course text, as typed: banks, modules, exercises."""
    banks = PACKAGE / "banks"
    for path in sorted(banks.rglob("*.yaml")):
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "modules").glob("*.ipynb")):
        for index, cell in enumerate(_markdown_cells(path)):
            yield f"{path.relative_to(ROOT)} tekstcel {index + 1}", cell.source
    for path in sorted((ROOT / "solutions").rglob("*.vragen.yaml")):
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "solutions").rglob("*.ipynb")):
        for index, cell in enumerate(_markdown_cells(path)):
            yield f"{path.relative_to(ROOT)} tekstcel {index + 1}", cell.source
    yield (
        "coursekit/strings.py",
        "\n".join(
            value
            for name, value in vars(strings).items()
            if name.isupper() and isinstance(value, str)
        ),
    )


def stray_numbers() -> list[tuple[str, str]]:
    """(file, number) for every number of three or more digits typed outside facts.yaml."""
    found = []
    for name, text in raw_course_files():
        for line in text.splitlines():
            if line.lstrip().startswith("#") and name.endswith(".yaml"):
                continue
            found += [(name, match.group()) for match in NUMBER.finditer(line)]
    return found


def reviewed_words() -> frozenset[str]:
    """The project's reviewed word list: one word per line, '# why' after it."""
    entries = WORDLIST.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.split("#", 1)[0].strip() for line in entries if line.split("#", 1)[0].strip()
    )


def hunspell_unknown(candidates: Iterable[str]) -> set[str]:
    """The words that hunspell's Dutch dictionary (Debian hunspell-nl) does not know."""
    binary = shutil.which("hunspell")
    if binary is None:
        raise RuntimeError(strings.REPORT_NO_HUNSPELL)
    unique = sorted(set(candidates))
    result = subprocess.run(
        [binary, "-d", "nl", "-i", "UTF-8", "-l"],
        input="\n".join(unique),
        capture_output=True,
        text=True,
        check=True,
    )
    return set(result.stdout.split())


def unknown_words(texts: Iterable[Text]) -> dict[str, list[str]]:
    """Per place, the words neither hunspell-nl nor the reviewed word list knows."""
    texts = list(texts)
    unknown = hunspell_unknown(w for t in texts for w in words(t.text)) - reviewed_words()
    found: dict[str, list[str]] = defaultdict(list)
    for text in texts:
        for word in words(text.text):
            if word in unknown and word not in found[text.where]:
                found[text.where].append(word)
    return {where: ws for where, ws in found.items() if ws}


def reading_ease(text: str) -> float:
    """Flesch-Douma reading ease of Dutch text (textstat, Dutch syllables from pyphen)."""
    import textstat

    textstat.set_lang("nl")
    return float(textstat.flesch_reading_ease(text))


# -- Coverage ----------------------------------------------------------------------------


def coverage() -> tuple[dict[str, Coverage], dict[str, int]]:
    """Per guidance ID: the sections that teach it and the items that practise it."""
    points = yaml.safe_load(
        resources.files("coursekit.data").joinpath("guidance_points.yaml").read_text("utf-8")
    )
    kinds = {gid: p["kind"] for part in ("points", "extras") for gid, p in points[part].items()}
    titles = guidance_titles()
    table = {gid: Coverage(kinds[gid], titles.get(gid, gid)) for gid in sorted(guidance_ids())}
    labels: Counter[str] = Counter()

    for path in module_notebooks().values():
        for cell in _markdown_cells(path):
            heading = cell.source.splitlines()[0] if cell.source else ""
            if not heading.startswith("## "):
                continue
            for gid in cell.metadata.get("coursekit", {}).get("guidance", []):
                table[gid].sections.append(f"{path.stem}: {heading[3:]}")

    def count(kind: str, guidance: Iterable[str]) -> None:
        for gid in set(guidance):
            table[gid].items[kind] += 1

    for name in bank_names("statements"):
        for s in packaged_bank(name).statements:
            count("uitspraken", s.guidance)
            labels[f"uitspraak {s.label.value}"] += 1
    for name in bank_names("scenarios"):
        for sc in packaged_scenarios(name).scenarios:
            count("scenario's", sc.guidance)
            labels["scenario"] += 1
    for name in bank_names("facts"):
        bank = packaged_fact_bank(name)
        for claim in bank.claims:
            count("waar/niet waar", claim.guidance)
            labels[f"bewering {'waar' if claim.is_true else 'niet waar'}"] += 1
        for situation in bank.situations:
            count("welk nummer", situation.guidance)
            labels["situatie"] += 1
    for conversation_id in packaged_conversation_ids():
        talk = packaged_conversation(conversation_id)
        count("gesprekken", {g for t in talk.turns.values() for c in t.choices for g in c.guidance})
        labels["gesprek"] += 1
    for name in bank_names("reflections"):
        for r in packaged_reflections(name).reflections:
            count("reflecties", r.guidance)
            labels["reflectie"] += 1
    return table, dict(sorted(labels.items()))


def build_report() -> Report:
    table, labels = coverage()
    texts = list(course_texts())
    unknown = unknown_words(texts)
    modules = []
    for module in course().modules:
        if module.number not in module_notebooks():
            continue
        prose = module_prose(module.number)
        module_unknown = sorted(
            {w for t in texts if t.module == module.number for w in unknown.get(t.where, [])}
        )
        modules.append(
            ModuleText(
                module.number, module.title, reading_ease(prose), len(words(prose)), module_unknown
            )
        )
    return Report(table, labels, modules, unknown, seed_overlaps(texts), stray_numbers())


def problems(report: Report) -> list[str]:
    """Every finding that fails the build, one Dutch sentence each."""
    found = []
    for gid, cover in report.coverage.items():
        if not cover.sections:
            found.append(strings.REPORT_NOT_TAUGHT.format(id=gid))
        if cover.total < MIN_ITEMS:
            found.append(
                strings.REPORT_TOO_FEW.format(id=gid, count=cover.total, minimum=MIN_ITEMS)
            )
        statements = cover.items["uitspraken"]
        if cover.kind in {"helpful", "harmful"} and statements < MIN_STATEMENTS:
            found.append(
                strings.REPORT_TOO_FEW_STATEMENTS.format(
                    id=gid, count=statements, minimum=MIN_STATEMENTS
                )
            )
    for m in report.modules:
        if m.reading_ease < MIN_READING_EASE:
            found.append(
                strings.REPORT_HARD.format(
                    number=m.number, score=f"{m.reading_ease:.1f}", minimum=int(MIN_READING_EASE)
                )
            )
    for where, ws in report.unknown_words.items():
        found.append(strings.REPORT_UNKNOWN_AT.format(where=where, words=", ".join(ws)))
    for where, run in report.seed_overlaps:
        found.append(strings.REPORT_OVERLAP_AT.format(where=where, run=run))
    for where, number in report.stray_numbers:
        found.append(strings.REPORT_NUMBER_AT.format(where=where, number=number))
    return found


# -- Printing ----------------------------------------------------------------------------


def format_report(report: Report) -> str:
    """The report as text for a person: coverage, labels, readability, problems."""
    out = [strings.REPORT_COVERAGE]
    for gid, cover in report.coverage.items():
        items = ", ".join(f"{n} {kind}" for kind, n in sorted(cover.items.items())) or "-"
        flag = "" if cover.sections and cover.total >= MIN_ITEMS else "  <-- " + strings.REPORT_LOW
        out.append(
            f"  {gid:4} {cover.kind:8} {strings.REPORT_SECTIONS.format(count=len(cover.sections))}"
            f", {strings.REPORT_ITEMS.format(count=cover.total)} ({items}){flag}"
        )
    out.append(strings.REPORT_LABELS)
    out += [f"  {label}: {n}" for label, n in report.labels.items()]
    out.append(strings.REPORT_READABILITY.format(minimum=int(MIN_READING_EASE)))
    for m in report.modules:
        unknown = ", ".join(m.unknown_words) or "-"
        flag = "" if m.reading_ease >= MIN_READING_EASE else "  <-- " + strings.REPORT_LOW
        out.append(
            f"  {m.number} {m.title}: {m.reading_ease:.1f} ({m.words} "
            f"{strings.REPORT_WORDS}){flag}; {strings.REPORT_UNKNOWN}: {unknown}"
        )
    out.append(strings.REPORT_PROBLEMS)
    out += [f"  {problem}" for problem in problems(report)] or [f"  {strings.REPORT_NONE}"]
    return "\n".join(out)
