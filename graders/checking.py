"""The self-check a student runs in a notebook: one call per graded function.

    check = make_check(EXERCISES)
    check("sigmoid", sigmoid)        # prints one success line, or raises CheckFailed

A check runs the function on the exercise's public cases (graders.running, in a child process)
and judges the outcomes (graders.judging), all in the student's own kernel: it is for learning,
not for grading. At autograde the grader never trusts this call: the sandbox only runs the
function on the cases, and the grader judges the outcomes in its own process.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from graders.cases import Exercise
from graders.judging import NOT_ATTEMPTED, describe, judge
from graders.running import run_cases


class CheckFailed(AssertionError):
    """A self-check found a problem; the message says what and where."""


@dataclass
class Checker:
    """One assignment's exercises and the call that checks a student's function against them."""

    exercises: Mapping[str, Exercise]
    kind: str = "self-check"

    def __call__(self, name: str, func: Any) -> None:
        __tracebackhide__ = True  # the student reads the message, not the grader's internals
        if name not in self.exercises:
            known = ", ".join(sorted(self.exercises))
            raise KeyError(f"There is no {self.kind} called {name!r}; the checks here are: {known}.")
        exercise = self.exercises[name]
        if not callable(func):
            raise CheckFailed(
                f"{exercise.signature}: expected a function, got {describe(func)}. "
                f"Did you overwrite `{name}` with a value?"
            )
        outcomes = run_cases(func, exercise.cases)
        verdict = judge(exercise, outcomes, kind=self.kind)
        for outcome in outcomes[: verdict.passed_public + 1]:  # what the function printed, as the student would see it in place
            if outcome.printed:
                print(outcome.printed, end="" if outcome.printed.endswith("\n") else "\n")
        if verdict.status == NOT_ATTEMPTED:
            raise NotImplementedError(verdict.message) from None
        if not verdict.passed:
            raise CheckFailed(verdict.message) from None
        print(verdict.message)


def make_check(exercises: Sequence[Exercise], kind: str = "self-check") -> Checker:
    """The `check(name, func)` call for a list of exercises."""
    return Checker({e.function: e for e in exercises}, kind=kind)
