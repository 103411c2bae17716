"""Checks on what people read: coverage of the guidance, spelling, readability, our own words.

``build_report(CourseFiles(folder))`` runs them all on a course folder; the layers:

- ``course_files``: the course folder (``modules/``, ``solutions/``), passed to every reader;
- ``texts``, ``catalogues``, ``templates``: collect what people read, as ``Text``;
  ``sources`` is the one list of them that the checks go through;
- ``detectors``: spelling, the seed, stray numbers, readability, each on given texts;
- ``coverage``: per guidance point the sections and items;
- ``timing``: each module's time, measured, against the minutes the course states;
- ``report``: the ``Report``, the problems that fail the build, text and JSON.
"""

from coursekit.quality.course_files import CourseFiles
from coursekit.quality.report import Report, build_report, format_report, problems

__all__ = ["CourseFiles", "Report", "build_report", "format_report", "problems"]
