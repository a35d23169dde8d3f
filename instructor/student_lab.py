"""The student's work folder, and JupyterLab opened as a student or as the instructor.

`make lab` releases the course, then runs `python -m instructor lab`, which fills work/ from
release/ and opens JupyterLab on work/. `make lab-instructor` runs `python -m instructor lab
--instructor`: JupyterLab on the whole course folder, with nbgrader's instructor tools.

work/<assignment>/ is the student's copy of release/<assignment>/ (the notebook and the files
beside it). No command writes over a file the student changed there: a missing file is copied, a
copy the student never changed follows the release when the release changes, and a changed copy
is kept while the lab says that a newer release exists and how to take it. What the lab copied is
recorded in work/.written.json (instructor.hand_edits). work/ is git-ignored, and `make release`,
`demo`, `bundle` and `clean` never touch it.

The student's JupyterLab reads the configuration in instructor/student_jupyter/ (its README says
what each file turns off), added through JUPYTER_CONFIG_PATH: above the virtual environment's
configuration, below a person's own ~/.jupyter. The instructor's JupyterLab runs without it.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from instructor import course, hand_edits
from instructor.files import write_atomically

WORK = course.ROOT / "work"
STUDENT_JUPYTER = Path(__file__).resolve().parent / "student_jupyter"


@dataclass
class Filled:
    """What filling a work folder did, as paths relative to it."""
    work: Path
    copied: list[str] = field(default_factory=list)  # missing files, copied from release/
    updated: list[str] = field(default_factory=list)  # copies the student never changed, brought to the new release
    kept: list[str] = field(default_factory=list)  # changed by the student while the release changed: left as they are
    unreleased: list[str] = field(default_factory=list)  # assignments with no release notebook yet

    def summary(self) -> str:
        work = self.work
        lines = []
        if self.copied:
            lines += [f"copied into {work}/ (they were missing there):", *(f"  {name}" for name in self.copied)]
        if self.updated:
            lines += ["brought up to date with the release (you had not changed them):",
                      *(f"  {name}" for name in self.updated)]
        for name in self.kept:
            lines.append(f"{work / name}: the release has a newer version; your copy is kept as it is. To start "
                         "from the new version, rename your copy and run `make lab` again.")
        if self.unreleased:
            lines.append("not released yet (run `make release`): " + ", ".join(self.unreleased))
        return "\n".join(lines) or f"{work}/ is up to date with the release."


class WorkFolderError(RuntimeError):
    """The work folder cannot be filled; the message says what to run."""


def fill_work_folder(release: Path | None = None, work: Path | None = None) -> Filled:
    """Copy into `work` what it lacks of `release`, for every assignment; never write over a file
    that was changed after it was copied."""
    release, work = release or course.RELEASE, work or WORK
    assignments = course.assignments()
    if not any((release / a / f"{a}.ipynb").is_file() for a in assignments):
        raise WorkFolderError(f"{release}/ holds no assignment: run `make lab` (it releases first) "
                              "or `make release`.")
    filled, record = Filled(work), hand_edits.read_record(work)
    for assignment in assignments:
        if not (release / assignment / f"{assignment}.ipynb").is_file():
            filled.unreleased.append(assignment)
            continue
        for name, data in hand_edits.files(release, assignment).items():
            target, new, copied_from = work / name, hand_edits.digest(data), record.get(name)
            mine = hand_edits.digest(target.read_bytes()) if target.exists() else None
            if mine is None:
                write_atomically(target, data)
                filled.copied.append(name)
            elif mine == copied_from and mine != new:  # unchanged since copied; the release moved on
                write_atomically(target, data)
                filled.updated.append(name)
            elif mine != new:  # changed by the student: never written over
                if copied_from is not None and new != copied_from:
                    filled.kept.append(name)
                continue  # the record keeps the release their copy came from
            record[name] = new
    hand_edits.write_record(work, record)
    return filled


def lab_command(instructor: bool) -> tuple[list[str], dict[str, str], Path]:
    """(argv, environment, folder) of the JupyterLab for the instructor or for a student."""
    folder = course.ROOT if instructor else WORK
    argv = [str(Path(sys.executable).parent / "jupyter"), "lab", f"--ServerApp.root_dir={folder}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")  # in containers, where everyone is root
    env = dict(os.environ)
    if not instructor:
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
            [str(STUDENT_JUPYTER), *filter(None, [os.environ.get("JUPYTER_CONFIG_PATH")])])
    return argv, env, folder


def run(instructor: bool = False) -> int:
    """`python -m instructor lab [--instructor]`: fill work/ (for a student), then become JupyterLab."""
    if not instructor:
        try:
            print(fill_work_folder().summary(), flush=True)
        except WorkFolderError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    argv, env, folder = lab_command(instructor)
    # nbgrader's Validate button (and the formgrader) read nbgrader_config.py from the folder the
    # server runs in: the course's for the instructor, none in work/ (the student's comes from
    # instructor/student_jupyter/).
    os.chdir(folder)
    sys.stdout.flush()
    os.execve(argv[0], argv, env)
