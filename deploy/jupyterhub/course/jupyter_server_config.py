"""The course service on the hub (formgrader's server, in the course folder): the
trainers' Dutch Groepsoverzicht beside formgrader.

JupyterHub puts this folder on the course service's JUPYTER_CONFIG_PATH (coursekit.hub);
the service opens on the Groepsoverzicht.
"""

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file

c.ServerApp.jpserver_extensions = {"coursekit.groepsoverzicht": True}
