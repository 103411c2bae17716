"""What the tests share: the course copy, servers on loopback, Chromium, widget state, the
key material, PostgreSQL, nbgrader commands and a JupyterHub. Fixtures stay in conftest.py;
the benchmarks import these too."""
