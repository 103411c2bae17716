"""The course's guidance: the packaged points beyond the seed (X7 … X25) say what the shared
points-beyond-seed.yaml says, and every point is loaded once with a kind the quizzes know."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coursekit.content.guidance import guidance_kind, guidance_points, guidance_title

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "guidance" / "points-beyond-seed.yaml"
PACKAGED = ROOT / "coursekit" / "data" / "guidance_beyond_seed.yaml"


def _shared_points() -> list[dict[str, object]]:
    if not SHARED.exists():
        pytest.skip("no shared/ folder beside this checkout")
    points: list[dict[str, object]] = yaml.safe_load(SHARED.read_text(encoding="utf-8"))["points"]
    return points


def test_the_points_beyond_the_seed_match_the_shared_file() -> None:
    shared = {str(p["id"]): p for p in _shared_points()}
    packaged = yaml.safe_load(PACKAGED.read_text(encoding="utf-8"))["extras"]

    assert list(packaged) == list(shared)
    for gid, point in shared.items():
        mine = packaged[gid]
        assert mine["kind"] == point["quiz_kind"], gid
        assert mine["title"] == point["title"], gid
        assert mine["confidence"] == point["confidence"], gid
        assert " ".join(mine["summary"].split()) == " ".join(str(point["text"]).split()), gid
        assert " ".join(mine.get("note", "").split()) == " ".join(
            str(point.get("note", "")).split()
        ), gid
        urls = {s["url"] for s in point["source"]}  # type: ignore[attr-defined]
        assert {s["url"] for s in mine["source"]} == urls, gid


def test_x7_to_x25_are_loaded_beside_the_seed_points() -> None:
    points = guidance_points()
    beyond = [f"X{n}" for n in range(7, 26)]
    assert set(beyond) <= set(points)
    assert {"W1", "S1", "X1", "X6"} <= set(points)
    assert guidance_kind("X8") == "harmful"
    assert guidance_kind("X23") == "resource"
    assert points["X9"]["confidence"] == "medium"
    for gid in beyond:
        assert guidance_title(gid) != gid, f"{gid} has no Dutch title"


def test_every_point_has_a_kind_the_quizzes_know() -> None:
    assert {guidance_kind(gid) for gid in guidance_points()} == {
        "fact",
        "helpful",
        "harmful",
        "resource",
    }
