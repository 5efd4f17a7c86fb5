"""Reading local inputs: find article files under the given paths and turn them into ``RawDocument``s.

A directory is walked recursively for the file types below; anything else in it (a README, a sources
file) is counted as ignored, not rejected. A path that was named explicitly but cannot be read becomes
a reject with the reason, so nothing the user asked for disappears silently.
"""

from __future__ import annotations

import errno
import glob
import hashlib
import io
import json
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import json_input
from .decode import decode_bytes
from .errors import RejectInput
from .records import Kind, RawDocument, pickled_by_fields

# Longest suffix first, so ".txt.gz" wins over ".gz".
SUFFIX_KINDS: tuple[tuple[str, Kind], ...] = (
    (".jsonl.gz", "jsonl"),
    (".ndjson.gz", "jsonl"),
    (".html.gz", "html"),
    (".htm.gz", "html"),
    (".txt.gz", "text"),
    (".json.gz", "jsonl"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".json", "jsonl"),
    (".html", "html"),
    (".htm", "html"),
    (".txt", "text"),
)
# A decompressed local file larger than this is refused rather than read into memory whole.
MAX_FILE_BYTES = 512 * 1024 * 1024


_KIND_OF_SUFFIX: dict[str, Kind] = {
    suffix: kind for suffix, kind in SUFFIX_KINDS if not suffix.endswith(".gz")
}
EXPECTED_SUFFIXES = ", ".join(_KIND_OF_SUFFIX) + ", optionally .gz"


def kind_of(path: str | Path) -> Kind | None:
    """The kind a file name says (``SUFFIX_KINDS``), by one dictionary lookup: it runs for every file."""
    name = str(path).lower()
    if name.endswith(".gz"):
        name = name[:-3]
    dot = name.rfind(".")
    return _KIND_OF_SUFFIX.get(name[dot:]) if dot >= 0 else None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Part:
    """Whole lines of a large JSON lines file, read as one unit of work (``flows/read_parts.py``)."""

    start: int  # byte offsets [start, end) in the file
    end: int
    first_line: int  # the number of its first line in the file (1-based, as ``bytes.splitlines`` counts)
    lines: int
    last: bool  # the file's last part: once it is loaded, the file is read
    file_sha256: str  # of the whole file, found when it was cut
    sha256: str  # of this part's bytes when the file was cut: a file changed since is not read in pieces
    copy: str | None = None  # a gzipped file's decompressed copy (``flows/spool.py``), read in its place

    def origin(self, path: str) -> str:
        """What a reject of this part (not of the whole file) is known by."""
        return f"{path}#bytes={self.start}-{self.end}"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class InputFile:
    """A file found under the inputs, with what is needed to skip it cheaply when unchanged."""

    path: str  # absolute
    kind: Kind
    size_bytes: int
    mtime_ns: int
    part: Part | None = None  # a part of the file only (a large JSON lines file is read in parts)


@dataclass(frozen=True, slots=True)
class MissingInput:
    """A path the user named that cannot be used; becomes a reject with this reason."""

    path: str
    reason: str
    detail: str


IGNORED_NAMES_SHOWN = 3  # a summary names this many of the files it ignored


@dataclass(slots=True)
class Discovery:
    files: list[InputFile] = field(default_factory=list)
    problems: list[MissingInput] = field(default_factory=list)
    ignored: int = 0  # files inside named directories that are not article files
    ignored_names: list[str] = field(default_factory=list)  # the first few of them, for the summary
    # Folders listed now, and patterns that match now: a reject they got while missing or unreadable (or
    # matching nothing) no longer holds.
    folders: list[str] = field(default_factory=list)


