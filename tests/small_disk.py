"""A small real filesystem for the disk-full tests, and ways to fill it (helpers, not tests).

`small_filesystem` mounts a tmpfs of a few megabytes (root, or CAP_SYS_ADMIN), else a
loop-mounted ext4 image (the same privilege plus a loop device), else, where /dev/shm is a
small tmpfs (a container's, 64 MB by default), a folder on it that the test may fill; it
yields None where none of these is possible (a container without privileges and with a large
/dev/shm), and the tests that need a full filesystem skip. Where it is None, the write paths
are still tested against a file-size limit (`RLIMIT_FSIZE`, which any process may lower for
itself or its children): RocksDB then fails with EFBIG ("File too large") where a full disk
gives ENOSPC, and the store treats both the same.

`CEPA_KG_TEST_FILESYSTEMS` (default "tmpfs,ext4,shm") names the kinds to try, in order.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

#: Largest /dev/shm this helper fills (its space is memory shared by the whole machine).
SHM_LIMIT = 256 * 1024 * 1024


def _run(*args: str) -> bool:
    try:
        return subprocess.run(args, capture_output=True, timeout=60, check=False).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _unmount(folder: Path) -> None:
    if not _run("umount", str(folder)):
        _run("umount", "-l", str(folder))


@contextmanager
def small_filesystem(folder: Path, size_mb: int) -> Iterator[Path | None]:
    """A filesystem of about `size_mb` MB at (or under) `folder`, gone on exit; None where
    this machine allows none (see the module's docstring)."""
    folder.mkdir(parents=True, exist_ok=True)
    kinds = os.environ.get("CEPA_KG_TEST_FILESYSTEMS", "tmpfs,ext4,shm").split(",")
    if "tmpfs" in kinds and _run("mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(folder)):
        try:
            yield folder
        finally:
            _unmount(folder)
        return
    image = folder.with_name(folder.name + ".ext4")
    if "ext4" in kinds and (_run("truncate", "-s", f"{size_mb}M", str(image))
            and _run("mkfs.ext4", "-q", "-F", "-m", "0", str(image))
            and _run("mount", "-o", "loop", str(image), str(folder))):
        try:
            yield folder
        finally:
            _unmount(folder)
            image.unlink(missing_ok=True)
        return
    image.unlink(missing_ok=True)
    shm = Path("/dev/shm")
    if "shm" not in kinds:
        yield None
        return
    try:
        stats = os.statvfs(shm)
    except OSError:
        yield None
        return
    if stats.f_blocks * stats.f_frsize > SHM_LIMIT or \
            stats.f_bavail * stats.f_frsize < size_mb * 1024 * 1024:
        yield None
        return
    place = shm / f"cepa-kg-test-{os.getpid()}-{folder.name}"
    place.mkdir()
    try:
        yield place
    finally:
        shutil.rmtree(place, ignore_errors=True)


def free_bytes(folder: Path) -> int:
    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize


def fill(folder: Path, leave: int = 0) -> Path:
    """Take the filesystem's free space but `leave` bytes with a file in `folder` (its
    path: delete it to free the space)."""
    filler = folder / "filler"
    with open(filler, "ab") as out:
        chunk = b"\0" * (1024 * 1024)
        while (room := free_bytes(folder) - leave) > 0:
            try:
                out.write(chunk[:min(room, len(chunk))])
                out.flush()
            except OSError:
                break
    return filler


def file_size_limit(limit: int) -> Callable[[], None]:
    """A `preexec_fn` that lets the child write no file past `limit` bytes (EFBIG after:
    Python ignores SIGXFSZ, which would otherwise end the process)."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply
