"""The private-address guard, judged on resolved addresses from a fake resolver.

Only 127.0.0.1 is ever connected to: the HTTP tests use a connector that refuses anything else.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from flows.fetch import Fetcher, FetchError
from flows.netguard import NetGuard, PinnedAdapter, UnsafeURL, check_url, is_public


def resolver_for(table: dict[str, list[str]]) -> Any:
    calls: list[str] = []

    def resolve(host: str, port: int, *args: Any) -> list[tuple[Any, ...]]:
        calls.append(host)
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "unknown test name")
        out = []
        for ip in table[host]:
            family = socket.AF_INET6 if ":" in ip else socket.AF_INET
            out.append((family, socket.SOCK_STREAM, 6, "", (ip, port)))
        return out

    resolve.calls = calls  # type: ignore[attr-defined]
    return resolve


DNS = resolver_for(
    {
        "public.test": ["93.184.216.34"],
        "intranet.test": ["10.0.0.1"],
        "mixed.test": ["93.184.216.34", "192.168.1.10"],
        "v6local.test": ["fe80::1%eth0"],
        "mapped.test": ["::ffff:127.0.0.1"],
        "loop.test": ["127.0.0.1"],
    }
)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://intranet.test/", "private_address"),
        ("https://mixed.test/a", "private_address"),  # one private address among public ones is enough
        ("http://v6local.test/", "private_address"),
        ("http://mapped.test/", "private_address"),
        ("http://loop.test:8080/", "private_address"),
        ("http://127.0.0.1/", "private_address"),
        ("http://[::1]/", "private_address"),
        ("http://0.0.0.0/", "private_address"),
        ("http://169.254.169.254/latest/meta-data/", "private_address"),
        ("http://224.0.0.1/", "private_address"),
        ("http://100.64.0.1/", "private_address"),  # carrier-grade NAT, not global
        ("http://240.0.0.1/", "private_address"),  # reserved
        ("ftp://public.test/", "bad_scheme"),
        ("file:///etc/passwd", "bad_scheme"),
        ("javascript:alert(1)", "bad_scheme"),
        ("http:///nohost", "bad_url"),
        ("http://public.test:99999/", "bad_url"),
        ("http://unknown.test/", "dns"),
    ],
)
def test_refused(url: str, reason: str) -> None:
    with pytest.raises(UnsafeURL) as info:
        check_url(url, allow_private=False, resolver=DNS)
    assert info.value.reason == reason


def test_public_host_passes_and_resolution_is_not_connection() -> None:
    check_url("https://public.test/news", allow_private=False, resolver=DNS)
    check_url("http://93.184.216.34/", allow_private=False, resolver=DNS)


def test_allow_private_opt_in() -> None:
    check_url("http://intranet.test/", allow_private=True, resolver=DNS)
    check_url("http://127.0.0.1:8000/", allow_private=True, resolver=DNS)
    with pytest.raises(UnsafeURL):
        check_url("gopher://intranet.test/", allow_private=True, resolver=DNS)


def test_allowed_networks_open_only_those_ranges() -> None:
    guard = NetGuard.build(allowed_networks=["127.0.0.0/8"], resolver=DNS)
    assert guard.check_url("http://loop.test/") == ["127.0.0.1"]
    with pytest.raises(UnsafeURL):
        guard.check_url("http://intranet.test/")


@pytest.mark.parametrize(
    ("ip", "public"),
    [("8.8.8.8", True), ("2001:4860:4860::8888", True), ("10.1.1.1", False), ("172.16.0.1", False)],
)
def test_is_public(ip: str, public: bool) -> None:
    import ipaddress

    assert is_public(ipaddress.ip_address(ip)) is public


# --- the pinned connection -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPServer]:
    srv = HTTPServer(host="127.0.0.1", port=0)
    srv.start()
    yield srv
    srv.clear()
    srv.stop()


def loopback_only(refused: list[str]) -> Any:
    def connect(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        if address[0] != "127.0.0.1":
            refused.append(address[0])
            raise AssertionError(f"tried to connect to {address[0]}")
        return socket.create_connection(address, *args[:1])

    return connect


def test_pinned_adapter_connects_to_the_checked_address(server: HTTPServer) -> None:
    server.clear()
    server.expect_request("/hello").respond_with_data("hi")
    resolve = resolver_for({"news.test": ["127.0.0.1"]})
    refused: list[str] = []
    guard = NetGuard.build(allowed_networks=["127.0.0.0/8"], resolver=resolve)
    with requests.Session() as session:
        session.trust_env = False
        session.mount("http://", PinnedAdapter(guard, loopback_only(refused)))
        response = session.get(f"http://news.test:{server.port}/hello", timeout=5)
    assert response.text == "hi"
    assert server.log[-1][0].headers["Host"] == f"news.test:{server.port}"  # name kept, address pinned
    assert resolve.calls == ["news.test"]
    assert refused == []


def test_dns_rebinding_between_check_and_connect_is_refused(server: HTTPServer) -> None:
    """The name answers 127.0.0.1 to the check, then 10.0.0.1: the connection re-judges and refuses."""
    server.clear()
    answers = iter(["127.0.0.1", "10.0.0.1", "10.0.0.1", "10.0.0.1"])

    def rebinding(host: str, port: int, *args: Any) -> list[tuple[Any, ...]]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    refused: list[str] = []
    fetcher = Fetcher(
        allowed_networks=["127.0.0.0/8"],
        resolver=rebinding,
        connector=loopback_only(refused),
        respect_robots=False,
        default_rate_limit=0.0,
        retries=0,
    )
    with pytest.raises(FetchError) as info:
        fetcher.fetch(f"http://rebind.test:{server.port}/")
    assert info.value.reason == "private_address"
    assert refused == []
    assert server.log == []


def _tls_files(tmp: Path) -> tuple[Path, Path, Path]:
    """A throwaway CA and a certificate for ``news.test`` signed by it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Wirehouse test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "news.test")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("news.test")]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = tmp / "ca.pem", tmp / "cert.pem", tmp / "key.pem"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return ca_path, cert_path, key_path


