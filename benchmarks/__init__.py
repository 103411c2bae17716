"""The course's benchmarks: scripts that measure, not timed tests.

Each benchmark is a package run from the repository's folder, ``python -m benchmarks.voila``,
``python -m benchmarks.grading`` or ``python -m benchmarks.hub``. In each, the measuring
modules return plain result data (dataclasses, saved as JSON with ``--save-results``) and
``doc.py`` turns those results into the benchmark's Dutch section of ``docs/performance.md``;
``--from-results`` renders that section again from a saved file, without measuring.
"""
