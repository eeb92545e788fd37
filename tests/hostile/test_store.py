"""A store that cannot be written or read as it should: one line naming the file and what to do.

Issue #16 item 9: a read-only store, a full disk and a damaged page gave Python
tracebacks, and a damaged store still answered ``docs`` and ``search`` with part
of its data.  Each case here checks the message (one line, the file, the advice),
that no traceback is printed, and that the store stays whole.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from detente.errors import StoreError
from detente.store import Store

from ..conftest import make_extraction

CLI = "from detente.cli import main; main()"
# the CLI with SQLite's size limit set on every connection it opens: a disk that fills up now
FULL_CLI = ("import detente.store.dialect as d\n"
            "connect = d.SQLiteDialect.connect\n"
            "def limited(self):\n"
            "    conn = connect(self)\n"
            "    pages = conn.execute('PRAGMA page_count').fetchone()[0]\n"
            "    conn.execute(f'PRAGMA max_page_count = {max(pages, 2)}')\n"
            "    return conn\n"
            "d.SQLiteDialect.connect = limited\n" + CLI)


def run(db: str, *args: str, code: str = CLI) -> subprocess.CompletedProcess[str]:
    # a wide "terminal": the console does not fold the one line at 80 columns
    env = {**os.environ, "COLUMNS": "1000"}
    return subprocess.run([sys.executable, "-c", code, "--db", db, "-q", *args], capture_output=True, text=True,
                          timeout=300, check=False, env=env)


def one_line_error(r: subprocess.CompletedProcess[str], path: str, advice: str) -> None:
    assert r.returncode != 0, r.stdout
    assert "Traceback" not in r.stderr, r.stderr
    lines = [x for x in r.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, r.stderr
    assert path in lines[0] and advice in lines[0], lines[0]


def filled(path: Path, n: int = 3) -> Path:
    with Store(path) as s:
        for i in range(n):
            s.add(make_extraction(f"d{i}", text=f"China and North Korea signed treaty number {i} on Monday."),
                  content_hash=f"h{i}")
    return path


def documents(path: Path) -> list[str]:
    with Store(path) as s:
        return [d.id for d in s.documents()]


def test_full_disk_rolls_back_with_one_line(tmp_path: Path) -> None:
    db = filled(tmp_path / "s.db")
    with Store(db) as s:
        s.db.execute(f"PRAGMA max_page_count = {s.db.execute('PRAGMA page_count').fetchone()[0]}")
        big = make_extraction("big", text="China and North Korea signed a treaty. " * 20_000)
        with pytest.raises(StoreError) as err:
            s.add(big, content_hash="hbig")
        assert str(db) in str(err.value) and "disk is full" in str(err.value)
        assert "Traceback" not in str(err.value) and "\n" not in str(err.value)
        assert not s.has_document("big")
    assert documents(db) == ["d0", "d1", "d2"]  # the store is whole
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_full_disk_from_the_cli(tmp_path: Path) -> None:
    db = filled(tmp_path / "s.db")
    article = tmp_path / "a.txt"
    article.write_text("China and North Korea held talks in Beijing on Monday. " * 400, "utf-8")
    r = run(str(db), "ingest", str(article), code=FULL_CLI)
    one_line_error(r, str(db), "disk is full")
    assert documents(db) == ["d0", "d1", "d2"]


def test_read_only_store_from_the_cli(tmp_path: Path) -> None:
    # a read-only open (SQLite's mode=ro URI) refuses writes whoever runs the test, root included
    db = filled(tmp_path / "s.db")
    uri = f"file:{db}?mode=ro"
    article = tmp_path / "a.txt"
    article.write_text("China and North Korea held talks in Beijing on Monday.", "utf-8")
    one_line_error(run(uri, "ingest", str(article)), str(db), "writable")
    r = run(uri, "docs")  # reading a read-only store still works
    assert r.returncode == 0 and "d1" in r.stdout, r.stderr
    assert documents(db) == ["d0", "d1", "d2"]


@pytest.mark.skipif(os.geteuid() == 0, reason="as root, chmod does not stop writes (covered by the mode=ro test)")
def test_read_only_file_from_the_cli(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = filled(folder / "s.db")
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        one_line_error(run(str(db), "delete", "--yes", "d1"), str(db), "writable")
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)
    assert documents(db) == ["d0", "d1", "d2"]


def damaged(tmp_path: Path, table: str) -> tuple[Path, Path]:
    """A store, and a copy of it whose ``table`` has its first page overwritten."""
    good = filled(tmp_path / "good.db", n=6)
    bad = tmp_path / "bad.db"
    shutil.copy(good, bad)
    conn = sqlite3.connect(good)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    with bad.open("r+b") as f:
        f.seek((root - 1) * size)
        f.write(b"\xa5" * size)
    return good, bad


@pytest.mark.parametrize("table", ["documents", "events", "documents_fts_data"])
def test_damaged_store_never_answers_in_part(tmp_path: Path, table: str) -> None:
    # whether or not the listing reads the damaged page, the answer is one line, never a partial list
    good, bad = damaged(tmp_path, table)
    for args in (("docs",), ("search", "treaty")):
        one_line_error(run(str(bad), *args), str(bad), "detente")
        assert "damaged" in run(str(bad), *args).stderr
    r = run(str(good), "docs")
    assert r.returncode == 0 and "d5" in r.stdout  # the original is untouched


def test_check_command(tmp_path: Path) -> None:
    good, bad = damaged(tmp_path, "events")
    r = run(str(good), "check")
    assert r.returncode == 0 and "ok" in r.stdout, r.stderr
    r = run(str(bad), "check")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert str(bad) in r.stderr and "damaged" in r.stderr


def test_damaged_store_opened_by_the_library(tmp_path: Path) -> None:
    _, bad = damaged(tmp_path, "events")
    with pytest.raises(StoreError, match="damaged"):
        Store(bad)
    with Store(bad, verify=False) as s:  # what `detente check` opens, to report the problems
        problems = s.check()
    assert problems and all("\n" not in p for p in problems)
