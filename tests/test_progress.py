"""Progress on long loads: a bar in a terminal (a pseudo-terminal here), plain lines in logs,
nothing with --quiet; through the real command line."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

ARCHIVE = Path(__file__).parent / "data" / "archive"
FILES = sorted(str(p) for p in (ARCHIVE / "project").glob("*.txt"))[:8]


def load(*extra: str, store: Path, terminal: bool = False) -> str:
    """What `cepa-kg load` writes on stderr."""
    args = [sys.executable, "-m", "cepa_kg.cli", "load", "--store", str(store), *extra, *FILES]
    if not terminal:
        return subprocess.run(args, capture_output=True, text=True, timeout=300).stderr
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 100 columns
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=child, close_fds=True)
    os.close(child)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 120)
        if not ready:
            break
        try:
            data = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=120)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_gets_a_bar_with_counts_rate_and_time_left(tmp_path: Path) -> None:
    out = load(store=tmp_path / "store", terminal=True)
    assert f"{len(FILES)}/{len(FILES)}" in out and "documents/s" in out, out
    assert "\r" in out and "%|" in out  # redrawn in place: tqdm's bar
    assert "cepa-kg: load " not in out  # no plain lines in a terminal


def test_a_log_gets_plain_lines_and_the_last_one_at_the_end(tmp_path: Path) -> None:
    out = load(store=tmp_path / "store")
    lines = [line for line in out.splitlines() if line.startswith("cepa-kg: load ")]
    assert lines and lines[-1].startswith(f"cepa-kg: load {len(FILES)}/{len(FILES)} (100%)")
    assert "\r" not in out and "documents/s" in lines[-1]


def test_quiet_silences_both(tmp_path: Path) -> None:
    out = load("--quiet", store=tmp_path / "store")
    assert "cepa-kg: load " not in out and "documents/s" not in out
    out = load("--quiet", "--force", store=tmp_path / "store", terminal=True)
    assert "%|" not in out and "documents/s" not in out
