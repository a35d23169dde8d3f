"""Correct answers written another way than the reference solutions, one module per assignment.

Each `CorrectVersion` is a whole graded cell a student might write instead of the notebook's
solution: another formula, another product (`@`, np.matmul, np.einsum), a loop where the exercise
allows one, another kind of 0-d number where the spec accepts any, a reshape in place of keepdims.
The test suite runs every one through the public and hidden checks and requires it to pass without
a note, just as it requires every wrong version of instructor.mistakes to fail with its hint: the
checks must reward what a function computes, not how the reference happens to compute it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class CorrectVersion:
    function: str  # the graded function
    style: str  # how it differs from the reference solution, in a few words
    source: str  # the whole cell a student would write


def for_assignment(assignment: str):
    """The module of correct variants for one assignment (VARIANTS)."""
    return importlib.import_module(f"instructor.variants.{assignment}")
