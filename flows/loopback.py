"""Servers on this machine are reached directly, whatever proxy the environment names.

httpx (Prefect's client) and urllib send every request through ``HTTP_PROXY``/``HTTPS_PROXY``/``ALL_PROXY``
unless ``NO_PROXY`` names the host, and a proxy cannot reach this machine's 127.0.0.1: behind a
corporate proxy every flow run failed with "unexpected error: RuntimeError: Failed to reach API" on the
command's own temporary server (review). Prefect's client reads the environment, so the API's host joins
``NO_PROXY`` (and ``no_proxy``, which wins in urllib when both are set) once that API is chosen.
"""

from __future__ import annotations

import ipaddress
import os
import urllib.parse
import urllib.request
from collections.abc import MutableMapping

_PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy")

# An opener that never uses a proxy, for checks of a server on this machine.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def loopback_host(url: str | None) -> str | None:
    """The host of ``url`` when it is this machine (127.0.0.0/8, ::1, localhost), else None."""
    if not url:
        return None
    try:
        host = urllib.parse.urlsplit(url).hostname
    except ValueError:  # "http://[::1": no URL, said elsewhere
        return None
    if not host:
        return None
    if host.lower() == "localhost":
        return host
    try:
        return host if ipaddress.ip_address(host).is_loopback else None
    except ValueError:  # a name
        return None


def bypass_proxies(url: str | None, env: MutableMapping[str, str] | None = None) -> None:
    """Add ``url``'s host to ``NO_PROXY`` and ``no_proxy`` in ``env`` (this process's environment by
    default) when it is this machine and a proxy is set; nothing otherwise. Each variable keeps its own
    list, and one only the user set stays the only one (urllib reads ``no_proxy`` alone when both are
    set); ``*`` (no proxy for any host) is left as it is (merging the two lists and appending to ``*``
    changed which hosts went through the proxy: review)."""
    target = os.environ if env is None else env
    host = loopback_host(url)
    if host is None or not any(target.get(v) or target.get(v.upper()) for v in _PROXY_VARIABLES):
        return
    present = [name for name in ("no_proxy", "NO_PROXY") if name in target]
    for name in present or ("no_proxy", "NO_PROXY"):
        hosts = [h.strip() for h in target.get(name, "").split(",") if h.strip()]
        if "*" in hosts or host in hosts:
            continue
        target[name] = ",".join([*hosts, host])
