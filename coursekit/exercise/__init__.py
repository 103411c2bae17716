"""Graded mode: the contract between a generated exercise and its grading.

``kinds`` (the graded question kinds), ``contract`` (cell ids and names), ``questions`` (the
questions file), ``answers_file`` (the clicked answers), ``checks`` (what the cells run in
the grading kernel), ``widget`` (the graded quiz) and ``authoring`` (a source notebook from a
trainer's draft). Nothing here imports ``coursekit.grading``.
"""
