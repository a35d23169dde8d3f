"""The grader's registry: for each assignment, each graded function's public and hidden exercise.

A test cell with grade_id `test_<function>` is graded by the exercise of that function: its
public cases (graders.<assignment>, the ones students run themselves) and then its hidden cases
(instructor.hidden.<assignment>, instructor-only). The hidden cases are computed once and kept as
instructor-only data (instructor.hidden_cases), so a grading run reads them instead of importing
the oracles; they never enter a sandbox.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass

from graders.cases import Exercise
from instructor.hidden_cases import hidden_exercises

TEST_PREFIX = "test_"


@dataclass(frozen=True)
class GradedFunction:
    public: Exercise
    hidden: Exercise | None

    @property
    def function(self) -> str:
        return self.public.function

    @property
    def cases(self) -> list:
        """Every case to run, public first: (id, case) pairs."""
        pairs = [(f"public/{i}", c) for i, c in enumerate(self.public.cases)]
        if self.hidden is not None:
            pairs += [(f"hidden/{i}", c) for i, c in enumerate(self.hidden.cases)]
        return pairs


@functools.cache
def graded_functions(assignment: str) -> dict[str, GradedFunction]:
    """grade_id of the test cell -> the function it grades, for one assignment ({} if unknown)."""
    try:
        public = importlib.import_module(f"graders.{assignment}")
    except ModuleNotFoundError:
        return {}
    hidden = {e.function: e for e in hidden_exercises(assignment, list(public.EXERCISES)) or ()}
    return {TEST_PREFIX + e.function: GradedFunction(e, hidden.get(e.function)) for e in public.EXERCISES}
