"""The private-address guard: the fetcher may only reach public http(s) hosts unless told otherwise.

A feed, a sitemap or a redirect can name any URL, so every hop is checked here: the scheme must be
http or https, and every address the host resolves to must be public (not private, loopback,
link-local, multicast, reserved or unspecified). ``PinnedAdapter`` makes ``requests`` connect only to
the addresses that passed the check, resolved once at connect time, so a DNS answer that changes
between check and connect (rebinding) cannot lead the fetcher into a private network.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError

from .errors import WirehouseError

# Same shape as ``socket.getaddrinfo``: (host, port, family, type) -> [(family, type, proto, name, addr)].
Resolver = Callable[..., Sequence[tuple[Any, ...]]]
Connector = Callable[..., socket.socket]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ALLOWED_SCHEMES = frozenset({"http", "https"})


# Resolver failures that may pass by themselves: no name server answered in time, or none could be
# reached (offline: EAI_AGAIN, "Temporary failure in name resolution"), or the system was short of
# something (EAI_SYSTEM, EAI_MEMORY). A name that does not exist (EAI_NONAME, EAI_NODATA) or a lookup that
# failed for good (EAI_FAIL) is final.
TEMPORARY_DNS_ERRORS = frozenset(
    getattr(socket, name) for name in ("EAI_AGAIN", "EAI_SYSTEM", "EAI_MEMORY") if hasattr(socket, name)
)


class UnsafeURL(WirehouseError):
    """A URL the fetcher must not request (bad scheme, private address, unresolvable host); terminal,
    unless ``temporary``: a name the resolver could not look up for now (the fetcher retries it)."""

    def __init__(self, reason: str, detail: str, temporary: bool = False) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.temporary = temporary


def is_public(ip: IPAddress) -> bool:
    """True when an address is globally routable; IPv4-mapped IPv6 is judged as the IPv4 it maps."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


@dataclass(frozen=True)
class NetGuard:
    """Decides which hosts may be reached. ``allowed_networks`` opens named ranges only (tests: loopback)."""

    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()
    resolver: Resolver = socket.getaddrinfo

    @classmethod
    def build(
        cls,
        allow_private: bool = False,
        allowed_networks: Iterable[str] = (),
        resolver: Resolver | None = None,
    ) -> NetGuard:
        nets = tuple(ipaddress.ip_network(n, strict=False) for n in allowed_networks)
        return cls(allow_private, nets, resolver or socket.getaddrinfo)

    def permits(self, ip: IPAddress) -> bool:
        if self.allow_private or is_public(ip):
            return True
        return any(ip in net for net in self.allowed_networks)

    def resolve(self, host: str, port: int) -> list[str]:
        """The host's addresses, all of them checked; raises ``UnsafeURL`` if any one is not permitted."""
        host = host.strip("[]").rstrip(".")
        try:
            literal: IPAddress | None = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        if literal is not None:
            addresses = [literal]
        else:
            try:
                infos = self.resolver(host, port, 0, socket.SOCK_STREAM)
            except UnicodeError as exc:  # no host name IDNA can encode
                raise UnsafeURL("dns", f"cannot resolve {host!r}: {exc}") from exc
            except OSError as exc:
                temporary = not isinstance(exc, socket.gaierror) or exc.errno in TEMPORARY_DNS_ERRORS
                said = exc.strerror if isinstance(exc.strerror, str) and exc.strerror else str(exc)
                raise UnsafeURL("dns", f"cannot resolve {host!r}: {said}", temporary) from exc
            addresses = []
            for info in infos:
                raw = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id
                try:
                    addresses.append(ipaddress.ip_address(raw))
                except ValueError as exc:
                    raise UnsafeURL("dns", f"{host!r} resolved to a non-address {raw!r}") from exc
        if not addresses:
            raise UnsafeURL("dns", f"{host!r} resolved to no address")
        # ALL addresses must pass: a host with one public and one private address is refused, since the
        # connection could go to either.
        refused = [str(ip) for ip in addresses if not self.permits(ip)]
        if refused:
            raise UnsafeURL(
                "private_address",
                f"{host!r} resolves to non-public address {', '.join(refused)}; "
                "set allow_private_networks = true (or WIREHOUSE_ALLOW_PRIVATE_NETWORKS=1) to allow",
            )
        return list(dict.fromkeys(str(ip) for ip in addresses))

    def check_url(self, url: str) -> list[str]:
        """Check scheme and host of ``url``; return the permitted addresses."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ALLOWED_SCHEMES:
            raise UnsafeURL("bad_scheme", f"only http and https may be fetched, not {scheme or 'no'} scheme")
        if not parts.hostname:
            raise UnsafeURL("bad_url", f"no host in {url!r}")
        try:
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError as exc:
            raise UnsafeURL("bad_url", f"bad port in {url!r}") from exc
        return self.resolve(parts.hostname, port)


def check_url(url: str, allow_private: bool, resolver: Resolver = socket.getaddrinfo) -> None:
    """Raise ``UnsafeURL`` unless ``url`` is http(s) on a host whose every address is permitted."""
    NetGuard(allow_private=allow_private, resolver=resolver).check_url(url)


def _pinned_conn(conn: HTTPConnection, guard: NetGuard, connector: Connector) -> socket.socket:
    """Resolve through the guard and connect to a checked address: no second, unchecked DNS lookup."""
    host = conn._dns_host  # the host urllib3 would have resolved itself
    try:
        addresses = guard.resolve(host, conn.port or 80)
    except UnsafeURL as exc:
        if exc.reason == "dns":
            raise NameResolutionError(host, conn, socket.gaierror(str(exc))) from exc
        raise
    last: OSError | None = None
    for address in addresses:
        try:
            return connector(
                (address, conn.port),
                conn.timeout,
                source_address=conn.source_address,
                socket_options=conn.socket_options,
            )
        except TimeoutError as exc:
            raise ConnectTimeoutError(conn, f"Connection to {host} timed out ({conn.timeout})") from exc
        except OSError as exc:
            last = exc
    raise NewConnectionError(conn, f"Failed to establish a new connection to {host}: {last}")


def _default_connector(*args: Any, **kwargs: Any) -> socket.socket:
    from urllib3.util import connection

    return connection.create_connection(*args, **kwargs)


class PinnedAdapter(HTTPAdapter):
    """An ``HTTPAdapter`` whose connections resolve through a ``NetGuard`` and connect to checked IPs.

    TLS still verifies the certificate against the host name (urllib3 uses ``conn.host`` for SNI and
    checking, only the socket goes to the pinned address).
    """

    def __init__(self, guard: NetGuard, connector: Connector | None = None, **kwargs: Any) -> None:
        self._guard = guard
        self._connector = connector or _default_connector
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        guard, connector = self._guard, self._connector

        def new_conn(conn: HTTPConnection) -> socket.socket:
            return _pinned_conn(conn, guard, connector)

        http_conn = type("PinnedHTTPConnection", (HTTPConnection,), {"_new_conn": new_conn})
        https_conn = type("PinnedHTTPSConnection", (HTTPSConnection,), {"_new_conn": new_conn})
        http_pool = type("PinnedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn})
        https_pool = type("PinnedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn})
        self.poolmanager.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}
        # key_fn_by_scheme stays as is: pools are keyed by scheme/host/port as before.
