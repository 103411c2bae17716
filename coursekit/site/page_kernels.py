"""Which page owns which kernel, and how many kernels the server and one client may have.

Every module page gets a kernel of its own. Voila starts (or takes from the preheated
pool) one for every request, so a script could start kernels until the machine runs out
of memory, and anyone who learns a kernel id could shut it down or take over its widgets.
:func:`guard_kernels` wraps Voila's handlers so that:

- **a page owns its kernel.** The first module page a browser opens gets a random session
  cookie (:data:`COOKIE`: HttpOnly, SameSite=Strict, for the browser session only, on the
  site's base URL). The kernel handed to a page belongs to that cookie; its websocket, its
  REST handler (``/api/kernels/<id>``) and Voila's shutdown handler answer 403 to any
  other. Tabs of one browser share the cookie, so each tab can use its own kernel. The
  kernel id alone, or a self-obtained ``_xsrf`` token, is not enough.
- **a kernel whose page never connects is reclaimed** after ``unconnected_grace`` seconds
  (3 minutes: a slow phone takes about 36 s), and only then: the idle culler does not touch
  a kernel whose page has not connected yet. Once its websocket has connected, a kernel
  is kept as long as a socket is open (voila.json: ``cull_connected: false``, so a
  reflection may take long to type) and culled 5 minutes after its last socket closed.
- **there is a cap on kernels in total** (``max_kernels``, by default half the memory at
  about 65 MB a kernel, preheated ones included) **and per client** (``max_kernels_per_client``,
  40: a class of 30 behind one school address is never refused). A client is the remote
  address or, when ``trust_forwarded_for`` says a proxy stands before the server and the
  request comes from one of ``trusted_proxies``, the last address in ``X-Forwarded-For``
  that is not a trusted proxy itself: on the hub a request passes nginx and then
  configurable-http-proxy, which each add the address they got it from. The entries to
  the left of that are the browser's to choose and never count. The preheated kernels
  waiting for a visitor count for no client. When full,
  the page is the Dutch "het is nu druk" page with status 503 and ``Retry-After``.

An attacker with many addresses (or an IPv6 range) still meets the total cap: the site
stays up for the pages already open, new visitors wait a few minutes.

The settings are a traitlets class, ``PageKernels``, read from voila.json or the command line
(``--PageKernels.unconnected_grace=180``).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import hmac
import os
import re
import secrets
import time
from dataclasses import dataclass
from typing import Any

import tornado.web
from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.handlers import KernelHandler
from tornado.ioloop import PeriodicCallback
from traitlets import Bool, Float, Integer, List, Unicode, default
from traitlets.config import LoggingConfigurable

from coursekit.site.lesson_pools import LessonPools, LessonSettingError

# The session cookie that ties a browser's pages to their kernels.
COOKIE = "_pagina"
MEGABYTE = 1024 * 1024
_SESSION = re.compile(r"[A-Za-z0-9_-]{43}")


@dataclass
class Owner:
    """The page a kernel was handed to."""

    session: str
    client: str
    handed_at: float
    connected: bool = False


@dataclass
class Visitor:
    """The page request being served. ``waiting``: it counts as pending for its client until
    its kernel is handed out; from then on it counts as an owner, not twice."""

    session: str
    client: str
    waiting: bool = True


# The visitor whose page request is being served: set by the page handler, read where
# Voila hands the page a kernel (the same task, so the same context).
_visitor: contextvars.ContextVar[Visitor | None] = contextvars.ContextVar(
    "coursekit_visitor", default=None
)


def _memory_bytes() -> int:
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):
        return 4 * 1024 * MEGABYTE


class PageKernels(LoggingConfigurable):
    """The kernels that course pages own, and the caps on them."""

    unconnected_grace = Float(
        180.0,
        config=True,
        help="Seconds a page's kernel may wait for its page's websocket before it is shut "
        "down. A slow phone connects in about 36 s.",
    )
    check_interval = Float(
        15.0, config=True, help="Seconds between two looks for kernels whose page never came."
    )
    kernel_megabytes = Integer(
        65, config=True, help="Memory of one course kernel in MB, to size max_kernels."
    )
    memory_share = Float(
        0.5, config=True, help="Share of the machine's memory that kernels may use."
    )
    max_kernels = Integer(
        config=True,
        help="Kernels at most, preheated ones included. By default memory_share of the "
        "memory divided by kernel_megabytes.",
    )
    max_kernels_per_client = Integer(
        40,
        config=True,
        help="Kernels at most for one client (address). A class of 30 behind one school "
        "address must fit.",
    )
    trust_forwarded_for = Bool(
        False,
        config=True,
        help="A proxy that sets X-Forwarded-For stands before the server: take the client's "
        "address from its entries (see trusted_proxies). Leave False when clients reach the "
        "server directly, or anyone could choose their address.",
    )
    trusted_proxies = List(
        Unicode(),
        ["127.0.0.1", "::1"],
        config=True,
        help="Addresses of the proxies before the server (nginx, configurable-http-proxy). "
        "X-Forwarded-For counts only on a request from one of them, and the client is its "
        "last entry that is not one of them.",
    )
    retry_after = Integer(120, config=True, help="Seconds in Retry-After when the site is full.")

    @default("max_kernels")
    def _max_kernels(self) -> int:
        share = _memory_bytes() * self.memory_share
        return max(8, int(share // (self.kernel_megabytes * MEGABYTE)))

    def __init__(self, kernel_manager: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kernel_manager = kernel_manager
        self.owners: dict[str, Owner] = {}
        self._pending: dict[str, int] = {}
        self._checker: PeriodicCallback | None = None

    # -- who the client is, and whether there is room ------------------------------------

    def client(self, request: Any) -> str:
        address = str(request.remote_ip)
        if not self.trust_forwarded_for:
            return address
        trusted = set(self.trusted_proxies)
        forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",")]
        # From the right: each trusted proxy vouches for the entry its caller added.
        while address in trusted and forwarded and forwarded[-1]:
            address = forwarded.pop()
        return address

    def _forget_gone(self) -> None:
        alive = set(self.kernel_manager.list_kernel_ids())
        for kernel_id in [k for k in self.owners if k not in alive]:
            del self.owners[kernel_id]

    def room_for(self, client: str) -> bool:
        """Whether ``client`` may get one more kernel now."""
        self._forget_gone()
        pending = sum(self._pending.values())
        if len(self.kernel_manager.list_kernel_ids()) + pending >= self.max_kernels:
            return False
        owned = sum(1 for owner in self.owners.values() if owner.client == client)
        return owned + self._pending.get(client, 0) < self.max_kernels_per_client

    def reserve(self, client: str) -> None:
        self._pending[client] = self._pending.get(client, 0) + 1

    def release(self, client: str) -> None:
        left = self._pending.get(client, 0) - 1
        if left > 0:
            self._pending[client] = left
        else:
            self._pending.pop(client, None)

    # -- ownership ----------------------------------------------------------------------

    def hand_out(self, kernel_id: str) -> None:
        """Record that the page being served got ``kernel_id``."""
        visitor = _visitor.get()
        if visitor is not None:
            self.owners[kernel_id] = Owner(visitor.session, visitor.client, time.monotonic())
            if visitor.waiting:  # now an owner: no longer pending
                visitor.waiting = False
                self.release(visitor.client)
            # The idle clock starts now, not when the kernel entered the pool.
            with contextlib.suppress(KeyError):
                self.kernel_manager.get_kernel(kernel_id).last_activity = utcnow()

    def owns(self, kernel_id: str, session: str | None) -> bool:
        owner = self.owners.get(kernel_id)
        if owner is None or not session:
            return False
        return hmac.compare_digest(owner.session.encode(), session.encode())

    def connected(self, kernel_id: str) -> None:
        owner = self.owners.get(kernel_id)
        if owner is not None:
            owner.connected = True

    # -- reclaiming ---------------------------------------------------------------------

    def start_checking(self) -> None:
        if self._checker is None:
            self._checker = PeriodicCallback(self.reclaim, self.check_interval * 1000)
            self._checker.start()

    async def reclaim(self) -> None:
        """Shut down the kernels whose page did not connect within the grace period."""
        self._forget_gone()
        now = time.monotonic()
        late = [
            kernel_id
            for kernel_id, owner in self.owners.items()
            if not owner.connected and now - owner.handed_at > self.unconnected_grace
        ]
        for kernel_id in late:
            self.owners.pop(kernel_id, None)
        await asyncio.gather(*(self._shut_down(kernel_id) for kernel_id in late))

    async def _shut_down(self, kernel_id: str) -> None:
        self.log.info("Kernel %s: its page never connected; shutting it down.", kernel_id)
        try:
            await self.kernel_manager.shutdown_kernel(kernel_id)
        except (KeyError, RuntimeError) as error:  # already gone
            self.log.info("Kernel %s was already gone: %s", kernel_id, error)


def _guard(handler: tornado.web.RequestHandler) -> PageKernels:
    guard: PageKernels = handler.settings["coursekit_page_kernels"]
    return guard


def _check_owner(handler: tornado.web.RequestHandler, kernel_id: str) -> None:
    if not _guard(handler).owns(kernel_id, handler.get_cookie(COOKIE)):
        raise tornado.web.HTTPError(403)


def _session(handler: tornado.web.RequestHandler) -> str:
    """The browser's session cookie; a new one if it has none (or a malformed one)."""
    session = handler.get_cookie(COOKIE)
    if session and _SESSION.fullmatch(session):
        return session
    session = secrets.token_urlsafe(32)
    handler.set_cookie(
        COOKIE,
        session,
        path=handler.settings.get("base_url", "/"),
        httponly=True,
        samesite="Strict",
        secure=handler.request.protocol == "https",
        expires_days=None,
    )
    return session


