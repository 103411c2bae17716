"""Memory and CPU per volunteer on the course's JupyterHub, and what a machine holds.

Runs the course's real hub (deploy/jupyterhub, started by tests/support/hub.py, with a
throwaway PostgreSQL) on loopback (``measure.py``). First the hub alone (hub, proxy,
formgrader service, the Voila site with its preheated kernels, the idle culler). Then, one
volunteer after the other, what their own server costs at each step a volunteer takes:

1. log in: the hub starts their JupyterLab server (idle, nothing open);
2. JupyterLab in headless Chromium: what serving the page costs the server (the browser
   itself runs on the volunteer's computer and is not counted);
3. fetch the exercise, open it and run it in a kernel, as "Run all" does (the
   widgets, the questions file, the answers file), answer, and submit.

PSS (shared pages divided fairly) is read from /proc for every process of a volunteer's
server and its kernel; CPU time likewise. The per-volunteer figures are medians over the
volunteers. The baseline is the hub without volunteers, in the same run. ``doc.py`` writes
the results, and what machine holds 50, 200 or 1000 volunteers, in Dutch.

    .venv/bin/python -m benchmarks.hub                  # 8 volunteers
    .venv/bin/python -m benchmarks.hub --volunteers 3   # quicker
    .venv/bin/python -m benchmarks.hub --write-docs     # also update docs/performance.md
    .venv/bin/python -m benchmarks.hub --from-results FILE.json --write-docs
"""
