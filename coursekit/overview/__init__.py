"""The trainer's overview of a group (issue 18): one row per volunteer from the gradebook,
the exchange and the progress store, and what in it needs the trainer.

``state`` holds the rows and the pure rules, ``gather`` reads what the course stores,
``table`` words the rows for a terminal and as CSV; ``coursekit overzicht`` prints them.
"""
