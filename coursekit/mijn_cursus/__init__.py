"""Mijn cursus: the volunteer's pages in their own server on the hub, with no kernel.

A jupyter-server extension: the overview of modules and exercises, the exercise pages
(answer, write the reflection, hand in through nbgrader's exchange) and the feedback, as
Jinja pages. docs/architecture.md ("Mijn cursus") draws how the parts talk.
"""
