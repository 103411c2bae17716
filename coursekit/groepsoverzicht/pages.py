"""The overview of the group, a volunteer's details, the CSV, a printable page, the progress
plot, and confirming and looking up certificates (issue 18).

Every page reads the group afresh (:meth:`TrainerHandler.group`, in a thread). Sorting and
filtering are query words (:mod:`coursekit.groepsoverzicht.listing`): links and a form, no
script. A course that cannot be read is one Dutch sentence with status 503. No page shows
a reflection's text: a reflection waiting for grading is a link into formgrader.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import quote, urlencode

from tornado import web

from coursekit.content.course import Course
from coursekit.content.course import course as course_map
from coursekit.content.errors import CourseDataError
from coursekit.grading.feedback_data import dutch_number
from coursekit.groepsoverzicht.base import TrainerHandler
from coursekit.groepsoverzicht.listing import (
    FILTERS,
    SORT_COLUMNS,
    Listing,
    ModuleCount,
    listing,
    module_counts,
)
from coursekit.groepsoverzicht.plot import alt_text, progress_png
from coursekit.overview import certificate
from coursekit.overview.group import Group
from coursekit.overview.table import (
    LOCAL,
    csv_bytes,
    dutch_date,
    long_date,
    score_text,
)
from coursekit.text import trainer


def reflection_links(db_url: str, student_id: str, assignments: list[str]) -> dict[str, str]:
    """Per assignment, formgrader's path (under ``formgrader/``) of the submitted notebook
    that waits for manual grading; the student's page of that assignment where the gradebook
    names no such notebook."""
    from nbgrader.api import Gradebook

    found: dict[str, str] = {}
    try:
        with Gradebook(db_url) as gradebook:
            for name in assignments:
                try:
                    submission = gradebook.find_submission(name, student_id)
                except Exception:  # MissingEntry: not in the gradebook (yet)
                    continue
                waiting = [nb for nb in submission.notebooks if nb.needs_manual_grade]
                if waiting:
                    found[name] = f"submissions/{waiting[0].id}/"
    except Exception:  # the page still links to the assignment's page below
        pass
    for name in assignments:
        found.setdefault(name, f"manage_students/{student_id}/{name}")
    return found


class PagesHandler(TrainerHandler):
    """A page of this part: the group, or the one Dutch sentence why it cannot be read."""

    def listed(self, group: Group) -> tuple[Course, Listing, list[ModuleCount]]:
        """The rows this page's query asks for, and how many finished each module."""
        course = course_map()
        shown = listing(group.rows, _query(self.request.arguments), course)
        return course, shown, module_counts(group.rows, course)

    async def group_or_error(self) -> Group | None:
        try:
            return await self.group()
        except CourseDataError as exc:
            self.page("overzicht.html", status=503, nav="overzicht", error=str(exc))
            return None

    def page(self, template: str, status: int = 200, **context: Any) -> None:
        super().page(
            template,
            status=status,
            dutch_date=dutch_date,
            long_date=long_date,
            number=dutch_number,
            score_text=score_text,
            **context,
        )


#: The sortable columns' names, as the table's headers say them.
SORT_LABELS = (
    trainer.OV_COL_NAME,
    trainer.OV_COL_FINISHED,
    trainer.OV_COL_CURRENT,
    trainer.OV_COL_HANDED_IN,
    trainer.OV_COL_GRADED,
    trainer.OV_COL_WAITING,
    trainer.OV_COL_SCORE,
    trainer.OV_COL_LAST,
    trainer.OV_COL_NEEDS,
)


def _query(request_arguments: dict[str, list[bytes]]) -> dict[str, str]:
    return {
        key: values[-1].decode("utf-8", "replace")
        for key, values in request_arguments.items()
        if values
    }


def _link(base: str, shown: Listing, **change: str) -> str:
    """The overview's URL with this listing's query, changed by ``change``; defaults left out."""
    words = {"sorteer": shown.sort, "richting": shown.direction, "toon": shown.show}
    words |= {"naam": shown.name} | change
    defaults = {"sorteer": SORT_COLUMNS[0], "richting": "op", "toon": FILTERS[0], "naam": ""}
    kept = {k: v for k, v in words.items() if v and v != defaults[k]}
    return f"{base}?{urlencode(kept)}" if kept else base


class OverviewHandler(PagesHandler):
    @web.authenticated
    async def get(self) -> None:
        group = await self.group_or_error()
        if group is None:
            return
        course, shown, counts = self.listed(group)
        base = self.base

        def sort_link(column: str) -> str:
            flip = "af" if shown.sort == column and shown.direction == "op" else "op"
            return _link(base, shown, sorteer=column, richting=flip)

        self.page(
            "overzicht.html",
            nav="overzicht",
            group=group,
            shown=shown,
            total_modules=len(course.modules),
            sort_link=sort_link,
            filter_link=lambda show: _link(base, shown, toon=show),
            sort_labels=list(zip(SORT_COLUMNS, SORT_LABELS, strict=True)),
            clear_name=_link(base, shown, naam=""),
            print_link=_link(f"{base}afdrukken", shown),
            counts=counts,
            plot_alt=alt_text(counts, len(group.rows)),
            unknown=trainer.GO_UNKNOWN_QUERY.format(words=", ".join(shown.unknown))
            if shown.unknown
            else "",
            count=trainer.GO_COUNT.format(shown=len(shown.rows), total=shown.total),
        )


