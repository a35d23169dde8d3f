"""What a command wrote into a folder, so that a file a person changed there is never lost.

Two folders are written by commands and may then be changed by hand: release/ (written by
`python -m instructor release`; an instructor may fix a notebook there) and work/ (filled from
release/ by `python -m instructor lab`; the student answers there). Each holds a record,
`.written.json`, of the SHA-256 of every file the command wrote. A file whose content does not
match its record was changed, or put there, by a person: before a command replaces or removes it,
a copy goes to a timestamped backup folder, and the command says where.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from instructor import course
from instructor.files import write_atomically

RECORD = ".written.json"
SKIPPED_FOLDERS = {"__pycache__", ".ipynb_checkpoints"}
RELEASE_BACKUPS = course.ROOT / "release-backups"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def files(root: Path, under: str = "") -> dict[str, bytes]:
    """Path relative to `root` (posix) -> content, for every file in root/under except the record
    and Python's and Jupyter's caches."""
    folder = root / under
    if not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and path.name != RECORD and not SKIPPED_FOLDERS & set(relative.parts):
            found[relative.as_posix()] = path.read_bytes()
    return found


def read_record(root: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of what a command last wrote there; empty when nothing is recorded."""
    try:
        return json.loads((root / RECORD).read_text())
    except (FileNotFoundError, ValueError):
        return {}


def write_record(root: Path, record: dict[str, str]) -> None:
    write_atomically(root / RECORD, (json.dumps(dict(sorted(record.items())), indent=1) + "\n").encode())


def changed_by_hand(current: dict[str, bytes], record: dict[str, str]) -> dict[str, bytes]:
    """The files of `current` whose content is not what the record says a command wrote."""
    return {name: data for name, data in current.items() if record.get(name) != digest(data)}


def keep(originals: dict[str, bytes], backups: Path) -> Path:
    """Write `originals` (relative path -> content) into backups/<date>-<time>/ and return that
    folder; a second backup in the same second goes there too unless a name is taken (then -2...)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folder, n = backups / stamp, 1
    while any((folder / name).exists() for name in originals):
        n += 1
        folder = backups / f"{stamp}-{n}"
    for name, data in originals.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder


def say_kept(folder: Path, names: list[str], why: str) -> None:
    print(f"{why}; a copy of each is kept in {folder}/:", file=sys.stderr)
    for name in names:
        print(f"  {name}", file=sys.stderr)


@contextmanager
def rewriting(root: Path, under: str, backups: Path, what: str):
    """Around a command that rewrites root/under from scratch (as nbgrader's forced release does);
    `what` names it in the message, e.g. "releasing a1_numpy_basics".

    Before it: the files there that were changed by hand are copied to a backup folder. After it,
    even when it failed: a copy whose file came out with the same content is dropped (nothing was
    lost), the others are named on stderr, and what the command wrote is recorded.
    """
    record = read_record(root)
    edited = changed_by_hand(files(root, under), record)
    folder = keep(edited, backups) if edited else None
    try:
        yield
    finally:
        written = files(root, under)
        lost = sorted(name for name, data in edited.items() if written.get(name) != data)
        if folder is not None:
            for name in set(edited) - set(lost):
                (folder / name).unlink()
            for path in [*sorted(folder.rglob("*"), reverse=True), folder, backups]:
                if path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
            if lost:
                say_kept(folder, lost, f"{what} replaced or removed files changed by hand")
        prefix = f"{under}/" if under else ""
        record = {name: h for name, h in record.items() if not name.startswith(prefix)}
        record.update((name, digest(data)) for name, data in written.items())
        write_record(root, record)


def keep_release_edits(release: Path | None = None, backups: Path | None = None) -> Path | None:
    """Back up every file of release/ that a person changed since the release wrote it; the backup
    folder, or None when there was nothing to keep. `make clean` runs this before removing release/."""
    release, backups = release or course.RELEASE, backups or RELEASE_BACKUPS
    edited = changed_by_hand(files(release), read_record(release))
    if not edited:
        return None
    folder = keep(edited, backups)
    say_kept(folder, sorted(edited), "release/ holds files changed by hand (or not written by `make release`)")
    return folder


if __name__ == "__main__":
    keep_release_edits()
