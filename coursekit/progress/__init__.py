"""What the course remembers of a logged-in volunteer: modules started and finished.

The store (tables beside the gradebook, migrated with Alembic), the hub service
``voortgang`` that guards it, and the client a volunteer's server uses. Never what a
volunteer writes. docs/architecture.md ("Mijn cursus") draws how the parts talk.
"""
