"""A volunteer's own server on the hub: the assignment list, not the trainers' tools.

Formgrader and the course list belong to the course service, where trainers grade.
"""

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file

c.ServerApp.jpserver_extensions = {
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
}
