"""The sources file: which feeds, sitemaps, page lists and local files to ingest, declared in TOML.

Everything is checked when the file is loaded, so a typo fails at once with one line naming the file,
the source and the key, not halfway through a crawl. Relative ``path`` values are resolved against the
folder of the sources file, so the file works from any working directory.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .config import env_flag
from .errors import ConfigError, UserError
from .locales import check_locale

SourceKind = Literal["feed", "sitemap", "urls", "files"]
KINDS: tuple[SourceKind, ...] = ("feed", "sitemap", "urls", "files")
DEFAULT_PATH = Path("seeds/sources.toml")
ENV_ALLOW_PRIVATE = "WIREHOUSE_ALLOW_PRIVATE_NETWORKS"
DEFAULT_MAX_SITEMAPS = 100

_TOP_KEYS = {"allow_private_networks", "user_agent", "timeout", "retries", "source"}
_SOURCE_KEYS = {
    "name",
    "kind",
    "url",
    "urls",
    "path",
    "locale",
    "timezone",
    "include",
    "exclude",
    "rate_limit",
    "max_items",
    "max_sitemaps",
    "refresh",
    "retry_failed",
}
# Which location key each kind needs; the other location keys are refused for that kind.
_LOCATION = {"feed": "url", "sitemap": "url", "urls": "urls", "files": "path"}


@dataclass(frozen=True, slots=True)
class Source:
    """One declared source. Exactly one of ``url`` / ``urls`` / ``path`` is set, according to ``kind``."""

    name: str
    kind: SourceKind
    url: str | None = None
    urls: tuple[str, ...] = ()
    path: str | None = None
    locale: str | None = None
    timezone: str | None = None
    include: tuple[str, ...] = ()  # regular expressions searched in the URL; any match keeps it
    exclude: tuple[str, ...] = ()  # regular expressions searched in the URL; any match drops it
    rate_limit: float | None = None  # seconds between requests to one host
    max_items: int | None = None
    # Child sitemaps a sitemap source reads per run at most (its index's newest first); more is a warning.
    max_sitemaps: int = DEFAULT_MAX_SITEMAPS
    refresh: bool = False  # fetch again URLs that are already loaded
    # Pages (and the feed or root sitemap) whose last fetch failed: None (``retry_failed = false``, the
    # default) waits the growing back-off of ``crawl_backoff.retry_wait``; 0 (``true``) tries them on every run;
    # more: this many seconds after the last failure (``retry_failed = "6h"``).
    retry_failed: float | None = None


@dataclass(frozen=True, slots=True)
class SourcesConfig:
    """The whole sources file."""

    allow_private_networks: bool
    user_agent: str | None
    sources: list[Source]
    timeout: float | None = None  # seconds a page may stay silent (the fetcher's read timeout)
    retries: int | None = None  # of a request that failed in a way that may pass

    def get(self, name: str) -> Source:
        for source in self.sources:
            if source.name == name:
                return source
        raise ConfigError(f"no source named {name!r}; known: {', '.join(s.name for s in self.sources)}")

    def date_hints(self) -> dict[str, tuple[str | None, str | None]]:
        """Source name -> (locale, time zone): how to read the dates of documents stored from it."""
        return {s.name: (s.locale, s.timezone) for s in self.sources}


def allow_private_networks(config: SourcesConfig | None, environ: Mapping[str, str] = os.environ) -> bool:
    """The effective opt-in: the file's ``allow_private_networks`` or the environment variable. A value of
    the variable that is no yes or no (``maybe``) is a one-line ``UserError``, as for every flag the
    commands read: it meant "no" without a word, and each private page was a reject (review)."""
    flag = env_flag(ENV_ALLOW_PRIVATE, environ)
    return flag or bool(config and config.allow_private_networks)


class _Checker:
    """Type checks that all report ``file: source 'name': key: problem``."""

    def __init__(self, file: Path, where: str) -> None:
        self.file, self.where = file, where

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.file}: {self.where}: {key}: {problem}")

    def text(self, table: Mapping[str, Any], key: str) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"expected a non-empty string, got {value!r}")
        return value.strip()

    def flag(self, table: Mapping[str, Any], key: str) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {value!r}")
        return value

    def texts(self, table: Mapping[str, Any], key: str) -> tuple[str, ...]:
        value = table.get(key)
        if value is None:
            return ()
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
            raise self.fail(key, f"expected a string or a list of strings, got {value!r}")
        return tuple(v.strip() for v in items)

    def http_url(self, key: str, url: str) -> str:
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018  (raises for a port out of range or not a number)
        except ValueError as exc:
            raise self.fail(key, f"not a valid URL {url!r}: {exc}") from None
        if parts.scheme not in {"http", "https"}:
            raise self.fail(key, f"only http and https URLs are allowed, got {url!r}")
        if not parts.hostname:
            raise self.fail(key, f"no host in {url!r}")
        if any(c.isspace() or not c.isprintable() for c in url):
            raise self.fail(key, f"a space or control character in {url!r}: percent-encode it (%20)")
        if parts.username is not None or parts.password is not None:
            # They would be stored with every page of the source and sent to each of them.
            raise self.fail(key, f"user name or password in {url!r}: not supported, use a URL without them")
        return url

    def patterns(self, table: Mapping[str, Any], key: str) -> tuple[str, ...]:
        found = self.texts(table, key)
        for pattern in found:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise self.fail(key, f"invalid regular expression {pattern!r}: {exc}") from None
        return found


def _number(check: _Checker, table: Mapping[str, Any], key: str) -> float | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 3600:
        raise check.fail(key, f"expected seconds between 0 and 3600, got {value!r}")
    return float(value)


def _count(check: _Checker, table: Mapping[str, Any], key: str) -> int | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise check.fail(key, f"expected a whole number of at least 1, got {value!r}")
    return value


_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _retry_failed(check: _Checker, table: Mapping[str, Any]) -> float | None:
    """``retry_failed``: false (the back-off), true (every run: 0 s) or a wait such as "30m", "6h", "2d"."""
    value = table.get("retry_failed", False)
    if value is False:
        return None
    if value is True:
        return 0.0
    m = _DURATION.fullmatch(value.strip().lower()) if isinstance(value, str) else None
    seconds = float(m[1]) * _UNIT_SECONDS[m[2]] if m else 0.0
    if not 0 < seconds <= 365 * 86400:
        raise check.fail(
            "retry_failed",
            f'expected true, false or a wait such as "30m", "6h" or "2d" (up to 365d), got {value!r}',
        )
    return seconds


def _user_agent(check: _Checker, table: Mapping[str, Any]) -> str | None:
    """``user_agent``, which goes out as an HTTP header: one line of Latin-1. A line break or a character
    HTTP cannot carry failed every request of the run ("Invalid leading whitespace", "latin-1 codec"),
    and the failures held the feeds back by the retry back-off after the file was fixed."""
    value = check.text(table, "user_agent")
    if value is not None and not all(c.isprintable() and ord(c) < 256 for c in value):
        raise check.fail(
            "user_agent",
            f"expected one line of printable ASCII or Latin-1 text (it is sent as an HTTP header), got {value!r}",
        )
    return value


def _source(file: Path, index: int, table: Any) -> Source:
    where = f"source #{index}"
    if not isinstance(table, dict):
        raise ConfigError(f"{file}: {where}: expected a [[source]] table")
    check = _Checker(file, where)
    name = check.text(table, "name")
    if name is None:
        raise check.fail("name", "missing (every [[source]] needs a name)")
    check.where = f"source {name!r}"
    unknown = sorted(set(table) - _SOURCE_KEYS)
    if unknown:
        raise check.fail(unknown[0], f"unknown key (allowed: {', '.join(sorted(_SOURCE_KEYS))})")
    kind = check.text(table, "kind")
    if kind is None:
        raise check.fail("kind", f"missing (one of {', '.join(KINDS)})")  # was "got None" (review)
    if kind not in KINDS:
        raise check.fail("kind", f"expected one of {', '.join(KINDS)}, got {table.get('kind')!r}")
    needed = _LOCATION[kind]
    for key in ("url", "urls", "path"):
        if key != needed and key in table:
            raise check.fail(key, f"not used by kind {kind!r} (it takes {needed!r})")
    if needed not in table:
        raise check.fail(needed, f"missing (kind {kind!r} needs it)")
    url = check.text(table, "url")
    if url is not None:
        check.http_url("url", url)
    urls = check.texts(table, "urls")
    if needed == "urls" and not urls:
        raise check.fail("urls", "empty list")
    for one in urls:
        check.http_url("urls", one)
    path = check.text(table, "path")
    if path is not None and not Path(path).is_absolute():
        path = str(file.parent / path)
    locale = check.text(table, "locale")
    try:
        check_locale(locale)
    except UserError as exc:
        raise check.fail("locale", str(exc)) from None
    tz = check.text(table, "timezone")
    if tz is not None:
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise check.fail("timezone", f"unknown time zone {tz!r}") from None
    return Source(
        name=name,
        kind=kind,
        url=url,
        urls=urls,
        path=path,
        locale=locale,
        timezone=tz,
        include=check.patterns(table, "include"),
        exclude=check.patterns(table, "exclude"),
        rate_limit=_number(check, table, "rate_limit"),
        max_items=_count(check, table, "max_items"),
        max_sitemaps=_count(check, table, "max_sitemaps") or DEFAULT_MAX_SITEMAPS,
        refresh=check.flag(table, "refresh"),
        retry_failed=_retry_failed(check, table),
    )


def parse_sources(data: Mapping[str, Any], file: Path) -> SourcesConfig:
    """Check an already-parsed TOML document; ``file`` is only used in messages and for relative paths."""
    top = _Checker(file, "top level")
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise top.fail(unknown[0], f"unknown key (allowed: {', '.join(sorted(_TOP_KEYS))})")
    raw_sources = data.get("source", [])
    if not isinstance(raw_sources, list):
        raise top.fail("source", "expected [[source]] tables")
    sources = [_source(file, i, table) for i, table in enumerate(raw_sources, start=1)]
    seen: set[str] = set()
    for source in sources:
        if source.name in seen:
            raise ConfigError(f"{file}: source {source.name!r}: name: duplicate source name")
        seen.add(source.name)
    timeout = data.get("timeout")
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 1 <= timeout <= 300
    ):
        raise top.fail("timeout", f"expected seconds between 1 and 300, got {timeout!r}")
    retries = data.get("retries")
    if retries is not None and (
        isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= 10
    ):
        raise top.fail("retries", f"expected a whole number between 0 and 10, got {retries!r}")
    return SourcesConfig(
        allow_private_networks=top.flag(data, "allow_private_networks"),
        user_agent=_user_agent(top, data),
        sources=sources,
        timeout=None if timeout is None else float(timeout),
        retries=retries,
    )


def load_sources(path: Path | str = DEFAULT_PATH) -> SourcesConfig:
    """Read and check a sources file; every problem is a one-line ``ConfigError``."""
    file = Path(path)
    try:
        with file.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{file}: sources file not found") from None
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read sources file: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:  # tomllib decodes as UTF-8 and lets this through
        raise ConfigError(
            f"{file}: not a UTF-8 text file (byte {exc.start}): is it the sources file?"
        ) from None
    return parse_sources(data, file)
