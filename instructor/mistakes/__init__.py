"""Typical wrong answers, one module per assignment.

Each `WrongVersion` is the code a student might paste into a graded cell, with the fragment of
the hint the checks must show for it. The test suite runs every one through the public and hidden
checks; the demo's "mistakes" sample student submits the first wrong version of each function
listed in the module's `IN_SAMPLE`. When a later graded function calls one of those (a model that
calls the student's own optimiser, say), its test fails too: such functions are listed in the
module's optional `ALSO_LOSES`, and the expected partial score leaves out the points of both.
`ISOLATED_FUNCTION` names a graded function that no other calls: the demo's "crashes" and
"hangs" students sabotage it, and must lose its points and nothing else.

A module may also list `PRINTING_SLIPS`: answers whose returned values are right but whose
printing is not (a missing cost line, an extra one, another number format). They keep their
points; the checks pass with a note, and the test suite checks that the note names the slip.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class WrongVersion:
    function: str  # the graded function, also the grade_id of its solution cell
    mistake: str  # what is wrong, in a few words
    source: str  # the whole cell a student would write
    hint: str  # a fragment of the message the checks must print for it


@dataclass(frozen=True)
class PrintingSlip:
    function: str  # the graded function
    slip: str  # what is off in the printing, in a few words
    source: str  # the whole cell a student would write
    note: str  # a fragment of the note the checks must show for it


def for_assignment(assignment: str):
    """The module of wrong versions for one assignment (WRONG_VERSIONS, IN_SAMPLE, PRINTING_SLIPS)."""
    return importlib.import_module(f"instructor.mistakes.{assignment}")
