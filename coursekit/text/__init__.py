"""Every sentence people read, in Dutch, one catalogue per audience.

``learner`` (volunteers: quizzes, feedback, help lines, graded notebooks), ``editor``
(content editors: mistakes in course files, the content report) and ``trainer`` (grading,
the item analysis, the hub). Code identifiers stay English; the content report
spell-checks every catalogue (``coursekit.quality.catalogues``).
"""