def discover(paths: Sequence[str | Path]) -> Discovery:
    """Expand files and directories into article files, in a stable (sorted) order, each once."""
    found = Discovery()
    seen: set[str] = set()
    for given in _expand_globs(paths, found):
        p = Path(given).expanduser()
        try:
            absolute = p.resolve()
        except OSError as exc:
            found.problems.append(MissingInput(str(p), "unreadable", f"{p}: {exc.strerror or exc}"))
            continue
        except RuntimeError:  # Python 3.11's resolve() on a link that leads back to itself (review)
            found.problems.append(MissingInput(str(p), "unreadable", f"{p}: a symbolic link loop"))
            continue
        try:
            is_dir = stat.S_ISDIR(os.stat(absolute).st_mode)
        except OSError as exc:
            # A file in a folder that cannot be entered, a name over 255 bytes: not missing, and not a
            # reason to stop the run (Path.exists raised them, and the run ended "unexpected error").
            if _missing(exc):
                reason, why = "missing_path", "no such file or directory"
            else:
                reason, why = "unreadable", str(exc.strerror or exc)
            found.problems.append(MissingInput(str(absolute), reason, f"{p}: {why}"))
            continue
        if is_dir:
            # Plain strings, not Path objects: walking 10,000 files with pathlib cost 0.3 s of the
            # loading process's CPU, as much as loading 2,000 articles.
            for child, name in _walk(str(absolute), found):
                kind = kind_of(name)  # the name's suffix: lower-casing whole paths cost 10 % of a walk
                if kind is None:
                    found.ignored += 1
                    if len(found.ignored_names) < IGNORED_NAMES_SHOWN:
                        found.ignored_names.append(os.path.relpath(child, absolute))
                else:
                    _add(found, seen, child, kind)
        else:
            key = str(absolute)
            kind = kind_of(key) or kind_of(str(p))  # a link "article.txt" to a "blob123" is a text file
            if kind is None and key not in seen:
                seen.add(key)
                found.problems.append(
                    MissingInput(
                        key,
                        "unsupported_type",
                        f"{p}: not an article file (expected {EXPECTED_SUFFIXES})",
                    )
                )
            elif kind is not None:
                _add(found, seen, key, kind)
    return found


_GLOB_MAGIC = re.compile(r"[*?[]")


def expand_glob(given: str | Path) -> list[str] | None:
    """The paths a glob pattern matches (``dumps/*.jsonl``, ``site/**/*.html``), sorted; None for a path
    that is no pattern, or that exists as written whatever its characters. For a files source's ``path``
    and a flow run's ``paths`` typed in Prefect's UI, where no shell expands them."""
    text = os.path.expanduser(str(given))
    if not _GLOB_MAGIC.search(text) or os.path.lexists(text):
        return None
    return sorted(glob.glob(text, recursive=True))


def named_path_exists(given: str | Path) -> bool:
    """Whether a path the user named exists, or as a pattern matches something. A path that cannot be
    looked at (in a folder that cannot be entered, a name too long) counts as there: it is no typo, and
    the run reports it as unreadable (exit 3), where ``Path.exists`` raised."""
    matches = expand_glob(given)
    if matches is not None:
        return bool(matches)
    try:
        os.stat(os.path.expanduser(str(given)))
    except OSError as exc:
        return not _missing(exc)
    except ValueError:  # a NUL in the name (a flow run's parameter): nothing can be there
        return False
    return True


# What ``Path.exists`` takes for "not there" (pathlib's own list); any other error is a path that is there
# but cannot be looked at.
_MISSING_ERRNOS = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


def _missing(exc: OSError) -> bool:
    return exc.errno in _MISSING_ERRNOS


def _expand_globs(paths: Sequence[str | Path], found: Discovery) -> Iterator[str | Path]:
    for given in paths:
        matches = expand_glob(given)
        if matches is None:
            yield given
            continue
        if matches:
            found.folders.append(os.path.abspath(os.path.expanduser(str(given))))
        else:
            found.problems.append(
                MissingInput(
                    os.path.abspath(os.path.expanduser(str(given))),
                    "missing_path",
                    f"{given}: no file or directory matches",
                )
            )
        yield from matches


