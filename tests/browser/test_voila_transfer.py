"""Fewer bytes to a phone (issue 16), set by the app itself: raw HTTP against `make serve`'s
server shows gzip on the generic static files only, long caching only for names with a
content hash, and permessage-deflate on the kernel websocket (coursekit.site.transfer)."""

from __future__ import annotations

import base64
import gzip
import http.client
import json
import os
from urllib.parse import urlsplit

import pytest

from tests.support.kernel_socket import load_page

pytestmark = pytest.mark.browser

MODULE = "06-wat-niet-helpt.ipynb"
WIDGETS = "/voila/labextensions/@jupyter-widgets/jupyterlab-manager"
# Generic files every course page loads: Voila's chunks, the template's CSS, a widget chunk.
STATIC = [
    "/voila/static/voila.js",
    "/voila/templates/coursekit/static/index.css",
]
# Responses that carry a secret (the kernel id, the _xsrf token) or could: never compressed.
SECRET = [
    "/",
    f"/voila/render/{MODULE}",
    "/api/kernels/00000000-0000-0000-0000-000000000000",
    "/niet-hier",
]


def _get(url: str, path: str, headers: dict[str, str]) -> tuple[http.client.HTTPResponse, bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def _entry(voila_url: str) -> str:
    """The widgets' entry file, as its package.json names it (``static/remoteEntry.<hash>.js``)."""
    _response, body = _get(voila_url, f"{WIDGETS}/package.json", {})
    return f"{WIDGETS}/{json.loads(body)['jupyterlab']['_build']['load']}"


def test_static_files_are_gzipped_once_and_unpack_to_the_same_bytes(voila_url: str) -> None:
    for path in [*STATIC, _entry(voila_url)]:
        plain, original = _get(voila_url, path, {})
        assert plain.status == 200, path
        assert plain.getheader("Content-Encoding") is None, f"{path}: gzip only when asked"
        first, packed = _get(voila_url, path, {"Accept-Encoding": "gzip, deflate, br"})
        assert first.getheader("Content-Encoding") == "gzip", path
        assert "Accept-Encoding" in (first.getheader("Vary") or ""), path
        assert gzip.decompress(packed) == original, path
        assert len(packed) < len(original) * 0.6, (path, len(packed), len(original))
        # The second time from memory: the same bytes, with their length.
        again, repacked = _get(voila_url, path, {"Accept-Encoding": "gzip"})
        assert repacked == packed, path
        assert again.getheader("Content-Length") == str(len(packed)), path


@pytest.mark.parametrize("path", SECRET)
def test_pages_and_the_api_are_never_compressed(voila_url: str, path: str) -> None:
    response, _body = _get(voila_url, path, {"Accept-Encoding": "gzip, deflate, br"})
    assert response.getheader("Content-Encoding") is None, (path, response.status)


def test_only_names_with_a_content_hash_are_kept_for_a_year(voila_url: str) -> None:
    hashed, _ = _get(voila_url, _entry(voila_url), {})
    assert hashed.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    for path in (f"{WIDGETS}/package.json", "/voila/static/voila.js"):
        response, _ = _get(voila_url, path, {})
        assert response.status == 200, path
        assert "immutable" not in (response.getheader("Cache-Control") or ""), path
    page, _ = _get(voila_url, f"/voila/render/{MODULE}", {"Accept-Encoding": "gzip"})
    assert "no-store" in (page.getheader("Cache-Control") or "")
    assert "immutable" not in (page.getheader("Cache-Control") or "")


def test_the_kernel_websocket_offers_permessage_deflate(voila_url: str) -> None:
    page = load_page(voila_url)
    parts = urlsplit(voila_url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
    connection.request(
        "GET",
        f"/api/kernels/{page.kernel}/channels",
        headers={
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
            "Sec-WebSocket-Extensions": "permessage-deflate; client_max_window_bits",
            "Origin": voila_url,
            "Cookie": page.cookies,
        },
    )
    response = connection.getresponse()
    extensions = response.getheader("Sec-WebSocket-Extensions") or ""
    connection.close()
    assert response.status == 101
    assert extensions.startswith("permessage-deflate"), extensions
