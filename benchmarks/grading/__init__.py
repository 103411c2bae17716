"""Benchmark: ``coursekit grade`` (parallel) against plain ``nbgrader autograde``.

One run on this machine, in a temporary copy of the course (``measure.py``):

1. ``nbgrader generate_assignment wat-niet-helpt`` and N fabricated submissions with varied
   answers (all right, all wrong, half, random, partly, typed, typed over clicked, no
   answers file, a broken answers file) (``submissions.py``);
2. the baseline: one sequential ``nbgrader autograde wat-niet-helpt --force`` (``runs.py``);
3. ``coursekit grade wat-niet-helpt --workers W`` for each W, each on a fresh copy of the
   same submissions and gradebook, so every run does the same work;
4. the floor: the median time to start a python3 kernel, run one trivial cell and shut it
   down; the same with ``import coursekit`` (what the exercise's kernel loads); and the
   start-up of nbgrader itself (``nbgrader --version``);
5. every run must give each student the same score as the baseline (exit code 1 if not);
6. a table with wall time, seconds per submission, speed-up, CPU time and utilisation
   (``doc.py``, which also writes the section of ``docs/performance.md``, in Dutch).

    .venv/bin/python -m benchmarks.grading [--submissions 200] [--workers 2 4 6] [--write-docs]
    .venv/bin/python -m benchmarks.grading --from-results FILE.json --write-docs
"""