def _walk(root: str, found: Discovery) -> Iterable[tuple[str, str]]:
    """The files under ``root``, with their names, in sorted order."""

    def unreadable(exc: OSError) -> None:
        # A folder that cannot be listed would otherwise vanish from the run without a word.
        where = str(exc.filename or root)
        found.problems.append(MissingInput(where, "unreadable", f"{where}: {exc.strerror or exc}"))

    # A linked folder is walked when it leads out of the named folder (it was skipped without a word),
    # each real folder once; one inside is walked as itself, not twice (nor for ever, if it loops).
    top = os.path.realpath(root)
    walked = {top}
    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=True):
        found.folders.append(dirpath)
        kept = []
        for d in sorted(d for d in dirnames if not d.startswith(".")):
            here = os.path.join(dirpath, d)
            real = os.path.realpath(here)
            if real in walked or (os.path.islink(here) and _inside(real, top)):
                continue
            walked.add(real)
            kept.append(d)
        dirnames[:] = kept
        prefix = dirpath if dirpath.endswith(os.sep) else dirpath + os.sep  # os.path.join, for one folder
        for name in sorted(filenames):
            if not name.startswith("."):
                yield prefix + name, name


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _add(found: Discovery, seen: set[str], key: str, kind: Kind) -> None:
    if key in seen:
        return
    seen.add(key)
    if not key.isascii() and not _is_utf8(key):
        # Python hands such names over with surrogate escapes, which no UTF-8 column or hash accepts.
        shown = os.fsencode(key).decode("utf-8", "backslashreplace")
        found.problems.append(
            MissingInput(shown, "undecodable_name", f"{shown}: the file name is not UTF-8; rename the file")
        )
        return
    try:
        st = os.stat(key)
    except OSError as exc:
        found.problems.append(MissingInput(key, "unreadable", f"{key}: {_why_not(key, exc)}"))
        return
    if not stat.S_ISREG(st.st_mode):
        # Reading a named pipe would wait for a writer forever; a device is not an article either.
        found.problems.append(
            MissingInput(key, "not_a_file", f"{key}: not a regular file (a named pipe, socket or device)")
        )
        return
    found.files.append(InputFile(key, kind, st.st_size, st.st_mtime_ns))


def _why_not(path: str, exc: OSError) -> str:
    """Why ``path`` cannot be statted; a link whose target is gone says so (not "No such file")."""
    try:
        if os.path.islink(path):
            return f"a symbolic link to {os.readlink(path)}, which cannot be opened ({exc.strerror or exc})"
    except OSError:
        pass
    return str(exc.strerror or exc)


