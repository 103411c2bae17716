"""The course's nbgrader settings, read in one place: and one sentence when they cannot be."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from coursekit.content.errors import CourseDataError
from coursekit.grading.config import CONFIG_FILE, load_config, load_course
from coursekit.grading.grade import run
from coursekit.text import trainer


def test_the_course_config_is_read_with_its_folders_resolved(course: Path) -> None:
    settings = load_course(course, missing=trainer.IA_NO_CONFIG)
    assert settings.root == course
    assert settings.course_id == "steun-bij-stalking"
    assert settings.db_url == f"sqlite:///{course / 'gradebook.db'}"
    assert settings.source("wat-niet-helpt") == course / "solutions" / "wat-niet-helpt"
    assert settings.autograded("anna", "wat-niet-helpt") == (
        course / "autograded" / "anna" / "wat-niet-helpt"
    )


def test_nbgraders_defaults_apply_to_what_the_config_leaves_out(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE).write_text('c.CourseDirectory.course_id = "proef"\n', "utf-8")
    settings = load_course(tmp_path, missing=trainer.IA_NO_CONFIG)
    assert settings.root == tmp_path, "the root is the folder the file was found in"
    assert settings.db_url == f"sqlite:///{tmp_path / 'gradebook.db'}"
    assert settings.source("a") == tmp_path / "source" / "a"


def test_a_folder_without_the_config_is_named_in_the_callers_sentence(tmp_path: Path) -> None:
    with pytest.raises(CourseDataError) as caught:
        load_config(tmp_path, missing=trainer.GRADE_NO_CONFIG)
    assert str(caught.value) == trainer.GRADE_NO_CONFIG.format(folder=tmp_path)


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("c.CourseDirectory.root = (\n", "'(' was never closed"),
        ("import bestaat_niet\n", "No module named 'bestaat_niet'"),
        ("raise RuntimeError('eerste regel\\ntweede regel')\n", "eerste regel"),
    ],
    ids=["syntax", "import", "multi-line"],
)
def test_a_broken_config_is_one_sentence_naming_the_folder_and_the_reason(
    tmp_path: Path, source: str, reason: str
) -> None:
    (tmp_path / CONFIG_FILE).write_text(source, encoding="utf-8")
    with pytest.raises(CourseDataError) as caught:
        load_config(tmp_path, missing=trainer.IA_NO_CONFIG)
    message = str(caught.value)
    assert message.startswith(trainer.IA_BAD_CONFIG.format(folder=tmp_path, reason=""))
    assert reason in message
    assert "\n" not in message and "Traceback" not in message


def test_grade_outside_a_course_says_so_in_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "submitted" / "anna" / "wat-niet-helpt").mkdir(parents=True)
    out = io.StringIO()
    assert run(tmp_path, "wat-niet-helpt", 1, None, out) == 1
    assert out.getvalue() == trainer.GRADE_NO_CONFIG.format(folder=tmp_path) + "\n"


def test_grade_with_a_broken_config_says_so_in_one_sentence(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE).write_text("c = = 1\n", encoding="utf-8")
    (tmp_path / "submitted" / "anna" / "wat-niet-helpt").mkdir(parents=True)
    out = io.StringIO()
    assert run(tmp_path, "wat-niet-helpt", 1, None, out) == 1
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 and CONFIG_FILE in lines[0] and "niet te lezen" in lines[0]
