"""The progress store on a real PostgreSQL: what is kept, what is never overwritten."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, create_engine, inspect, text

from coursekit.content.course import course
from coursekit.progress.model import InvalidProgress, ModuleProgress
from coursekit.progress.store import TABLE, VERSION_TABLE, forget, group, mine, record, upgrade

FIRST, SECOND = (m.id for m in course().modules[1:3])
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_the_first_opening_is_kept_and_a_later_one_changes_nothing(engine: Engine) -> None:
    kept = record(engine, "anna", FIRST, "begonnen", now=T0)
    assert kept == ModuleProgress(begonnen=T0)
    again = record(engine, "anna", FIRST, "begonnen", now=T0 + timedelta(days=1))
    assert again == ModuleProgress(begonnen=T0)
    assert mine(engine, "anna") == {FIRST: ModuleProgress(begonnen=T0)}


def test_the_first_mastery_and_its_score_are_kept(engine: Engine) -> None:
    record(engine, "anna", FIRST, "begonnen", now=T0)
    done = T0 + timedelta(hours=1)
    first = record(engine, "anna", FIRST, "afgerond", goed=7, van=10, now=done)
    assert first == ModuleProgress(begonnen=T0, afgerond=done, goed=7, van=10)
    later = record(engine, "anna", FIRST, "afgerond", goed=10, van=10, now=done + timedelta(1))
    assert later == first
    # opening it again afterwards does not move the first opening either
    assert record(engine, "anna", FIRST, "begonnen", now=done + timedelta(2)) == first
    assert mine(engine, "anna")[FIRST] == first


def test_mastery_without_an_opening_counts_as_the_opening(engine: Engine) -> None:
    kept = record(engine, "anna", SECOND, "afgerond", goed=5, van=5, now=T0)
    assert kept == ModuleProgress(begonnen=T0, afgerond=T0, goed=5, van=5)


def test_times_are_kept_in_utc(engine: Engine) -> None:
    amsterdam = timezone(timedelta(hours=1))
    ten = datetime(2026, 12, 1, 10, tzinfo=amsterdam)
    kept = record(engine, "anna", FIRST, "begonnen", now=ten)
    assert kept.begonnen == T0 and kept.begonnen.tzinfo == UTC
    assert mine(engine, "anna")[FIRST].begonnen == T0
    # without a time: now, in UTC
    fresh = record(engine, "bram", FIRST, "begonnen").begonnen
    assert fresh is not None and fresh.tzinfo == UTC
    assert abs(datetime.now(UTC) - fresh) < timedelta(minutes=1)


def test_each_volunteer_sees_only_their_own_rows_and_trainers_see_all(engine: Engine) -> None:
    record(engine, "anna", FIRST, "begonnen", now=T0)
    record(engine, "bram", SECOND, "afgerond", goed=3, van=4, now=T0)
    assert set(mine(engine, "anna")) == {FIRST}
    assert set(mine(engine, "bram")) == {SECOND}
    assert mine(engine, "carla") == {}
    everyone = group(engine)
    assert set(everyone) == {"anna", "bram"}
    assert everyone["bram"][SECOND] == ModuleProgress(begonnen=T0, afgerond=T0, goed=3, van=4)


def test_forget_removes_everything_about_one_volunteer_only(engine: Engine) -> None:
    record(engine, "anna", FIRST, "begonnen", now=T0)
    record(engine, "anna", SECOND, "afgerond", goed=1, van=2, now=T0)
    record(engine, "bram", FIRST, "begonnen", now=T0)
    assert forget(engine, "anna") == 2
    assert mine(engine, "anna") == {}
    assert forget(engine, "anna") == 0
    assert set(group(engine)) == {"bram"}
    with engine.connect() as connection:
        left = connection.execute(text(f"SELECT gebruiker FROM {TABLE}")).scalars().all()
    assert left == ["bram"]


@pytest.mark.parametrize(
    ("module_id", "event", "goed", "van", "says"),
    [
        ("bestaat-niet", "begonnen", None, None, "Er is geen module 'bestaat-niet'"),
        ("01-wat-is-stalking.ipynb", "begonnen", None, None, "Er is geen module"),
        (FIRST, "klaar", None, None, "Kies als gebeurtenis 'begonnen' of 'afgerond'"),
        (FIRST, "begonnen", 3, 4, "Een score hoort alleen bij 'afgerond'"),
        (FIRST, "afgerond", 5, 4, "De score klopt niet"),
        (FIRST, "afgerond", -1, 4, "De score klopt niet"),
        (FIRST, "afgerond", 3, 101, "De score klopt niet"),
        (FIRST, "afgerond", 0, 0, "De score klopt niet"),
        (FIRST, "afgerond", 3, None, "De score klopt niet"),
        (FIRST, "afgerond", True, 4, "De score klopt niet"),
        (FIRST, "afgerond", 2.0, 4, "De score klopt niet"),
    ],
)
def test_a_bad_report_is_refused_with_one_dutch_sentence_and_nothing_is_kept(
    engine: Engine, module_id: str, event: str, goed: object, van: object, says: str
) -> None:
    with pytest.raises(InvalidProgress, match=says) as refused:
        record(engine, "anna", module_id, event, goed=goed, van=van)  # type: ignore[arg-type]
    assert "\n" not in str(refused.value)
    assert mine(engine, "anna") == {}


def test_a_score_at_the_edges_is_accepted(engine: Engine) -> None:
    assert record(engine, "anna", FIRST, "afgerond", goed=0, van=1).goed == 0
    assert record(engine, "bram", FIRST, "afgerond", goed=100, van=100).van == 100


def test_upgrade_twice_changes_nothing(engine: Engine, database_url: str) -> None:
    record(engine, "anna", FIRST, "begonnen", now=T0)
    upgrade(database_url)
    upgrade(engine)
    assert mine(engine, "anna") == {FIRST: ModuleProgress(begonnen=T0)}
    with engine.connect() as connection:
        versions = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
    assert versions == [("0001",)]


def test_upgrade_beside_nbgrader_leaves_its_gradebook_and_version_alone(database_url: str) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(database_url) as gradebook:
        gradebook.add_student("anna", first_name="Anna")
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            before = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        tables_before = set(inspect(engine).get_table_names())
        assert before and "student" in tables_before
        upgrade(database_url)
        upgrade(database_url)
        with engine.connect() as connection:
            after = connection.execute(text("SELECT version_num FROM alembic_version")).all()
            ours = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
        assert after == before
        assert ours == [("0001",)]
        assert set(inspect(engine).get_table_names()) == tables_before | {TABLE, VERSION_TABLE}
        with Gradebook(database_url) as gradebook:
            assert gradebook.find_student("anna").first_name == "Anna"
    finally:
        engine.dispose()


def test_the_store_works_on_a_connection_in_the_callers_transaction(engine: Engine) -> None:
    with engine.connect() as connection:
        record(connection, "anna", FIRST, "begonnen", now=T0)
        assert set(mine(connection, "anna")) == {FIRST}
        connection.rollback()
    assert mine(engine, "anna") == {}


def test_reports_at_the_same_time_agree_on_one_first_mastery(engine: Engine) -> None:
    """Eight masteries at once, each on its own connection: one is kept, none undoes it."""
    start = threading.Barrier(8)

    def report(goed: int) -> ModuleProgress:
        start.wait(timeout=60)
        return record(engine, "anna", FIRST, "afgerond", goed=goed, van=10)

    with ThreadPoolExecutor(max_workers=8) as pool:
        kept = list(pool.map(report, range(1, 9)))
    assert len(set(kept)) == 1
    assert mine(engine, "anna") == {FIRST: kept[0]}
    assert kept[0].goed in range(1, 9)
