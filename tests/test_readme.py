"""The README's SQL examples run against a freshly ingested warehouse, and its commands exist."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT

from flows.cli import build_parser
from flows.ingest import run_plain

README = (ROOT / "README.md").read_text(encoding="utf-8")
SQL_BLOCKS = re.findall(r"```sql\n(.*?)```", README, flags=re.S)


def test_readme_has_sql_examples() -> None:
    assert len(SQL_BLOCKS) >= 4


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    db = folder / "news.duckdb"
    run_plain([str(folder / "seeds")], db, workers=1)
    return db


@pytest.mark.parametrize("sql", SQL_BLOCKS, ids=[f"block{i}" for i in range(len(SQL_BLOCKS))])
def test_readme_sql_runs(seeded: Path, sql: str) -> None:
    con = duckdb.connect(str(seeded), read_only=True)
    try:
        rows = con.execute(sql).fetchall()
    finally:
        con.close()
    assert rows, "every example returns something on the seeds"


def test_readme_commands_exist() -> None:
    documented = set(re.findall(r"^wirehouse ([a-z-]+)", README, flags=re.M))
    parser = build_parser()
    actions = [a for a in parser._subparsers._actions if a.choices] if parser._subparsers else []
    available = set(actions[0].choices) if actions else set()
    assert documented <= available, f"README documents commands that do not exist: {documented - available}"


def test_two_commands_and_ci() -> None:
    assert "make run" in README and "make test" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_readme_exit_codes_are_the_ones_help_lists() -> None:
    from flows.cli import EPILOG

    readme = README[README.index("Exit codes:") : README.index("An interrupted or terminated run")]
    epilog = " ".join(EPILOG[EPILOG.index("exit codes:") :].split())
    assert re.findall(r"`(\d+)`", readme) == re.findall(r"(?:: |, )(\d+) ", epilog)
    assert re.findall(r"`(\d+)`", readme) == ["0", "1", "2", "3", "4", "130", "143", "141"]


def test_benchmark_scripts_in_the_docs_are_run_with_the_venv_python() -> None:
    """The scripts are not executable; a command line starting with benchmarks/... does not run."""
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        bare = re.findall(r"(?m)(?:^|`)[ \t]*(benchmarks/\w+\.py)", text)
        assert not bare, f"{doc.name}: run {bare} as .venv/bin/python benchmarks/..."


def test_every_phony_make_target_has_a_rule() -> None:
    # A review: `make bench` was listed as phony with no rule: it did nothing and succeeded.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    (phony,) = re.findall(r"^\.PHONY:(.*)$", makefile, flags=re.M)
    rules = set(re.findall(r"^([a-z]+):", makefile, flags=re.M))
    assert set(phony.split()) <= rules
    if shutil.which("make"):
        # Not as a sub-make of `make test`: that one prints "make[1]: Leaving directory ..." last.
        env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
        dry = subprocess.run(
            ["make", "--no-print-directory", "-n", "bench"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert "$(BIN)/wirehouse bench" in makefile
        assert dry.stdout.splitlines()[-1] == ".venv/bin/wirehouse bench"  # after setting up .venv if due
    assert "make bench" in README
