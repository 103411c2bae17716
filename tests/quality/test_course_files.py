"""The report reads the course folder it is given, and says so in Dutch when it is not one."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import nbformat
import pytest

from coursekit.cli import main
from coursekit.content.errors import CourseDataError
from coursekit.quality import CourseFiles
from coursekit.quality.sources import readable_texts, typed_texts
from coursekit.quality.texts import course_texts
from coursekit.text import editor


def _tiny_course(root: Path) -> CourseFiles:
    """A course folder elsewhere than the package: one module and one exercise."""
    module = nbformat.v4.new_notebook()
    module.cells = [nbformat.v4.new_markdown_cell("# Welkom\n\nDit is een zin uit de map.")]
    (root / "modules").mkdir()
    nbformat.write(module, root / "modules" / "00-welkom.ipynb")
    (root / "solutions" / "oefening").mkdir(parents=True)
    (root / "solutions" / "oefening" / "oefening.vragen.yaml").write_text(
        "vragen:\n  - text: Een vraag uit de map, bel 0900-1234.\n", encoding="utf-8"
    )
    return CourseFiles(root)


def test_a_folder_without_modules_is_one_dutch_sentence(tmp_path: Path) -> None:
    with pytest.raises(CourseDataError) as raised:
        CourseFiles(tmp_path)
    assert str(raised.value) == editor.REPORT_NO_MODULES.format(folder=tmp_path)


def test_the_command_names_a_wrong_course_folder_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["content-report", "--course", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == editor.REPORT_NO_MODULES.format(folder=tmp_path.resolve())


def test_the_course_text_comes_from_the_folder_given(tmp_path: Path) -> None:
    texts = list(course_texts(_tiny_course(tmp_path)))
    assert ("00-welkom.ipynb tekstcel 1", 0) in {(t.where, t.module) for t in texts}
    assert "Een vraag uit de map, bel 0900-1234." in {t.text for t in texts}


def test_every_source_is_in_the_one_list_the_checks_read(tmp_path: Path) -> None:
    catalogue = ModuleType("nep.catalogus")
    catalogue.ZIN = "Een zin uit de catalogus, bel 0800-1234."
    templates = tmp_path / "sjablonen"
    templates.mkdir()
    (templates / "pagina.html").write_text("<p>Een zin, bel 0900-5678.</p>", encoding="utf-8")
    course = _tiny_course(tmp_path)

    read = {t.where for t in readable_texts(course, [catalogue], templates)}
    assert {
        "00-welkom.ipynb tekstcel 1",
        "nep/catalogus.py ZIN",
        "sjablonen/pagina.html regel 1",
    } <= read
    typed = {where for where, _ in typed_texts(course, [catalogue], templates)}
    assert {
        "modules/00-welkom.ipynb tekstcel 1",
        "solutions/oefening/oefening.vragen.yaml",
        "nep/catalogus.py ZIN",
        "sjablonen/pagina.html regel 1",
    } <= typed