def guard_kernels() -> None:
    """Install the guard: Voila's handlers replaced by the subclasses below. Once."""
    from voila.app import Voila
    from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    if getattr(Voila.init_handlers, "_coursekit_guard", False):
        return

    from coursekit.site.hooks import error_page

    class PageHandler(TornadoVoilaHandler):  # type: ignore[misc]
        """A module page: only when there is room; the page's kernel belongs to it."""

        async def get(self, path: str | None = None) -> None:
            guard = _guard(self)
            guard.start_checking()
            client = guard.client(self.request)
            if not guard.room_for(client):
                self.log.warning("No room for a kernel for %s; answering 503.", client)
                self.set_status(503)
                self.set_header("Retry-After", str(guard.retry_after))
                self.set_header("Content-Type", "text/html; charset=UTF-8")
                env = self.settings["voila_jinja2_env"]
                self.finish(error_page(503, self.settings.get("base_url", "/"), env))
                return
            visitor = Visitor(_session(self), client)
            token = _visitor.set(visitor)
            guard.reserve(client)
            try:
                await super().get(path)
            finally:
                if visitor.waiting:  # no kernel was handed out
                    guard.release(client)
                _visitor.reset(token)

    class OwnedKernelHandler(KernelHandler):
        async def prepare(self) -> None:  # type: ignore[override]
            await super().prepare()
            _check_owner(self, self.path_kwargs["kernel_id"])

    class OwnedShutdownHandler(VoilaShutdownKernelHandler):  # type: ignore[misc]
        async def prepare(self) -> None:
            await super().prepare()
            _check_owner(self, self.path_args[0] if self.path_args else "")

    class OwnedKernelWebsocketHandler(VoilaKernelWebsocketHandler):  # type: ignore[misc]
        async def pre_get(self) -> None:
            _check_owner(self, self.kernel_id)
            await super().pre_get()

        async def open(self, *args: Any, **kwargs: Any) -> None:
            _guard(self).connected(self.kernel_id)
            await super().open(*args, **kwargs)

    replacements = {
        TornadoVoilaHandler: PageHandler,
        KernelHandler: OwnedKernelHandler,
        VoilaShutdownKernelHandler: OwnedShutdownHandler,
        VoilaKernelWebsocketHandler: OwnedKernelWebsocketHandler,
    }
    original_init_handlers = Voila.init_handlers

    def init_handlers(self: Voila) -> list[Any]:
        handlers = []
        for spec in original_init_handlers(self):
            if isinstance(spec, tuple) and len(spec) >= 2 and spec[1] in replacements:
                spec = (spec[0], replacements[spec[1]], *spec[2:])
            handlers.append(spec)
        manager = self.kernel_manager
        guard = PageKernels(manager, parent=self)
        self.app.settings["coursekit_page_kernels"] = guard
        _hand_out_kernels(manager, guard)
        try:
            lessons = LessonPools(manager, guard.max_kernels, parent=self)
        except LessonSettingError as error:
            self.log.critical("The course cannot start: %s", error)
            raise SystemExit(1) from error
        lessons.start()
        self.log.info(
            "Kernels: at most %d, %d per client; a page must connect within %.0f s.",
            guard.max_kernels,
            guard.max_kernels_per_client,
            guard.unconnected_grace,
        )
        return handlers

    init_handlers._coursekit_guard = True  # type: ignore[attr-defined]
    Voila.init_handlers = init_handlers


