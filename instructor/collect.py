"""File the notebooks of a zip archive under submitted/<student>/<assignment>/.

Two layouts are understood, per notebook in the archive:
- nbgrader's zip-collect naming (the names learning platforms give downloads), matched with
  nbgrader's own FileNameCollectorPlugin and this regular expression:
  `<anything>_<student>_attempt_<timestamp>_<assignment>.ipynb`;
- one folder per student: `<student>/<assignment>.ipynb` or `<student>/<assignment>/<assignment>.ipynb`
  (below any number of enclosing folders).

A notebook that is not valid JSON, is not a notebook, or belongs to no known assignment is skipped
and reported by name. A submission already in submitted/ is never lost: when a different one
arrives for the same student and assignment, the old one is first copied to collect-backups/.
"""

from __future__ import annotations

import json
import logging
import re
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import nbformat
from nbgrader.plugins.zipcollect import FileNameCollectorPlugin

from instructor import course
from instructor.files import write_atomically

ZIP_COLLECT_REGEXP = r".*_(?P<student_id>\w+)_attempt_(?P<timestamp>[0-9\-]+)_(?P<file_id>\w+)"
BACKUPS = course.ROOT / "collect-backups"
MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# nbgrader's parser of zip-collect names; it logs a warning for every name it does not match,
# which here only means "try the folder layout", so its log is kept quiet.
_quiet = logging.getLogger("instructor.collect.naming")
_quiet.setLevel(logging.ERROR)
_NAMING = FileNameCollectorPlugin(named_regexp=ZIP_COLLECT_REGEXP, log=_quiet)


class CollectError(RuntimeError):
    """The archive itself cannot be read; the message names it and the fix."""


@dataclass(frozen=True)
class Filed:
    name: str  # the notebook's name in the archive
    student: str
    assignment: str
    note: str  # "new", "unchanged" or where the replaced submission was kept


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str


def _identify(name: str, assignments: list[str]) -> tuple[str, str, str | None] | str:
    """(student, assignment, timestamp) for an archive member, or the reason it has none."""
    path = PurePosixPath(name)
    matched = _NAMING.collect(path.name)
    if matched:
        student, assignment, stamp = matched["student_id"], matched["file_id"], matched.get("timestamp")
    else:
        parts = path.parts
        found = [i for i, part in enumerate(parts) if PurePosixPath(part).stem in assignments]
        if not found or found[0] == 0:
            return ("its name follows neither <student>/<assignment>.ipynb nor "
                    "<...>_<student>_attempt_<timestamp>_<assignment>.ipynb")
        assignment, student, stamp = PurePosixPath(parts[found[0]]).stem, parts[found[0] - 1], None
    if assignment not in assignments:
        return f"it belongs to no known assignment ({assignment!r}; known: {', '.join(assignments)})"
    if not _SAFE_ID.match(student):
        return f"{student!r} cannot be used as a student id (letters, digits, '_', '-', '.')"
    return student, assignment, stamp


def _read_notebook(data: bytes) -> nbformat.NotebookNode | str:
    """The notebook in `data`, or the reason it is not one."""
    try:
        content = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return f"it is not valid JSON ({exc})"
    try:
        nb = nbformat.from_dict(content)
        nbformat.validate(nb)
    except Exception as exc:
        return f"it is JSON but not a Jupyter notebook ({str(exc).splitlines()[0]})"
    return nb


def _file(data: bytes, student: str, assignment: str, stamp: str | None, submitted: Path,
          backups: Path) -> str:
    target = submitted / student / assignment / f"{assignment}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    note = "new"
    if target.exists():
        if target.read_bytes() == data:
            return "unchanged"
        kept = backups / time.strftime("%Y%m%d-%H%M%S") / student / assignment / target.name
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_bytes(target.read_bytes())
        note = f"replaced; the earlier one is kept in {kept}"
    write_atomically(target, data)
    if stamp:
        (target.parent / "timestamp.txt").write_text(stamp + "\n")
    return note


def collect_zip(archive: Path, submitted: Path | None = None, backups: Path | None = None):
    """File every notebook of `archive`; returns (filed, skipped)."""
    submitted = submitted or course.SUBMITTED
    backups = backups or BACKUPS
    assignments = course.assignments()
    if not archive.is_file():
        raise CollectError(f"{archive} does not exist: give the path of the zip, make collect ZIP=path/to/file.zip")
    try:
        bundle = zipfile.ZipFile(archive)
    except zipfile.BadZipFile as exc:
        raise CollectError(f"{archive} is not a zip archive ({exc})") from exc
    filed, skipped = [], []
    with bundle:
        for member in bundle.infolist():
            name = member.filename
            if member.is_dir() or not name.endswith(".ipynb") or "__MACOSX" in name \
                    or ".ipynb_checkpoints" in name:
                continue
            if member.file_size > MAX_NOTEBOOK_BYTES:
                skipped.append(Skipped(name, f"it is larger than {MAX_NOTEBOOK_BYTES >> 20} MB"))
                continue
            who = _identify(name, assignments)
            if isinstance(who, str):
                skipped.append(Skipped(name, who))
                continue
            data = bundle.read(member)
            nb = _read_notebook(data)
            if isinstance(nb, str):
                skipped.append(Skipped(name, nb))
                continue
            student, assignment, stamp = who
            note = _file(data, student, assignment, stamp, submitted, backups)
            filed.append(Filed(name, student, assignment, note))
    return filed, skipped


def summary(filed: list[Filed], skipped: list[Skipped]) -> str:
    lines = [f"filed {len(filed)} notebook(s) under {course.SUBMITTED}"]
    lines += [f"  {f.student} / {f.assignment}  <- {f.name} ({f.note})" for f in filed]
    if skipped:
        lines.append(f"skipped {len(skipped)} file(s):")
        lines += [f"  {s.name}: {s.reason}" for s in skipped]
    return "\n".join(lines)
