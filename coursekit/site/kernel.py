"""The kernel behind every course page: ipykernel, minus two things a visitor must not get.

Voila starts it instead of ipykernel's own command (see :class:`CourseKernelSpecs`):

- **No TCP listener.** ipykernel's IOPub thread listens on a TCP port on 127.0.0.1 for
  output from forked subprocesses (``IOPubThread(pipe=True)``), whatever the kernel's
  transport; ipykernel 7 has no setting for it. Course pages fork nothing, so the kernel
  starts that thread without the pipe. Its other sockets use the server's transport
  (``ipc`` in voila.json): Unix sockets only.
- **No traceback leaves the kernel.** A widget callback or handler that fails (an odd
  message sent over the websocket will do) makes ipywidgets call the shell's
  ``showtraceback``, which sends the whole traceback, with server paths and source lines,
  to the page. Here the page gets one Dutch sentence and the detail goes to the kernel's
  real stderr, which is the server's log. Log records and warnings go there as well, not
  to the page's output.

Run as ``python -m coursekit.site.kernel -f CONNECTION_FILE``.
"""

from __future__ import annotations

import logging
import sys
import traceback
import warnings
from typing import Any

from jupyter_client.kernelspec import NATIVE_KERNEL_NAME, KernelSpec, KernelSpecManager

from coursekit.text import learner


class Fout(Exception):
    """The name the page's output shows instead of the exception's."""


class CourseKernelSpecs(KernelSpecManager):
    """Voila's kernel specs, with Python kernels started by this module.

    voila.json selects it (``VoilaConfiguration.kernel_spec_manager_class``). The modules
    name the ``python3`` kernel; it runs in the server's own Python, as ipykernel's spec
    does.
    """

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        spec = super().get_kernel_spec(kernel_name)
        if kernel_name == NATIVE_KERNEL_NAME:
            spec.argv = [
                sys.executable,
                "-m",
                __name__,
                "-f",
                "{connection_file}",
                # Output written to the file descriptors goes to the server's log, not to
                # the page: that is where this module sends the detail of an error.
                "--IPKernelApp.capture_fd_output=False",
            ]
        return spec


def _server_log(text: str) -> None:
    print(text, file=sys.__stderr__, flush=True)


def show_to_page_without_detail(shell: Any) -> None:
    """Replace ``shell.showtraceback``: the detail to the server log, a sentence to the page."""

    def showtraceback(*_args: Any, **_kwargs: Any) -> None:
        etype, value, tb = sys.exc_info()
        if etype is None:  # called with an exception of its own, or none: log what we have
            _server_log("coursekit kernel: showtraceback without an active exception")
        else:
            _server_log("".join(traceback.format_exception(etype, value, tb)))
        shell._showtraceback(Fout, learner.ERROR_IN_PAGE, [learner.ERROR_IN_PAGE])

    shell.showtraceback = showtraceback
    shell.showsyntaxerror = lambda *_a, **_k: showtraceback()


def log_to_server() -> None:
    """Log records and warnings to the process's real stderr, never to the page's output."""
    handler = logging.StreamHandler(sys.__stderr__)
    handler.setFormatter(logging.Formatter("coursekit kernel %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    root = logging.getLogger()
    root.handlers = [handler]
    for name in list(logging.root.manager.loggerDict):
        logger = logging.getLogger(name)
        if logger.handlers:
            logger.handlers = [handler]

    def showwarning(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: Any = None,
        line: str | None = None,
    ) -> None:
        _server_log(warnings.formatwarning(message, category, filename, lineno, line))

    warnings.showwarning = showwarning


def main() -> None:
    from ipykernel import iostream, kernelapp

    class IOPubThreadWithoutPipe(iostream.IOPubThread):
        def __init__(self, socket: Any, pipe: bool = False, session: Any = False) -> None:
            super().__init__(socket, pipe=False, session=session)  # type: ignore[no-untyped-call]

    # kernelapp starts its IOPub thread as IOPubThread(socket, pipe=True, ...).
    kernelapp.IOPubThread = IOPubThreadWithoutPipe  # type: ignore[attr-defined]
    app = kernelapp.IPKernelApp.instance()
    app.initialize()  # type: ignore[no-untyped-call]
    log_to_server()
    show_to_page_without_detail(app.shell)
    app.start()  # type: ignore[no-untyped-call]


if __name__ == "__main__":
    main()