def _hand_out_kernels(manager: Any, guard: PageKernels) -> None:
    """Record the owner where Voila hands a page its kernel: from the preheated pool
    (``get_rendered_notebook``) or started for it (``start_kernel``, called by the page
    handler). Refilling the pool calls the class's ``start_kernel``, not this one.

    Handing a kernel to a page counts as activity, and the idle culler leaves a kernel
    alone until its page has connected: until then the grace period decides
    (:meth:`PageKernels.reclaim`). Before this, a preheated kernel that had waited in the pool
    longer than ``cull_idle_timeout`` (Voila protects it only while it is in the pool) was
    culled in the seconds between the page's HTML and its websocket, and the page kept
    "Loading widget..." for good.
    """
    original_cull = manager.cull_kernel_if_idle

    async def cull_kernel_if_idle(kernel_id: str) -> Any:
        owner = guard.owners.get(kernel_id)
        if owner is not None and not owner.connected:
            return None
        return await original_cull(kernel_id)

    manager.cull_kernel_if_idle = cull_kernel_if_idle
    if hasattr(manager, "get_rendered_notebook"):
        original_rendered = manager.get_rendered_notebook

        async def get_rendered_notebook(*args: Any, **kwargs: Any) -> Any:
            task, cache, kernel_id = await original_rendered(*args, **kwargs)
            guard.hand_out(kernel_id)
            return task, cache, kernel_id

        manager.get_rendered_notebook = get_rendered_notebook

    original_start = manager.start_kernel

    async def start_kernel(*args: Any, **kwargs: Any) -> str:
        kernel_id = str(await original_start(*args, **kwargs))
        guard.hand_out(kernel_id)
        return kernel_id

    manager.start_kernel = start_kernel
