"""``wirehouse parse-date``: the date parser from the command line, one JSON object per input string.

A thin layer over :func:`flows.dates.parse_date`: arguments are checked here (a bad ``--tz`` or ``--ref``
is exit 2 with one line on stderr); a string that does not parse is not an error of the command, its
JSON carries the reason.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import TextIO
from zoneinfo import available_timezones

from flows.dates import ParsedDate, parse_date
from flows.errors import UserError
from flows.locales import check_locale

FIELDS = ("input", "utc", "offset_minutes", "precision", "method", "error")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``parse-date`` to the main CLI's subcommands."""
    parser = subparsers.add_parser(
        "parse-date",
        help="parse date strings as Wirehouse reads them and print JSON",
        description="Parse date strings (or TAB-separated lines string<TAB>locale<TAB>ref from stdin) "
        "and print one JSON object per input, in order.",
    )
    parser.add_argument("strings", nargs="*", metavar="STRING", help="date strings to parse (one or more)")
    parser.add_argument(
        "--stdin", action="store_true", help="read string<TAB>locale<TAB>ref lines from stdin"
    )
    parser.add_argument(
        "--locale",
        help="source locale: language and optional region, e.g. en_GB, ru, az-AZ (default: none; month "
        "names of every language, and an ambiguous 03/04/2022 is an error)",
    )
    parser.add_argument(
        "--tz",
        help="source default timezone for times written without one (IANA name, e.g. Europe/Berlin; default: UTC)",
    )
    parser.add_argument(
        "--ref",
        help="reference time (ISO 8601; UTC when it names no offset): when the document was fetched or read "
        "(default: none; relative dates such as '3 hours ago' are then an error, and the future is judged "
        "against the clock)",
    )
    parser.add_argument("--allow-future", action="store_true", help="accept dates after the reference time")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Exit code: 0 when every input was processed (parsed or not), 2 for bad arguments."""
    out = stdout or sys.stdout
    try:
        if args.stdin == bool(args.strings):
            raise UserError(
                "give date strings or --stdin, not both" if args.stdin else "give a date string or --stdin"
            )
        check_tz(args.tz)
        check_locale(args.locale)
        ref = parse_ref(args.ref)
    except UserError as exc:
        print(f"wirehouse: error: {exc}", file=sys.stderr)
        return exc.exit_code
    allow_future = bool(getattr(args, "allow_future", False))
    if not args.stdin:
        for text in args.strings:
            result = parse_date(text, locale=args.locale, tz=args.tz, ref=ref, allow_future=allow_future)
            print(to_json(result), file=out)
        return 0
    for line in stdin or sys.stdin:
        fields = line.rstrip("\r\n").split("\t")
        text = fields[0]
        locale = (fields[1] if len(fields) > 1 else "") or args.locale
        try:
            check_locale(locale)
            line_ref = parse_ref(fields[2]) if len(fields) > 2 and fields[2] else ref
        except UserError as exc:
            print(to_json(ParsedDate(text, None, None, None, None, str(exc))), file=out)
            continue
        result = parse_date(text, locale=locale, tz=args.tz, ref=line_ref, allow_future=allow_future)
        print(to_json(result), file=out)
    return 0


def check_tz(tz: str | None) -> None:
    if tz and tz not in available_timezones():
        raise UserError(f"unknown timezone {tz!r} (use an IANA name such as Europe/Berlin)")


def parse_ref(raw: str | None) -> datetime | None:
    """An ISO 8601 reference time; without an offset it is taken as UTC."""
    if not raw:
        return None
    try:
        ref = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise UserError(f"bad reference time {raw!r} (use ISO 8601, e.g. 2022-10-12T14:23:00Z)") from None
    return ref if ref.tzinfo is not None else ref.replace(tzinfo=UTC)


def to_json(result: ParsedDate) -> str:
    utc = result.utc.strftime("%Y-%m-%dT%H:%M:%SZ") if result.utc is not None else None
    values = (result.input, utc, result.offset_minutes, result.precision, result.method, result.error)
    return json.dumps(dict(zip(FIELDS, values, strict=True)), ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wirehouse")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    handler = args.handler
    return int(handler(args))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] if sys.argv[1:2] == ["parse-date"] else ["parse-date", *sys.argv[1:]]))
