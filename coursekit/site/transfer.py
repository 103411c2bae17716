"""Fewer bytes to a phone: compression and caching of what every course page loads.

A first visit loads about 4.8 MB, nearly all of it Voila's and JupyterLab's generic
JavaScript and CSS. Voila compresses nothing and lets the browser keep little. This module
adds, for ``make serve``, the hub's ``cursus`` service and any proxy alike:

- **gzip for the generic static files only** (``/voila/static/``, ``/voila/templates/``,
  ``/voila/labextensions/`` under the base URL): JavaScript, CSS, JSON and SVG. Course pages,
  the API and error pages are never compressed. They carry secrets (the page's kernel id and
  the ``_xsrf`` token), and a compressed secret next to text an attacker can choose is what
  BREACH reads. A static file carries no secret. Each version of a file is compressed once
  and kept in memory (:class:`CompressedFiles`): a class of 30 first visits would otherwise
  cost about 0.1 CPU-s each.
- **a long life in the browser's cache only for files whose name carries a content hash**
  (JupyterLab's extension chunks, such as ``84.09c61a35dce1705f.js``): ``public,
  max-age=31536000, immutable``. A new version has a new name, so a browser never keeps an
  old one. Voila's template files already get ten years from tornado, with the hash in
  ``?v=``; Voila's own chunks (``7155.voila.js``) carry no hash and keep tornado's
  revalidation. Course pages stay ``no-store`` (:func:`coursekit.site.hooks.serve_privately`).
- **permessage-deflate on the kernel websocket** (``voila.py``: the tornado setting
  ``websocket_compression_options``), for the widget state: 484 KiB on module 4. The socket
  carries no credential, and no third party can put text into it.

Tornado reads ``compress_response`` only when the application is made, before Voila adds
``tornado_settings``, so the transform is added by :func:`install` where Voila builds its
handlers (see :func:`coursekit.site.hooks.serve_privately`).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Sequence

from tornado import httputil
from tornado.web import OutputTransform

#: Compressed like gzip's own default: close to level 9 at a third of the time.
LEVEL = 6
#: Types worth compressing; images other than SVG and fonts are compressed already.
COMPRESSIBLE = (
    "text/css",
    "text/plain",
    "application/javascript",
    "text/javascript",
    "application/json",
    "image/svg+xml",
)
#: A file name with a content hash: ``name.<16 or more hex digits>.js``.
HASHED_NAME = re.compile(r"\.[0-9a-f]{16,}\.(?:js|css)$")
IMMUTABLE = "public, max-age=31536000, immutable"
STATIC_PREFIXES = ("voila/static/", "voila/templates/", "voila/labextensions/")


class CompressedFiles:
    """Compressed bodies of static files by version, within a memory budget.

    All of Voila's and the widgets' files together compress to about 2.6 MB; the budget
    leaves room for several versions while a server runs through an upgrade. Tornado serves
    every request on one thread, so there is no lock.
    """

    def __init__(self, budget: int = 32 * 1024 * 1024) -> None:
        self.budget = budget
        self._bodies: dict[tuple[str, ...], bytes] = {}
        self._size = 0

    def get(self, key: tuple[str, ...]) -> bytes | None:
        return self._bodies.get(key)

    def put(self, key: tuple[str, ...], body: bytes) -> None:
        if key in self._bodies or self._size + len(body) > self.budget:
            return
        self._bodies[key] = body
        self._size += len(body)


class StaticTransfer(OutputTransform):
    """gzip and cache headers for one response, if it is a generic static file."""

    def __init__(
        self, request: httputil.HTTPServerRequest, prefixes: Sequence[str], store: CompressedFiles
    ) -> None:
        self._path = request.path
        self._uri = request.uri or request.path
        self._static = request.method in ("GET", "HEAD") and self._path.startswith(tuple(prefixes))
        accepts = request.headers.get("Accept-Encoding", "")
        self._gzip_wanted = self._static and "gzip" in accepts and "Range" not in request.headers
        self._store = store
        self._compressor: zlib._Compress | None = None
        self._parts: list[bytes] = []
        self._key: tuple[str, ...] | None = None
        self._cached = False

    def transform_first_chunk(
        self, status_code: int, headers: httputil.HTTPHeaders, chunk: bytes, finishing: bool
    ) -> tuple[int, httputil.HTTPHeaders, bytes]:
        if not self._static or status_code not in (200, 304):
            return status_code, headers, chunk
        if HASHED_NAME.search(self._path):
            headers["Cache-Control"] = IMMUTABLE
        if status_code != 200:
            return status_code, headers, chunk
        content_type = str(headers.get("Content-Type", "")).split(";")[0].strip()
        headers["Vary"] = _with_vary(headers.get("Vary"))
        if (
            not self._gzip_wanted
            or content_type not in COMPRESSIBLE
            or "Content-Encoding" in headers
            or (finishing and len(chunk) < 1024)
        ):
            return status_code, headers, chunk
        headers["Content-Encoding"] = "gzip"
        version = headers.get("Etag") or headers.get("Last-Modified") or ""
        length = headers.get("Content-Length", "")
        self._key = (self._uri, version, length) if version and length else None
        cached = self._store.get(self._key) if self._key else None
        if cached is not None:
            # The whole body now; the file's own chunks that follow are dropped.
            self._cached = True
            headers["Content-Length"] = str(len(cached))
            return status_code, headers, cached
        # gzip's own format (wbits 16 + 15), with no file name and no time in its header.
        self._compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, 31)
        headers.pop("Content-Length", None)
        return status_code, headers, self.transform_chunk(chunk, finishing)

    def transform_chunk(self, chunk: bytes, finishing: bool) -> bytes:
        if self._cached:
            return b""
        if self._compressor is None:
            return chunk
        out = self._compressor.compress(chunk)
        if finishing:
            out += self._compressor.flush()
        if self._key is not None:
            self._parts.append(out)
            if finishing:
                self._store.put(self._key, b"".join(self._parts))
        return out


def _with_vary(current: str | None) -> str:
    if not current:
        return "Accept-Encoding"
    if "accept-encoding" in current.lower():
        return current
    return current + ", Accept-Encoding"


def transform_for(
    base_url: str, store: CompressedFiles | None = None
) -> Callable[[httputil.HTTPServerRequest], StaticTransfer]:
    """The transform factory for an application served under ``base_url``."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    prefixes = tuple(base + prefix for prefix in STATIC_PREFIXES)
    files = store if store is not None else CompressedFiles()

    def make(request: httputil.HTTPServerRequest) -> StaticTransfer:
        return StaticTransfer(request, prefixes, files)

    return make