def _is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_bytes(f: InputFile) -> bytes:
    """The file's content, decompressed if gzipped; ``RejectInput`` if it cannot be read."""
    try:
        with open(f.path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise RejectInput("read", "unreadable", f"cannot read {f.path}: {exc.strerror or exc}") from exc
    if len(raw) > MAX_FILE_BYTES:
        raise RejectInput("read", "too_large", f"{f.path} is larger than {MAX_FILE_BYTES // 2**20} MiB")
    if f.path.lower().endswith(".gz"):
        return gunzip(raw, f.path)
    return raw


_GZIP_CHUNK = 1 << 16


def gunzip(raw: bytes, path: str) -> bytes:
    """Every member of a gzip file (``cat a.gz b.gz`` is one valid file); ``RejectInput`` when the file is
    cut short or corrupt, rather than the part before the damage passed off as the whole file, or when it
    decompresses to more than ``MAX_FILE_BYTES``."""
    out: list[bytes] = []
    size = 0
    for piece in gunzip_stream(io.BytesIO(raw).read, path):
        out.append(piece)
        size += len(piece)
        if size > MAX_FILE_BYTES:
            raise RejectInput("read", "too_large", f"{path} decompresses to over {MAX_FILE_BYTES} bytes")
    return b"".join(out)


def gunzip_stream(read: Callable[[int], bytes], path: str) -> Iterator[bytes]:
    """``gunzip`` a piece at a time, from ``read`` (a file's ``read``), in memory that does not grow with
    the file: a large gzipped JSON lines file is cut into parts from it (``flows/read_parts.py``).

    Fed in chunks, so that what is left after a member (``unused_data``) is never the rest of the file:
    copying that for each of 200,000 empty members took 18 s. Each piece is what one chunk of input gives
    (at most about 64 MiB, for a chunk that compresses as well as gzip can)."""
    d = zlib.decompressobj(wbits=31)
    pending = b""  # input already read past the end of the last member
    try:
        while True:
            if pending:
                chunk, pending = pending, b""
            else:
                chunk = read(_GZIP_CHUNK)
                if not chunk:
                    break
            piece = d.decompress(chunk)
            if piece:
                yield piece
            if d.eof:
                # Zero padding after a member (tape blocks) is allowed, as gzip allows it, even when it
                # runs past this chunk or another member follows it.
                pending = d.unused_data.lstrip(b"\0")
                while not pending:
                    more = read(_GZIP_CHUNK)
                    if not more:
                        return
                    pending = more.lstrip(b"\0")
                d = zlib.decompressobj(wbits=31)
    except zlib.error as exc:
        raise RejectInput("read", "corrupt_gzip", f"{path} is not a readable gzip file: {exc}") from exc
    raise RejectInput("read", "corrupt_gzip", f"{path} is cut short: the gzip stream does not end")


# Fields that name a JSON lines record's URL; the record is known by it, so that inserting or removing
# lines elsewhere in the file does not make every later record look new.
RECORD_URL_KEYS = ("url", "link", "canonical_url", "canonical_link", "webUrl")
# trafilatura's JSON has no "url": the page's URL is its "source" (and the site's name "source-hostname").
_URL_IN_SOURCE = re.compile(r"https?://\S+\Z", re.I)


def record_url(record: dict[str, Any]) -> str | None:
    """The URL a JSON record names: the first of ``RECORD_URL_KEYS``, else a ``source`` that is a URL."""
    for key in RECORD_URL_KEYS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    # Only in trafilatura's own records (its "source-hostname" / "fingerprint" beside it): elsewhere a
    # "source" URL is the site's or the feed's, the same for every record (they became duplicates).
    source = record.get("source")
    if (
        isinstance(source, str)
        and _URL_IN_SOURCE.match(source.strip())
        and ("source-hostname" in record or "fingerprint" in record)
    ):
        return source.strip()
    return None


# Fields that hold a JSON lines record's text (``extract_jsonl`` reads them; a dotted key is nested).
RECORD_BODY_KEYS = (
    "text",
    "body",
    "maintext",
    "content",
    "article",
    "articleBody",
    "article_body",
    "fields.bodyText",  # the Guardian's API
    "fields.body",
)

# Without a URL, a record's own identifier does the same: ``path#id:<value>``.
RECORD_ID_KEYS = ("id", "_id", "guid", "uuid", "article_id", "doc_id")


def record_key(line: bytes, charset: str | None = None) -> str | None:
    """The URL a JSON lines record names, else ``id:<its identifier>``, else None (not JSON, not an
    object, neither field): such a record is known by its line number."""
    return _key_of(_parsed(line, charset))


def _parsed(line: bytes, charset: str | None) -> object:
    """The record as ``extract_record`` reads it (a comma after it too), so that its key is the URL or id
    the loaded article has."""
    try:
        return json_input.loads_record(line if charset is None else line.decode(charset))
    except (ValueError, RecursionError):  # not JSON, or nested too deeply: known by its line number
        return None


def _key_of(record: object) -> str | None:
    if isinstance(record, dict):
        url = record_url(record)
        if url is not None:
            return url
        for key in RECORD_ID_KEYS:
            value = record.get(key)
            if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
                return f"id:{str(value).strip()}"
    return None


def split_documents(f: InputFile, data: bytes, read_at: datetime | None = None) -> list[RawDocument]:
    """One document per file, or one per non-blank line of a JSON lines file.

    A record is known as ``path#<its URL>`` when it names one (and no earlier record in the file named
    the same URL), else as ``path#L<line number>``.
    """
    read_at = read_at or datetime.now(UTC)
    written_at = written_time(f, read_at)
    if f.kind != "jsonl":
        return [
            RawDocument(
                origin=f.path, kind=f.kind, data=data, path=f.path, read_at=read_at, written_at=written_at
            )
        ]
    found = _json_document(f, data)
    if found is not None and found.whole:  # broken JSON that cannot be split: one input, one reject
        return [
            RawDocument(
                origin=f.path, kind=f.kind, data=data, path=f.path, read_at=read_at, written_at=written_at
            )
        ]
    if found is not None:  # a .json file, or a JSON array or pretty-printed object under another name
        return record_documents(f, found.records, None, "item", 1, read_at, written_at, found.labels)
    lines, charset = _jsonl_lines(data)
    return record_documents(f, lines, charset, "L", 1, read_at, written_at)


def record_documents(
    f: InputFile,
    lines: Iterable[bytes],
    charset: str | None,
    mark: str,
    first_line: int,
    read_at: datetime,
    written_at: datetime | None,
    labels: Mapping[int, str] | None = None,
) -> list[RawDocument]:
    """One document per non-blank line, numbered from ``first_line``, each known by its URL or id when
    no earlier line of these named it, else by its line number (``mark``: "L", or "item" in a JSON array;
    ``labels``: another name by number, a broken object's ``L<line>``)."""
    docs: list[RawDocument] = []
    keys: set[str] = set()
    for n, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        record = _parsed(line, charset)
        # An API's whole response on one line ({"status": "ok", "articles": [...]}, a script appending
        # each page of NewsAPI to a .jsonl): its articles are the records (it was one no_body reject).
        items = _record_list(record) if isinstance(record, dict) and not _has_body(record) else []
        pieces = (
            [
                (json.dumps(item).encode("ascii"), item, None, f"{mark}{n}.{i}")
                for i, item in enumerate(items, 1)
            ]
            if items and items != [record] and all(isinstance(item, dict) for item in items)
            else [(line, record, charset, labels.get(n, f"{mark}{n}") if labels else f"{mark}{n}")]
        )
        for data, parsed, code, fallback in pieces:
            key = _key_of(parsed)
            if key is None or key in keys:
                key = fallback_key(fallback, keys)
            keys.add(key)
            docs.append(
                RawDocument(
                    origin=f"{f.path}#{key}",
                    kind="jsonl",
                    data=data,
                    path=f.path,
                    record_no=n,
                    read_at=read_at,
                    written_at=written_at,
                    http_charset=code,
                )
            )
    return docs


def fallback_key(key: str, taken: set[str] | dict[str, object]) -> str:
    """``key`` ("L12"), primed until no other record holds it: a record whose URL or id is literally "L12"
    and the twelfth line are two records, with two origins."""
    while key in taken:
        key += "'"
    return key


# Where API dumps keep their list of articles inside one object ({"status": "ok", "articles": [...]}).
_RECORD_LISTS = ("articles", "items", "results", "data", "records", "entries", "docs", "posts", "stories")


@dataclass(frozen=True, slots=True)
class _JsonDocument:
    """What a file that is JSON rather than JSON lines holds: its records, one JSON value each (numbered
    from 1, known as ``item<n>`` unless ``labels`` names them otherwise), or ``whole``: broken JSON that
    cannot be split, one input rejected with the parser's line and column."""

    records: list[bytes] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)
    whole: bool = False


