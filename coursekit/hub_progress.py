"""``python -m coursekit.hub_progress``: the hub service ``voortgang`` as JupyterHub starts it.

The progress API (:mod:`coursekit.progress.service`) and the Bewijs van deelname's calls
(:mod:`coursekit.overview.certificate_api`) in one process, as the course account in the
course folder (its working folder, where :func:`coursekit.hub.configure` starts it). The
two live in their own layers (progress below the overview); this module, above both, puts
them together.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def main(environ: Mapping[str, str] | None = None) -> None:
    from coursekit.overview.certificate_api import certificate_routes
    from coursekit.progress.service import main as serve

    serve(environ, more=certificate_routes(Path.cwd()))


if __name__ == "__main__":
    main()
