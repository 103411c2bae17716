"""Who the client is, for the caps of coursekit.site.page_kernels (no server needed)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from coursekit.site.page_kernels import PageKernels


def _client(remote_ip: str, forwarded: str | None, **settings: object) -> str:
    headers = {} if forwarded is None else {"X-Forwarded-For": forwarded}
    kernels = PageKernels(kernel_manager=None, **settings)
    return kernels.client(SimpleNamespace(remote_ip=remote_ip, headers=headers))


def test_without_a_trusted_proxy_the_header_is_ignored() -> None:
    assert _client("198.51.100.7", "10.0.0.1") == "198.51.100.7"


@pytest.mark.parametrize(
    ("remote_ip", "forwarded", "client"),
    [
        # one proxy (nginx) on this machine
        ("127.0.0.1", "203.0.113.5", "203.0.113.5"),
        # nginx, then configurable-http-proxy: the hub's route
        ("127.0.0.1", "203.0.113.5, 127.0.0.1", "203.0.113.5"),
        # what the browser wrote before the proxies does not count
        ("127.0.0.1", "10.9.9.9, 203.0.113.5, 127.0.0.1", "203.0.113.5"),
        # a visitor who reaches the server directly cannot choose an address
        ("198.51.100.7", "203.0.113.5", "198.51.100.7"),
        # a trusted proxy without the header: the proxy is the client
        ("127.0.0.1", None, "127.0.0.1"),
        ("127.0.0.1", "", "127.0.0.1"),
    ],
)
def test_behind_trusted_proxies_the_client_is_the_last_untrusted_address(
    remote_ip: str, forwarded: str | None, client: str
) -> None:
    assert _client(remote_ip, forwarded, trust_forwarded_for=True) == client


def test_the_trusted_proxies_are_a_setting() -> None:
    forwarded = "203.0.113.5, 10.0.0.2"
    assert _client("10.0.0.3", forwarded, trust_forwarded_for=True) == "10.0.0.3"
    trusted = ["10.0.0.2", "10.0.0.3"]
    assert (
        _client("10.0.0.3", forwarded, trust_forwarded_for=True, trusted_proxies=trusted)
        == "203.0.113.5"
    )
