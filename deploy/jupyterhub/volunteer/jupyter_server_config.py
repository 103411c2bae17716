"""A volunteer's own server on the hub: Mijn cursus, not the trainers' tools.

Mijn cursus (coursekit.mijn_cursus) is where a volunteer works, hands in and reads feedback;
the hub opens the server there. JupyterLab and the assignment list stay loadable for those
who want them, but nothing on a volunteer's path links to them. Formgrader and the course
list belong to the course service, where trainers grade.
"""

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file

c.ServerApp.jpserver_extensions = {
    "coursekit.mijn_cursus": True,
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
}
