"""The data layer: typed models of the course's content, loaded from YAML with Dutch errors.

Nothing here imports ipywidgets or IPython: JupyterHub, nbgrader and the content checks
load these modules (tests/test_architecture.py proves it). ``kinds`` is the one registry
of item kinds that every check iterates.
"""
