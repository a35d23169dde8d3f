"""What nbgrader_config.py changes in nbgrader itself, beyond settings nbgrader offers.

Two things that nbgrader does not let a configuration file choose, set here once, in the
process that loaded the configuration:

- `nbgrader validate` runs a fixed list of steps that executes student code in a plain kernel;
  it is given the course's validate pipeline (sandboxed, judged by the grader).
- `nbgrader autograde` skips a submission whose autograded folder exists, even when an earlier
  run was killed before it wrote the graded notebook; such a folder is now graded again.
"""

from __future__ import annotations

import os

import nbformat
from nbgrader.converters import Autograde
from nbgrader.utils import rmtree
from nbgrader.validator import Validator

from instructor import pipeline

_original_init_destination = Autograde.init_destination


def _complete(dest: str, notebooks: list[str]) -> bool:
    """True when every graded notebook of a submission was written out whole."""
    for source in notebooks:
        path = os.path.join(dest, os.path.basename(source))
        try:
            nbformat.read(path, as_version=4)
        except Exception:
            return False
    return True


def init_destination(self, assignment_id: str, student_id: str) -> bool:
    dest = os.path.normpath(self._format_dest(assignment_id, student_id))
    if self.coursedir.notebook_id == "*" and os.path.isdir(dest) and not _complete(dest, self.notebooks):
        self.log.warning("%s was left incomplete by an earlier run: grading it again", dest)
        rmtree(dest)
    return _original_init_destination(self, assignment_id, student_id)


def install() -> None:
    Validator.class_traits()["preprocessors"].default_value = list(pipeline.VALIDATE)
    Autograde.init_destination = init_destination
