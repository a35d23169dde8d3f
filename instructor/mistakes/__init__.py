"""Typical wrong answers, one module per assignment.

Each `WrongVersion` is the code a student might paste into a graded cell, with the fragment of
the hint the checks must show for it. The test suite runs every one through the public and hidden
checks; the demo's "mistakes" sample student submits the ones listed in each module's `IN_SAMPLE`.
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


def for_assignment(assignment: str):
    """The module of wrong versions for one assignment (WRONG_VERSIONS, IN_SAMPLE)."""
    return importlib.import_module(f"instructor.mistakes.{assignment}")