class VolunteerHandler(PagesHandler):
    async def details(self, student_id: str, message: str = "", status: int = 200) -> None:
        group = await self.group_or_error()
        if group is None:
            return
        row = group.row(student_id)
        if row is None:
            raise web.HTTPError(404)
        waiting = [e.assignment for e in row.exercises if e.state == "nakijken"]
        links = await asyncio.to_thread(reflection_links, group.folders.db_url, student_id, waiting)
        confirmed = certificate.confirmation(self.course_dir, student_id)
        issued = certificate.issued(self.course_dir, student_id)
        self.page(
            "vrijwilliger.html",
            status=status,
            nav="overzicht",
            row=row,
            group=group,
            total_modules=len(course_map().modules),
            links=links,
            confirmed=confirmed,
            issued=issued,
            message=message,
        )

    @web.authenticated
    async def get(self, student_id: str) -> None:
        await self.details(student_id)


class ConfirmHandler(VolunteerHandler):
    """POST: the trainer confirms a passed final assessment (twice changes nothing)."""

    @web.authenticated
    async def get(self, student_id: str) -> None:
        self.redirect(f"{self.base}vrijwilliger/{quote(student_id, safe='')}")

    @web.authenticated
    async def post(self, student_id: str) -> None:
        group = await self.group_or_error()
        if group is None:
            return
        row = group.row(student_id)
        if row is None:
            raise web.HTTPError(404)
        if not row.passed_final:
            message = trainer.GO_CONFIRM_REFUSED.format(name=row.name)
            await self.details(student_id, message=message, status=409)
            return
        now = self.now()
        before = certificate.confirmation(self.course_dir, student_id)
        done = await asyncio.to_thread(
            certificate.confirm, self.course_dir, student_id, self.trainer_name, now
        )
        if before is None and done.confirmed == now and done.trainer == self.trainer_name:
            self.record_action("bevestigen", student=student_id)
        self.redirect(f"{self.base}vrijwilliger/{quote(student_id, safe='')}", status=303)


class CodeHandler(PagesHandler):
    """Look up a certificate by its verification code."""

    @web.authenticated
    def get(self) -> None:
        typed = self.get_argument("code", "").strip()[:60]
        found = None
        message = ""
        if not typed:
            message = trainer.GO_CODE_EMPTY if "code" in self.request.arguments else ""
        elif certificate.normal_code(typed) is None:
            message = trainer.CERT_BAD_CODE.format(code=typed)
        else:
            found = certificate.lookup(self.course_dir, typed)
            if found is None:
                message = trainer.CERT_NOT_FOUND.format(code=certificate.normal_code(typed))
        self.page("bewijs.html", nav="overzicht", typed=typed, found=found, message=message)


class CsvHandler(PagesHandler):
    """The whole group as CSV for Excel (the page's filter and order do not apply)."""

    @web.authenticated
    async def get(self) -> None:
        group = await self.group_or_error()
        if group is None:
            return
        day = self.now().astimezone(LOCAL)
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.set_header(
            "Content-Disposition",
            f'attachment; filename="groepsoverzicht-{day:%Y-%m-%d}.csv"',
        )
        self.finish(csv_bytes(group.rows))


class PrintHandler(PagesHandler):
    """The same table for paper: no navigation, A4 landscape, the date printed."""

    @web.authenticated
    async def get(self) -> None:
        group = await self.group_or_error()
        if group is None:
            return
        course, shown, counts = self.listed(group)
        self.page(
            "afdrukken.html",
            group=group,
            shown=shown,
            total_modules=len(course.modules),
            counts=counts,
            printed=long_date(self.now(), with_time=True),
            count=trainer.GO_COUNT.format(shown=len(shown.rows), total=shown.total),
        )


class PlotHandler(PagesHandler):
    """The bars of the group's progress per module (drawn in a thread)."""

    @web.authenticated
    async def get(self) -> None:
        try:
            group = await self.group()
        except CourseDataError:
            raise web.HTTPError(503) from None
        counts = module_counts(group.rows, course_map())
        png = await asyncio.to_thread(progress_png, counts, len(group.rows))
        self.set_header("Content-Type", "image/png")
        self.finish(png)


def handlers(root: str) -> list[tuple[str, type[web.RequestHandler]]]:
    """The URLs of this part, under ``root`` (no trailing slash)."""
    return [
        (f"{root}/", OverviewHandler),
        (rf"{root}/vrijwilliger/([^/]+)", VolunteerHandler),
        (rf"{root}/vrijwilliger/([^/]+)/bevestigen", ConfirmHandler),
        (f"{root}/bewijs", CodeHandler),
        (rf"{root}/overzicht\.csv", CsvHandler),
        (f"{root}/afdrukken", PrintHandler),
        (rf"{root}/voortgang\.png", PlotHandler),
    ]