def test_https_pinned_to_checked_address_still_verifies_host_name(tmp_path: Path) -> None:
    ca_path, cert_path, key_path = _tls_files(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.start()
    try:
        server.expect_request("/robots.txt").respond_with_data("", status=404)
        server.expect_request("/secure").respond_with_data("tls ok")
        refused: list[str] = []
        fetcher = Fetcher(
            allowed_networks=["127.0.0.0/8"],
            resolver=resolver_for({"news.test": ["127.0.0.1"], "other.test": ["127.0.0.1"]}),
            connector=loopback_only(refused),
            default_rate_limit=0.0,
            retries=0,
        )
        fetcher.session.verify = str(ca_path)
        result = fetcher.fetch(f"https://news.test:{server.port}/secure")
        assert result.body == b"tls ok"
        with pytest.raises(FetchError) as info:  # same address, but the certificate names news.test
            fetcher.fetch(f"https://other.test:{server.port}/secure")
        assert info.value.reason == "tls"
        # Was "PinnedHTTPSPool(host='other.test', port=...): Max retries exceeded with url: /secure (Caused
        # by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify ...".
        assert info.value.detail == (
            f"other.test:{server.port}: certificate verify failed: "
            "Hostname mismatch, certificate is not valid for 'other.test'."
        )
        fetcher.session.verify = True  # the system's CAs, which do not know the test CA
        with pytest.raises(FetchError) as info:
            fetcher.fetch(f"https://news.test:{server.port}/secure")
        assert info.value.detail == (
            f"news.test:{server.port}: certificate verify failed: unable to get local issuer certificate"
        )
        assert refused == []
    finally:
        server.clear()
        server.stop()


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(
        st.ip_addresses(network="10.0.0.0/8"),
        st.ip_addresses(network="172.16.0.0/12"),
        st.ip_addresses(network="192.168.0.0/16"),
        st.ip_addresses(network="127.0.0.0/8"),
        st.ip_addresses(network="169.254.0.0/16"),
        st.ip_addresses(network="224.0.0.0/4"),
        st.ip_addresses(network="fc00::/7"),
        st.ip_addresses(network="fe80::/10"),
        st.ip_addresses(network="ff00::/8"),
    )
)
def test_every_private_address_is_refused(ip: Any) -> None:
    resolve = resolver_for({"any.test": [str(ip)]})
    with pytest.raises(UnsafeURL):
        check_url("http://any.test/", allow_private=False, resolver=resolve)
    with pytest.raises(UnsafeURL):
        check_url(
            f"http://[{ip}]/" if ip.version == 6 else f"http://{ip}/", allow_private=False, resolver=resolve
        )
    mapped = f"::ffff:{ip}" if ip.version == 4 else None
    if mapped:
        with pytest.raises(UnsafeURL):
            check_url(f"http://[{mapped}]/", allow_private=False, resolver=resolve)


@pytest.mark.parametrize(
    ("errno", "temporary"),
    [
        (socket.EAI_AGAIN, True),  # no name server answered (offline, `unshare -n`): may pass
        (socket.EAI_NONAME, False),  # the name does not exist
        (socket.EAI_FAIL, False),
    ],
)
def test_a_name_the_resolver_could_not_look_up_for_now_is_told_apart(errno: int, temporary: bool) -> None:
    # Resolution fails in the process: no resolver is asked.
    def resolve(host: str, port: int, *args: Any) -> list[tuple[Any, ...]]:
        raise socket.gaierror(errno, "said by the test")

    with pytest.raises(UnsafeURL) as info:
        NetGuard.build(resolver=resolve).check_url("http://feeds.example.invalid/rss.xml")
    assert info.value.reason == "dns" and info.value.temporary is temporary
    assert info.value.detail == "cannot resolve 'feeds.example.invalid': said by the test"