_NOT_JSON = _JsonDocument(whole=True)


def _json_document(f: InputFile, data: bytes) -> _JsonDocument | None:
    """The records of a file that is one JSON document rather than JSON lines: a ``.json`` file, or a
    ``.jsonl`` file that starts with ``[`` or whose first line is not JSON (an object printed over several
    lines). None when the file is JSON lines (a ``.json`` file holding JSON lines too) or not text: then
    each line is a record, with its own error if it is not one."""
    named_json = f.path.lower().removesuffix(".gz").endswith(".json")
    if not named_json and not looks_like_one_document(data):
        return None
    text = _json_text(data)
    if text is None:
        return None
    try:
        value = json_input.loads(text.lstrip())
    except (ValueError, RecursionError):
        return _not_one_document(text, named_json)
    return _JsonDocument(_dumped(_record_list(value)))


def _dumped(records: Iterable[object]) -> list[bytes]:
    # ASCII escapes: a lone surrogate in the file stays an escape that json_input.loads can replace.
    return [json.dumps(item).encode("ascii") for item in records]


def _not_one_document(text: str, named_json: bool) -> _JsonDocument | None:
    """A text that does not parse as one JSON document: an array with a trailing comma, several documents
    one after another (jq's default output, objects each ending in a comma), JSON lines (None), or broken.

    Broken JSON was read line by line, and each line of a pretty-printed file became a reject of its own
    (32 for a file of three records, none loaded). An array, or a ``.json`` file, cannot be split reliably:
    it is one reject. In a stream of objects under a JSON lines name, a broken object is rejected alone."""
    head = text.lstrip()
    if head.startswith("["):
        items = _array(head)
        if items is not None:
            return _JsonDocument(_dumped(items))
        return None if _first_line_alone(head) else _NOT_JSON
    chunks = _stream(text)
    if chunks is None:
        return None
    if all(c.broken is None for c in chunks):
        return _JsonDocument(_dumped(c.value for c in chunks))
    if named_json:
        return _NOT_JSON
    if not any(c.spread for c in chunks):
        return None  # JSON lines that are all broken: each line says what is wrong with it
    records = [
        json.dumps(c.value).encode("ascii") if c.broken is None else c.broken.encode("utf-8") for c in chunks
    ]
    labels = {n: f"L{c.line}" for n, c in enumerate(chunks, 1) if c.broken is not None}
    return _JsonDocument(records, labels)


