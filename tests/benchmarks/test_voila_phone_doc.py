"""The phone network, bytes per module and a class at once (issue 16): the Dutch text from
small fabricated results (no servers), and the pool option the sized run gives Voila."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from benchmarks import results_file
from benchmarks.common import MachineUse
from benchmarks.voila import doc
from benchmarks.voila.__main__ import main, settings_from
from benchmarks.voila.__main__ import parse as parse_args
from benchmarks.voila.classroom import sized_pool
from benchmarks.voila.phone import shape
from benchmarks.voila.results import (
    ClassLearner,
    ClassRun,
    ModuleBytes,
    PhoneLoad,
    PhoneProfile,
    PhoneResults,
    Request,
    RequestNeed,
    VoilaResults,
)
from tests.benchmarks.test_voila_doc import _results
from tests.support.markdown import table_rows

FIRST, SECOND = "01-wat-is-stalking.ipynb", "02-wat-het-met-je-naaste-doet.ipynb"


def _load(tti_ms: float, encoded_kib: int, *, cached: int = 0) -> PhoneLoad:
    requests = [Request("/voila/render/x", "Document", 200, 30 * 1024, 90 * 1024)]
    requests += [
        Request(f"/static/{n}.js", "Script", 200, 0, 10 * 1024, cached=True) for n in range(cached)
    ]
    requests.append(Request("/static/big.js", "Script", 200, encoded_kib * 1024, 4000 * 1024))
    return PhoneLoad(
        tti=tti_ms, html=900.0, ws_open=tti_ms - 2000, requests=requests, ws_messages_sent=3
    )


def _phone(first_ms: float = 10_000.0, second_ms: float = 2_500.0) -> PhoneResults:
    needs = [
        RequestNeed(
            "/voila/render/x", "Document", 30 * 1024, 90 * 1024, False, note="de pagina zelf"
        ),
        RequestNeed("/static/big.js", "Script", 900 * 1024, 4000 * 1024, False, note="geen knop"),
        RequestNeed("/static/font.woff2", "Font", 80 * 1024, 80 * 1024, True, same_layout=False),
        RequestNeed("/static/x.js.map", "Other", 20 * 1024, 20 * 1024, True),
    ]
    return PhoneResults(
        profile=PhoneProfile(),
        loads={
            "stock-bare": [_load(30_000.0, 4_000)] * 3,
            "module-first": [_load(first_ms, 1_000)] * 3,
            "module-second": [_load(second_ms, 50, cached=40)] * 3,
        },
        first_module=FIRST,
        second_module=SECOND,
        use=MachineUse(1.0, 2.0, 60.0, 1.0),
        needs=needs,
    )


def _class(label: str, usable_s: float, *, errors: int = 0, kernel_cpu: float = 0.4) -> ClassRun:
    learners = [
        ClassLearner(n, start=0.0, page=0.2, socket=0.3, usable=usable_s, kernel_cpu=kernel_cpu)
        for n in range(30)
    ]
    for learner in learners[:errors]:
        learner.error = "TimeoutError: "
    return ClassRun(
        label=label,
        module="06-wat-niet-helpt.ipynb",
        pool_size=1 if label == "default" else 30,
        learners=learners,
        server_cpu=30 * 0.1,
        kernels_idle_rss=65.0,
        wall=10.0,
        use=MachineUse(1.0, 2.0, 10.0, 1.5),
    )


def _bytes() -> list[ModuleBytes]:
    return [
        ModuleBytes("00-welkom.ipynb", 2 * 1024 * 1024, 90, 100 * 1024, 3, 200 * 1024, 200 * 1024),
        ModuleBytes(FIRST, 2 * 1024 * 1024, 90, 300 * 1024, 3, 400 * 1024, 400 * 1024),
    ]


def _all(**kwargs: object) -> VoilaResults:
    results = _results()
    results.phone = kwargs.get("phone", _phone())  # type: ignore[assignment]
    results.bytes = _bytes()
    results.classroom = kwargs.get(  # type: ignore[assignment]
        "classroom", [_class("default", 9.0, kernel_cpu=0.45), _class("sized", 1.5)]
    )
    return results


def _cells(text: str, header: str) -> list[list[str]]:
    return [[c.strip() for c in row.strip("|").split(" | ")] for row in table_rows(text, header)]


def _verdict(results: VoilaResults, start: str) -> bool:
    found = [met for name, met, _text in doc.phone_verdicts(results) if name.startswith(start)]
    assert found, f"geen oordeel dat begint met {start!r}"
    return found[0]


def test_phone_targets_compare_the_first_visit_with_stock_and_time_the_second_module() -> None:
    assert _verdict(_all(), "telefoon: module eerste bezoek")  # 10 s / 30 s = 0,33
    assert _verdict(_all(), "telefoon: volgende module")
    slow = _all(phone=_phone(first_ms=12_000.0, second_ms=3_500.0))  # 0,40 and 3,5 s
    assert not _verdict(slow, "telefoon: module eerste bezoek")
    assert not _verdict(slow, "telefoon: volgende module")


def test_class_targets_need_a_fast_p95_cheap_pages_and_no_errors() -> None:
    assert _verdict(_all(), "klas, pool zo groot")
    assert _verdict(_all(), "klas, onze instellingen")  # 0,45 + 0,10 CPU-s per page
    worse = [_class("default", 9.0, kernel_cpu=0.6), _class("sized", 1.5, errors=1)]
    assert not _verdict(_all(classroom=worse), "klas, pool zo groot")
    assert not _verdict(_all(classroom=worse), "klas, onze instellingen")
    one_error = [_class("default", 9.0, kernel_cpu=0.3, errors=1), _class("sized", 1.5)]
    assert not _verdict(_all(classroom=one_error), "klas, onze instellingen")
    slow = [_class("default", 9.0), _class("sized", 2.5)]
    assert not _verdict(_all(classroom=slow), "klas, pool zo groot")


def test_the_section_has_the_phone_bytes_and_class_tables_in_dutch() -> None:
    text = doc.section(_all())

    phone = _cells(text, "| pagina | tot de eerste knop (s)")
    assert [row[0] for row in phone] == [
        "kale pagina, standaard Voila",
        f"module, eerste bezoek (lege cache): `{FIRST}`",
        f"volgende module, daarna (zelfde browser): `{SECOND}`",
    ]
    assert phone[1][1:4] == ["10,0", "10,0 - 10,0", "0,33"]
    assert phone[2][6] == "42 (2)"  # 40 of its 42 requests from the cache
    needs = _cells(text, "| request | soort")
    assert needs[0][0] == "`/static/font.woff2`" and needs[0][4] == "ja"
    assert needs[0][6] == "nee"  # the page works without the font, but looks different
    assert "zonder 2 daarvan werkt de pagina nog (100 KiB over de lijn)" in text
    modules = _cells(text, "| module | eerste bezoek (MB)")
    assert modules[1] == [f"1 (`{FIRST}`)", "2,4", "90", "700", "3", "400"]
    assert "ongeveer 2,9 MB" in text  # module 0 first (2,2 MB), module 1 after it (0,7)
    assert "gingen 2 van de 42 requests toch over het netwerk, waarvan 0 alleen" in text
    klas = _cells(text, "| instelling | cursisten")
    assert [row[0] for row in klas] == ["onze instellingen", "pool zo groot als de klas"]
    assert klas[0][6] == "0,55 (0,45 + 0,10)"
    verdict = "**klas, onze instellingen: CPU-s per pagina ≤ 0,6 (was 0,92), 0 fouten: gehaald.**"
    assert verdict in text


def test_a_page_that_asked_for_each_widget_model_apart_is_named() -> None:
    phone = _phone()
    assert "elk model apart" not in doc.section(_all(phone=phone))

    phone.loads["module-first"] = [
        dataclasses.replace(load, ws_messages_sent=250) for load in phone.loads["module-first"]
    ]
    text = doc.section(_all(phone=phone))

    assert "binnen 4 s (module, eerste bezoek (lege cache)): dan vraagt" in text
    assert _cells(text, "| pagina | tot de eerste knop (s)")[1][-1] == "250"


def test_refilling_the_pool_later_is_compared_with_refilling_at_once() -> None:
    runs = [_class("default", 9.0), _class("sized", 4.0), _class("sized-late", 1.5)]

    text = doc.section(_all(classroom=runs))

    assert "p95 tot bruikbaar 4,0 s als Voila de pool meteen bijvult, en 1,5 s als" in text
    assert "een pool van 30 dus ongeveer 1,9 GB" in text
    klas = _cells(text, "| instelling | cursisten")
    assert klas[2][:3] == ["idem, de pool pas na 2 minuten bijvullen", "30", "30"]


def test_the_summary_shows_the_new_measurements_without_the_old_ones() -> None:
    results = _all()
    results.tti, results.click, results.load = None, None, []

    text = doc.summary(results)

    assert "| instelling | cursisten" in text
    assert "telefoon: volgende module ≤ 3 s: gehaald." in text
    assert not results.complete()


def test_write_docs_refuses_a_run_without_the_phone_and_the_class(tmp_path: Path) -> None:
    saved = tmp_path / "voila.json"
    results_file.save("voila", _results(), saved)
    with pytest.raises(SystemExit, match="alle metingen"):
        main(["--from-results", str(saved), "--write-docs", str(tmp_path / "p.md")])

    results_file.save("voila", _all(), saved)
    again = results_file.load("voila", VoilaResults, saved)
    assert (again.phone, again.bytes, again.classroom) == (_phone(), _bytes(), _all().classroom)
    assert main(["--from-results", str(saved), "--write-docs", str(tmp_path / "p.md")]) == 0
    assert "### Een hele klas tegelijk" in (tmp_path / "p.md").read_text(encoding="utf-8")


def test_the_sized_pool_preheats_the_class_module_and_keeps_one_for_the_others() -> None:
    (option,), sections = sized_pool("06-wat-niet-helpt.ipynb", 30)
    name, value = option.split("=", 1)

    assert (name, sections) == ("--VoilaKernelManager.kernel_pools_config", {})
    assert json.loads(value) == {
        "default": {"pool_size": 1},
        "06-wat-niet-helpt.ipynb": {"pool_size": 30},
    }


def test_the_lesson_setting_is_a_lesson_of_the_class_size_that_runs_now_in_voila_json() -> None:
    options, sections = sized_pool("06-wat-niet-helpt.ipynb", 30, "lesson")
    (lesson,) = sections["LessonPools"]["lessons"]
    now = dt.datetime.now().strftime("%H:%M")

    assert options == []
    assert (lesson["module"], lesson["kernels"]) == ("06-wat-niet-helpt.ipynb", 30)
    started = dt.datetime.strptime(now, "%H:%M") - dt.datetime.strptime(lesson["from"], "%H:%M")
    assert started.seconds in (3600, 3660)  # an hour ago (or the minute just turned)
    ends = dt.datetime.strptime(lesson["until"], "%H:%M") - dt.datetime.strptime(now, "%H:%M")
    assert ends.seconds in (3 * 3600, 3 * 3600 - 60)


def test_quick_keeps_the_class_small_and_blocks_no_scripts() -> None:
    settings = settings_from(parse_args(["--quick"]))

    assert (settings.phone_loads, settings.needs, settings.class_size) == (1, "other", 10)


def test_a_request_is_the_same_on_the_next_page_without_its_kernel_id_and_timestamp() -> None:
    one = "http://h/api/kernels/82f27352-6a53-4096-93fd-e77fb54d74f6?1796473633744"
    two = "http://h/api/kernels/0a6b1c2d-6a53-4096-93fd-e77fb54d74f6?1796473699999"

    assert shape(one) == shape(two) == "http://h/api/kernels/ID?N"
    assert shape("http://h/static/a.js?v=3") == "http://h/static/a.js?v=3"
    hashed = "http://h/static/theme-light.css?v=567086df184b67cc"
    assert shape(hashed) == hashed  # a hash that starts with digits is not a timestamp


def test_long_hashes_in_a_request_are_cut() -> None:
    url = "/static/index.css?v=ee8de085778696b327a178e914641b4ff5d5936d39a3f685"

    assert doc.short_url(url) == "/static/index.css?v=ee8de0857786…"
    assert doc.short_url("/voila/static/7155.voila.js") == "/voila/static/7155.voila.js"
