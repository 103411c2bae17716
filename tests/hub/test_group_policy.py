"""Who Groep beheren may touch (coursekit.hub_group.GroupPolicy), on this machine's own
system accounts and names that do not exist: no hub needed. The hub test
(test_group_management.py) does the same through the pages, with real volunteers."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursekit.hub import _USERNAME, COURSE_ID
from coursekit.hub_group import GroupPolicy

POLICY = GroupPolicy(
    course_id=COURSE_ID,
    name_rule=_USERNAME,
    homes=Path("/home"),
    exchange=Path("/srv/nbgrader/exchange"),
    trainers=frozenset({"trudy"}),
    volunteers=frozenset({"ckgeenaccount"}),
    protected=frozenset({"root", "cursus"}),
)


@pytest.mark.parametrize(
    ("name", "action", "sentence"),
    [
        ("", "toevoegen", "kan geen gebruikersnaam zijn"),
        ("Anna", "toevoegen", "kan geen gebruikersnaam zijn"),
        ("a/b", "wissen", "kan geen gebruikersnaam zijn"),
        ("../etc", "wissen", "kan geen gebruikersnaam zijn"),
        (".anna", "toevoegen", "kan geen gebruikersnaam zijn"),
        ("a" * 33, "toevoegen", "kan geen gebruikersnaam zijn"),
        ("trudy", "wachtwoord", "is een trainer"),
        ("mentor", "wissen", "is een trainer"),
        ("root", "wachtwoord", "is een account van de server zelf"),
        ("cursus", "toevoegen", "is een account van de server zelf"),
        ("daemon", "toevoegen", "is een account van de server zelf"),
        ("nobody", "wissen", "is een account van de server zelf"),
        ("ckgeenaccount", "wissen", "is geen vrijwilliger van deze cursus"),
        ("ckonbekend", "verwijderen", "is geen vrijwilliger van deze cursus"),
        ("ckonbekend", "opnieuw", "Deze actie bestaat niet."),
    ],
)
def test_everything_but_a_volunteer_of_this_course_is_refused_in_one_sentence(
    name: str, action: str, sentence: str
) -> None:
    refusal = POLICY.refusal(name, action, trainers_now={"mentor"})
    assert refusal is not None and sentence in refusal
    one = refusal.replace(name, "")
    assert one.count(".") == 1 and one.endswith(".") and "\n" not in one, refusal


def test_a_new_name_may_be_added() -> None:
    assert POLICY.refusal("ckonbekend", "toevoegen") is None
