"""nbgrader in a volunteer's own server on the hub: one course, the shared exchange.

JupyterHub puts this folder on the volunteer's JUPYTER_CONFIG_PATH (coursekit.hub).
"""

import os

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file

c.CourseDirectory.course_id = "steun-bij-stalking"
c.Exchange.root = os.environ.get("COURSEKIT_EXCHANGE", "/srv/nbgrader/exchange")
# A volunteer hands in under their hub name. nbgrader would take the Unix account, which is
# the same name on one server (PAM) but "jovyan" for everyone on Kubernetes.
c.CourseDirectory.student_id = os.environ.get("JUPYTERHUB_USER", "*")
# A hand-in is readable by its volunteer and the course account only (nbgrader: by all).
c.ExchangeFactory.submit = "coursekit.grading.exchange.PrivateSubmit"
