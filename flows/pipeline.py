"""The per-input story, as plain functions: read -> decode -> extract -> clean -> ``Processed``.

No Prefect and no database here, so that worker processes can run it in parallel and tests can call
it directly. Every failure becomes a ``Rejected`` record on the ``Processed`` result; nothing raises.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from typing import TypeVar
from urllib.parse import urlsplit

from .clean import (
    MIN_BODY_WORDS,
    author_key,
    clean_body,
    clean_inline,
    count_and_hash,
    is_mixed_case,
    split_names,
)
from .dates_value import date_value
from .decode import decode_bytes
from .errors import RejectInput
from .extract_jsonl import extract_record
from .extract_text import extract_text
from .language import detect_language, normalise_language
from .read import InputFile, read_bytes, split_documents
from .read import file_sha256 as _sha
from .read_parts import part_documents
from .records import ArticleRow, Extracted, Processed, RawDocument, Rejected, pickled_by_fields, stable_id
from .urls import home_of_another, normalise_url
from .wording import counted


@pickled_by_fields
@dataclass(slots=True)
class FileResult:
    """Everything one input file turned into; ``sha256`` is None when the file could not be read."""

    file: InputFile
    sha256: str | None  # for a part of a file: the file's, on its last part only (then the file is read)
    processed: list[Processed] = field(default_factory=list)
    problem: Rejected | None = None  # the file itself could not be read
    documents: int | None = None  # a file read in parts: all its documents, on the last part


# An HTML page saved under a text name (`curl -o story.txt`, a scraper's dump) starts like one.
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)


def extract(doc: RawDocument, text: str, encoding: str | None) -> Extracted:
    ref = doc.fetched_at or doc.written_at or doc.read_at
    if doc.kind == "text" and not _HTML_START.match(text[:4096]):
        return extract_text(text, locale=doc.locale, tz=doc.timezone, ref=ref)
    if doc.kind == "jsonl":
        return extract_record(text, locale=doc.locale, tz=doc.timezone, ref=ref)
    from .extract_html import extract_html  # imported late: lxml and trafilatura are heavy to load

    return extract_html(
        doc.data, doc.url, http_charset=doc.http_charset, locale=doc.locale, tz=doc.timezone, ref=ref
    )


def apply_hints(doc: RawDocument, ex: Extracted) -> Extracted:
    """Fill what the page did not say from what its feed or sitemap said (marked by its evidence)."""
    h = doc.hints
    if h is None:
        return ex
    if not ex.title and h.title:
        ex.title = h.title
    if not ex.authors and h.author:
        ex.authors = [h.author]
    if not ex.description and h.summary:
        ex.description = h.summary
    if ex.published.utc is None and h.published_text:
        hinted = date_value(
            h.published_text, h.evidence, locale=doc.locale, tz=doc.timezone, ref=doc.fetched_at
        )
        if hinted.utc is not None or ex.published.text is None:
            ex.published = hinted
    # A modification later than the publication only (a feed entry's only date is its publication's; a
    # sitemap's lastmod before the page's own date is no modification of it).
    if ex.modified.text is None and h.modified_text:
        modified = date_value(
            h.modified_text, h.evidence, locale=doc.locale, tz=doc.timezone, ref=doc.fetched_at
        )
        published = ex.published.utc
        if modified.utc is not None and (published is None or modified.utc > published):
            ex.modified = modified
    return ex


def to_article(doc: RawDocument, ex: Extracted, *, detect: bool = True) -> ArticleRow:
    """Clean an extraction into the row that is loaded; ``RejectInput`` if no article text is left.
    ``detect=False`` leaves an undeclared language None, for ``process_documents`` to identify later."""
    ex = apply_hints(doc, ex)
    body = clean_body(ex.body)
    if not body:
        raise RejectInput("clean", "no_body", "nothing but boilerplate was left after cleaning")
    canonical = normalise_url(ex.canonical_url)
    given = normalise_url(ex.url) or normalise_url(doc.url)
    if canonical and home_of_another(canonical, given):
        canonical = None  # a JSON record's canonical_url that is the site's home page
    # A saved page names its own address only as its canonical URL: that is its URL too.
    url = given or canonical
    key_url = canonical or url
    article_id = stable_id("url", key_url) if key_url else stable_id("doc", doc.origin)
    authors = _distinct_authors(name for raw in ex.authors for name in split_names(raw))
    words, body_hash = count_and_hash(body)
    if words < MIN_BODY_WORDS:
        raise RejectInput(
            "clean",
            "too_short",
            f"{counted(words, 'word')} of text: an article has at least {MIN_BODY_WORDS}",
        )
    source = clean_inline(ex.source) or doc.source
    if source is None and key_url:
        source = urlsplit(key_url).hostname
    return ArticleRow(
        article_id=article_id,
        document_id=doc.document_id,
        source=source,
        url=url,
        canonical_url=canonical,
        title=clean_inline(ex.title),
        authors=authors,
        published=ex.published,
        modified=ex.modified,
        language=normalise_language(ex.language) or (detect_language(body) if detect else None),
        body=body,
        word_count=words,
        content_hash=body_hash,
        site_name=clean_inline(ex.site_name),
        section=clean_inline(ex.section),
        tags=[t for t in (clean_inline(t) for t in ex.tags) if t],
        description=clean_inline(ex.description),
        lead_image_url=ex.lead_image_url,
        is_truncated=ex.is_truncated,
        paywalled=ex.paywalled,
    )


def _distinct_authors(names: Iterable[str]) -> list[str]:
    """Each author once, whatever the case: "JANE DOE" in a header and "Jane Doe" in the byline are one
    author (``author_id`` folds case, and a second link row for it broke the whole batch). A spelling in
    mixed case wins over capitals or lower case."""
    by_key: dict[str, str] = {}
    for name in names:
        key = author_key(name)
        kept = by_key.get(key)
        if kept is None or (not is_mixed_case(kept) and is_mixed_case(name)):
            by_key[key] = name
    return list(by_key.values())


def process_document(doc: RawDocument) -> Processed:
    return process_documents([doc])[0]


T = TypeVar("T")


def process_documents(docs: Sequence[RawDocument]) -> list[Processed]:
    """Every document through every step, one step at a time over them all: decode and extract, clean,
    identify the language. The rules and the language model stay in the processor's caches from one
    document to the next: one document at a time through all the steps took about 25 % more CPU per
    text article (language identification alone 0.14 instead of 0.03 ms). What a step is done with is
    let go as the next takes it, so a chunk holds one copy of its texts at a time, not one per step."""
    out: list[Processed | None] = [None] * len(docs)
    extracted: deque[tuple[int, RawDocument, str | None, Extracted]] = deque()
    for i, doc in enumerate(docs):
        got = _extracted(doc)
        if isinstance(got, Processed):
            out[i] = got
        else:
            extracted.append((i, *got))
    while extracted:
        i, doc, encoding, ex = extracted.popleft()
        out[i] = _guarded(doc, encoding, partial(_cleaned, doc, encoding, ex))
    done = [p for p in out if p is not None]
    assert len(done) == len(docs)
    for n, p in enumerate(done):
        a = p.article
        if a is not None and a.language is None:
            found = _guarded(p.document, p.encoding, partial(detect_language, a.body))
            if isinstance(found, Processed):
                done[n] = found
            else:
                a.language = found
    return done


def _extracted(doc: RawDocument) -> tuple[RawDocument, str | None, Extracted] | Processed:
    """The document (of the kind it was read as) decoded and extracted, with its encoding; or rejected,
    with the encoding it was read in when it got that far."""
    if doc.kind == "html":  # extract_html finds the page's charset itself
        page = _guarded(doc, None, partial(extract, doc, "", None))
        return page if isinstance(page, Processed) else (doc, page.encoding, page)
    decoded = _guarded(doc, None, partial(decode_bytes, doc.data, doc.http_charset))
    if isinstance(decoded, Processed):
        return decoded
    text, encoding = decoded
    if doc.kind == "text" and _HTML_START.match(text[:4096]):
        # Read as HTML, so known as HTML: a page saved as .txt was stored as kind 'text', and a query for
        # the HTML documents (their 'meta' evidence, their markup) missed it.
        doc = replace(doc, kind="html")
    got = _guarded(doc, encoding, partial(extract, doc, text, encoding))
    if isinstance(got, Processed):
        return got
    # A page's own charset (its <meta>) is what extract_html read it in.
    return doc, (got.encoding or encoding) if doc.kind == "html" else encoding, got


def _cleaned(doc: RawDocument, encoding: str | None, ex: Extracted) -> Processed:
    return Processed(document=doc, encoding=encoding, article=to_article(doc, ex, detect=False))


def _guarded(doc: RawDocument, encoding: str | None, step: Callable[[], T]) -> T | Processed:
    """``step()``, or the document rejected with why: nothing raises out of the pipeline."""
    try:
        return step()
    except RejectInput as exc:
        return Processed(document=doc, encoding=encoding, rejected=exc.to_record())
    except RecursionError:
        return Processed(
            document=doc,
            encoding=encoding,
            rejected=Rejected("extract", "too_deep", "the input nests too deeply"),
        )
    except Exception as exc:
        # A bug met on one input must cost that input, not the batch: it is quarantined with the error
        # named (the summary lists it under extract/internal_error), as extract_html does for pages.
        return Processed(
            document=doc,
            encoding=encoding,
            rejected=Rejected("extract", "internal_error", f"{type(exc).__name__}: {exc}"),
        )


def process_file(
    f: InputFile,
    read_at: datetime | None = None,
    label: Callable[[RawDocument], RawDocument] | None = None,
) -> FileResult:
    """Read one file (or one part of a large one) and process every document in it. ``label`` adds what
    the run knows about every document (a crawl's ``files`` source: its name, locale and time zone)."""
    return process_files_labelled([f], read_at or datetime.now(UTC), label)[0]


def process_files_labelled(
    files: Sequence[InputFile], read_at: datetime, label: Callable[[RawDocument], RawDocument] | None
) -> list[FileResult]:
    """Files read first, then all their documents processed together (see ``process_documents``)."""
    read = [_read_file(f, read_at, label) for f in files]
    processed = iter(process_documents([d for _, docs in read for d in docs]))
    for result, docs in read:
        result.processed = [next(processed) for _ in docs]
    return [result for result, _ in read]


def _read_file(
    f: InputFile, read_at: datetime, label: Callable[[RawDocument], RawDocument] | None
) -> tuple[FileResult, list[RawDocument]]:
    """The file's result so far (its hash, or why it could not be read) and its documents to process."""
    if f.part is not None:
        try:
            docs = part_documents(f, read_at)
        except RejectInput as exc:
            return FileResult(file=f, sha256=None, problem=exc.to_record()), []
        sha = f.part.file_sha256 if f.part.last else None
        return FileResult(file=f, sha256=sha), [label(d) for d in docs] if label else docs
    try:
        data = read_bytes(f)
    except RejectInput as exc:
        # A corrupt gzip stays corrupt until the file changes: with its hash recorded, the next run skips
        # it as unchanged (like a rejected record in a readable file) instead of rejecting it again: by
        # its size and mtime, or, touched or copied back, by this hash (``load._same_reject``).
        sha = _raw_sha(f.path) if exc.reason == "corrupt_gzip" else None
        return FileResult(file=f, sha256=sha, problem=exc.to_record()), []
    try:
        docs = split_documents(f, data, read_at)
    except Exception as exc:  # a bug of ours met on this file: it costs the file, not the run
        problem = Rejected("read", "internal_error", f"{type(exc).__name__}: {exc}")
        return FileResult(file=f, sha256=None, problem=problem), []
    if not docs:  # an empty JSON lines file is still one input, and it is rejected as empty
        docs = [RawDocument(origin=f.path, kind=f.kind, data=data, path=f.path, read_at=read_at)]
    return FileResult(file=f, sha256=_sha(data)), [label(d) for d in docs] if label else docs


def _raw_sha(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return _sha(fh.read())
    except OSError:
        return None


@dataclass(frozen=True, slots=True)
class ReadHints:
    """What the user told a run about all its inputs (``wirehouse ingest --locale --tz``): the date parser's
    locale (as a crawl source's: it wins over an input's own language) and the time zone of dates without
    an offset."""

    locale: str | None = None
    timezone: str | None = None

    def label(self, doc: RawDocument) -> RawDocument:
        return replace(doc, locale=self.locale or doc.locale, timezone=self.timezone or doc.timezone)


def check_hints(locale: str | None, timezone: str | None) -> None:
    """``UserError`` for a locale or time zone the date parser would not know (it would quietly ignore it)."""
    from .dates_cli import check_tz
    from .locales import check_locale

    check_locale(locale)
    check_tz(timezone)


def process_files(files: list[InputFile], hints: ReadHints | None = None) -> list[FileResult]:
    """A chunk of files, processed in order: the unit of work one worker process receives."""
    label = hints.label if hints is not None and (hints.locale or hints.timezone) else None
    return process_files_labelled(files, datetime.now(UTC), label)
