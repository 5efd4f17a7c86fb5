"""A proxy named in the environment never gets the requests for a server on this machine."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from collections.abc import Iterator

import httpx
import pytest
from pytest_httpserver import HTTPServer

from flows.loopback import bypass_proxies, loopback_host


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("http://127.0.0.1:4200/api", "127.0.0.1"),
        ("http://127.0.0.2:80/api", "127.0.0.2"),
        ("http://localhost:4200/api", "localhost"),
        ("http://[::1]:4200/api", "::1"),
        ("https://api.prefect.cloud/api/accounts/x", None),
        ("http://10.0.0.5:4200/api", None),
        ("http://[::1", None),
        ("", None),
        (None, None),
    ],
)
def test_a_loopback_host_is_this_machine_s(url: str | None, host: str | None) -> None:
    assert loopback_host(url) == host


def test_without_a_proxy_nothing_changes() -> None:
    env: dict[str, str] = {"PATH": "/bin"}
    bypass_proxies("http://127.0.0.1:4200/api", env)
    assert env == {"PATH": "/bin"}


def test_a_remote_api_keeps_the_proxy() -> None:
    env = {"HTTPS_PROXY": "http://proxy.invalid:3128"}
    bypass_proxies("https://api.prefect.cloud/api", env)
    assert env == {"HTTPS_PROXY": "http://proxy.invalid:3128"}


def test_the_host_joins_the_list_the_user_set() -> None:
    env = {"http_proxy": "http://proxy.invalid:3128", "NO_PROXY": "corp.invalid, .internal"}
    bypass_proxies("http://127.0.0.1:4200/api", env)
    bypass_proxies("http://127.0.0.1:5555/api", env)  # twice: once in the list
    # Was: both spellings set to one merged list; a no_proxy of its own would hide the user's NO_PROXY
    assert env == {
        "http_proxy": "http://proxy.invalid:3128",
        "NO_PROXY": "corp.invalid,.internal,127.0.0.1",
    }


def test_each_spelling_keeps_its_own_list() -> None:
    # urllib reads no_proxy alone when both are set: a host only NO_PROXY names goes through the proxy,
    # and must still (review: the lists were merged into both)
    env = {"HTTPS_PROXY": "http://proxy.invalid:3128", "NO_PROXY": "a.invalid", "no_proxy": "b.invalid"}
    bypass_proxies("http://localhost:4200/api", env)
    assert (env["NO_PROXY"], env["no_proxy"]) == ("a.invalid,localhost", "b.invalid,localhost")


def test_without_a_list_both_spellings_name_the_host() -> None:
    env = {"ALL_PROXY": "http://proxy.invalid:3128"}
    bypass_proxies("http://[::1]:4200/api", env)
    assert (env["NO_PROXY"], env["no_proxy"]) == ("::1", "::1")


def test_no_proxy_for_any_host_stays_so() -> None:
    # Was: "*,127.0.0.1", which urllib no longer reads as "every host": example.com went to the proxy
    env = {"http_proxy": "http://proxy.invalid:3128", "no_proxy": "*"}
    bypass_proxies("http://127.0.0.1:4200/api", env)
    assert env == {"http_proxy": "http://proxy.invalid:3128", "no_proxy": "*"}
    assert urllib.request.proxy_bypass_environment("example.com", {"no": env["no_proxy"]})


@pytest.fixture
def local_server() -> Iterator[str]:
    server = HTTPServer(host="127.0.0.1", port=0)
    server.expect_request("/api/health").respond_with_data("true")
    server.start()
    try:
        yield server.url_for("/api")
    finally:
        server.clear()
        server.stop()


@pytest.fixture
def dead_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy that refuses every connection (a port on 127.0.0.1 nothing listens on)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{port}")
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def test_urllib_and_httpx_reach_a_local_server_past_a_proxy(local_server: str, dead_proxy: None) -> None:
    # Before: both went to the proxy (Prefect's client is httpx: "Failed to reach API").
    # A new opener reads the environment now (``urlopen``'s own was built by whichever call came first).
    with pytest.raises(urllib.error.URLError):
        urllib.request.build_opener().open(f"{local_server}/health", timeout=5)
    with pytest.raises(httpx.ConnectError), httpx.Client() as client:  # the proxy refused
        client.get(f"{local_server}/health")
    bypass_proxies(local_server)
    with urllib.request.build_opener().open(f"{local_server}/health", timeout=5) as response:
        assert response.read() == b"true"
    with httpx.Client() as client:
        assert client.get(f"{local_server}/health").text == "true"
