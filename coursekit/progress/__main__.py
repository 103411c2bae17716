"""``python -m coursekit.progress``: the hub service ``voortgang`` (JupyterHub starts it)."""

from coursekit.progress.service import main

main()
