"""Telling a full disk from the store's other failures.

RocksDB reports a write that found no room as an OSError without an errno, its message the C
library's: "IO error: No space left on device: While appending to file: .../000008.log: No
space left on device". A disk quota or a file-size limit (`ulimit -f`, FAT32's 4 GB) stops
the store the same way: it cannot grow. The store maps all three to `StorageFullError`."""

from __future__ import annotations

import errno
import os

#: errno -> how the error says it (lower case, for messages).
REASONS: dict[int, str] = {
    errno.ENOSPC: "no space left on device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "file too large",
}
#: reason -> what the operator does about it.
REMEDIES: dict[str, str] = {
    REASONS[errno.ENOSPC]: "free space",
    REASONS[errno.EDQUOT]: "free space or raise the quota",
    REASONS[errno.EFBIG]: "raise the file-size limit (ulimit -f)",
}


def full_reason(error: BaseException) -> str | None:
    """Why the store could not grow ("no space left on device", ...), if that is what
    `error` says; None for any other error."""
    if isinstance(error, OSError) and error.errno in REASONS:
        return REASONS[error.errno]
    if not isinstance(error, OSError):
        return None
    text = str(error).lower()
    for code, reason in REASONS.items():
        if os.strerror(code).lower() in text:
            return reason
    return None