_TRAILING_COMMA = re.compile(r",\s*\]\s*$")


def _array(text: str) -> list[object] | None:
    """The items of a JSON array, also with a trailing comma inside it or after it; None if it is broken."""
    try:
        value = json.loads(_TRAILING_COMMA.sub("]", text.rstrip(" \t\r\n,")))
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, list) else None


def _first_line_alone(text: str) -> bool:
    """Whether the first line of ``text`` is a JSON value of its own: JSON lines, read line by line (as is
    a first line nested too deeply to tell)."""
    try:
        json_input.loads(_LINE_BREAK.split(text, 1)[0])
    except RecursionError:
        return True
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class _Chunk:
    """One value of a stream of JSON documents, or the text of one that does not parse (``broken``)."""

    value: object
    broken: str | None
    line: int  # where a broken one starts, as ``bytes.splitlines`` numbers lines (counted only for those)
    spread: bool  # printed over several lines


_SEPARATORS = re.compile(r"[\s,]*")


def _stream(text: str) -> list[_Chunk] | None:
    """The values of a text of JSON documents one after another (jq's default output, pretty objects
    without commas between them, or objects each ending in a comma). None for JSON lines: when every
    value that parses is on one line, the file is read line by line, its records known by their lines
    (a stream whose first object was compact and the next pretty was read so, each of the pretty one's
    lines a reject: review). Values that all fail are returned, for the caller to tell.

    A value that does not parse runs to the next line that starts with ``{``, where jq starts each object."""
    decoder = json.JSONDecoder()
    chunks: list[_Chunk] = []
    pos, end = 0, len(text)
    counted, line = 0, 1  # the line at ``counted``
    parsed = pretty = False  # a value parsed so far; one that spreads over lines
    while True:
        gap = _SEPARATORS.match(text, pos)
        assert gap is not None  # the pattern matches the empty string
        pos = gap.end()
        if pos >= end:
            return None if parsed and not pretty else chunks
        try:
            value, stop = decoder.raw_decode(text, pos)
            broken = None
        except (ValueError, RecursionError):
            stop = _next_object(text, pos)
            value, broken = None, text[pos:stop].rstrip()
            line, counted = line + _line_breaks(text, counted, pos), pos
        spread = _breaks_line(text, pos, stop if broken is None else pos + len(broken))
        parsed = parsed or broken is None
        pretty = pretty or (spread and broken is None)
        chunks.append(_Chunk(value, broken, line, spread))
        pos = stop


def _next_object(text: str, start: int) -> int:
    """Where a stream goes on after a value at ``start`` that does not parse: the next line that starts
    with ``{`` (an object cut short can swallow the next one as its value, so not from where the parser
    stopped), else the end of the text."""
    found = text.find("\n{", start)
    return found + 1 if found >= 0 else len(text)


def _breaks_line(text: str, start: int, stop: int) -> bool:
    return text.find("\n", start, stop) >= 0 or text.find("\r", start, stop) >= 0


def _line_breaks(text: str, start: int, stop: int) -> int:
    """Line ends in ``text[start:stop]``, as ``bytes.splitlines`` counts them (CR LF is one)."""
    return text.count("\n", start, stop) + text.count("\r", start, stop) - text.count("\r\n", start, stop)


def looks_like_one_document(data: bytes) -> bool:
    """Whether a JSON lines file is really one document, judged from its first bytes and first line
    (decoding a 60 MB dump to look at its first character cost 15 % of splitting it)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\0" in data[:64]:  # UTF-16: decode to judge
        text = _json_text(data)
        if text is None:
            return False
        data = text.lstrip().encode("utf-8")
    start = data[:256].lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"[":  # records are objects: "[" opens one array
        return True
    if start != b"{":
        return False
    end = data.find(b"\n")
    try:
        json_input.loads(data[: end if end >= 0 else len(data)].lstrip(b"\xef\xbb\xbf"))
        return False  # a JSON object on its first line: JSON lines
    except UnicodeDecodeError:
        # A legacy code page ("Caf\xe9"): judged on the decoded file, as its lines are then read. Taken for
        # one document, its records were dumped again as ASCII, and their code page was not recorded.
        text = _json_text(data)
        return text is not None and not _first_line_alone(text.lstrip())
    except (ValueError, RecursionError):
        return True  # an object printed over several lines (or broken: the document parse decides)


def _json_text(data: bytes) -> str | None:
    """The file as text: UTF-8 (or its BOM), else the encoding ``decode_bytes`` finds; None if neither."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return decode_bytes(data)[0].lstrip("\ufeff")
    except RejectInput:
        return None


def _record_list(value: object) -> list[object]:
    """The articles in a parsed JSON document: an array; an API dump's list under ``articles``, ``items``
    ... (also one level down: the Guardian's ``{"response": {"results": [...]}}``); else the one object."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and not _has_body(value):
        for holder in (value, *(v for v in value.values() if isinstance(v, dict))):
            inner = next((holder[k] for k in _RECORD_LISTS if isinstance(holder.get(k), list)), None)
            if inner is not None:
                return list(inner)
    return [value]


def _has_body(record: dict[str, object]) -> bool:
    return any(isinstance(record.get(k), str) for k in RECORD_BODY_KEYS if "." not in k)


# Before this, a file's mtime is an unpacked archive's or a build system's placeholder (1970, 1980), not
# when the file was saved.
_EARLIEST_WRITE = datetime(2000, 1, 1, tzinfo=UTC)


def written_time(f: InputFile, read_at: datetime) -> datetime | None:
    """The file's mtime as the time its dates are relative to, when it is plausible (not in the future,
    not a placeholder); else None, and the read time is used."""
    written = datetime.fromtimestamp(f.mtime_ns / 1e9, UTC)
    return written if _EARLIEST_WRITE <= written <= read_at else None


_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # where bytes.splitlines breaks, so line numbers agree


def _jsonl_lines(data: bytes) -> tuple[list[bytes], str | None]:
    """The lines of a JSON lines file, and the charset they are in when it is not UTF-8.

    The encoding is the file's, found once: split into lines first, UTF-16 falls apart at the first
    newline byte, and a legacy code page guessed per line may differ from one record to the next.
    """
    if b"\0" not in data:  # UTF-16 without a byte-order mark is valid UTF-8 when it is all ASCII
        try:
            data.decode("utf-8")
            return data.splitlines(), None
        except UnicodeDecodeError:
            pass
    try:
        text, encoding = decode_bytes(data)
    except RejectInput:
        return data.splitlines(), None  # each record then gets its own decode error
    lines = _LINE_BREAK.split(text)
    if not encoding.startswith("utf-16"):
        try:  # the records' own bytes, so that each document's hash is of what the file holds
            return [line.encode(encoding) for line in lines], encoding
        except (UnicodeEncodeError, LookupError):
            pass
    return [line.encode("utf-8") for line in lines], "utf-8"


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
