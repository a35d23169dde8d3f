"""Writing a file so that nobody ever reads half of it."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(target: Path, data: bytes) -> None:
    """Write `data` beside `target` first, then move it into place: a reader (or a run killed
    midway) sees the old file or the new one, never a part of it. Missing folders are created."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
