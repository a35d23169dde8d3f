"""The self-check a student runs in a notebook: one call per graded function.

    check = make_check(EXERCISES)
    check("sigmoid", sigmoid)        # prints one success line, or raises CheckFailed

A check runs the function on the exercise's public cases (graders.running, in a child process)
and judges the outcomes (graders.judging), all in the student's own kernel: it is for learning,
not for grading. At autograde the grader never trusts this call: the sandbox only runs the
function on the cases, and the grader judges the outcomes in its own process.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from graders.cases import Exercise
from graders.judging import NOT_ATTEMPTED, describe, judge
from graders.running import run_cases


class CheckFailed(AssertionError):
    """A self-check found a problem; the message says what and where."""

    def _render_traceback_(self) -> list[str]:
        # IPython shows these lines in place of a traceback: the message, no grader frames.
        return str(self).splitlines()


class ChecksLeft(CheckFailed):
    """Raised by the summary under nbgrader's Validate when some function does not pass yet, so
    that Validate lists the summary with the cells that still fail."""


class NotWrittenYet(NotImplementedError):
    """The function checked is still the release stub."""

    def _render_traceback_(self) -> list[str]:
        return [f"NotImplementedError: {line}" if i == 0 else line for i, line in enumerate(str(self).splitlines())]


@dataclass
class Checker:
    """One assignment's exercises and the call that checks a student's function against them."""

    exercises: Mapping[str, Exercise]
    kind: str = "self-check"
    assignment: str = ""  # the assignment id, to find each function's points in its notebook

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
            raise NotWrittenYet(verdict.message) from None
        if not verdict.passed:
            raise CheckFailed(verdict.message) from None
        print(verdict.message)


    def summary(self, namespace: Mapping[str, Any], points: Mapping[str, float] | None = None) -> str:
        """One line per graded function of `namespace` (a notebook's globals()): ✓ when it passes
        its self-checks, ✗ with the first line of what is wrong, · when it is not written yet;
        then what is left to do."""
        rows, left, earned, total = [], [], 0.0, 0.0
        width = max(len(name) for name in self.exercises)
        for name, exercise in self.exercises.items():
            func = namespace.get(name)
            worth = (points or {}).get(name)
            if not callable(func):
                mark, status, passed = "✗", f"there is no function called {name}: run its cell", False
            else:
                verdict = judge(exercise, run_cases(func, exercise.cases), kind=self.kind)
                passed = verdict.passed
                mark = "✓" if passed else "·" if verdict.status == NOT_ATTEMPTED else "✗"
                status = "passes its self-checks" if passed else verdict.message.splitlines()[0]
            if not passed:
                left.append(name)
            if worth is not None:
                total += worth
                earned += worth if passed else 0
            shown = f"{worth:g} point{'s' if worth != 1 else ''}" if worth is not None else ""
            rows.append(f"  {mark} {name:<{width}}  {shown:<9} {status}")
        count = f"{len(self.exercises) - len(left)} of {len(self.exercises)} functions pass their self-checks"
        if points:
            count += f" ({earned:g} of {total:g} points)"
        todo = f" Still to do: {', '.join(left)}." if left else " Nothing left to do."
        return "\n".join([*rows, count + "." + todo,
                          "When your work is graded, hidden checks on other inputs run too."])

    def all(self, namespace: Mapping[str, Any]) -> None:
        """Print the summary of every graded function (the last cell of each notebook). Under
        nbgrader's Validate, a summary with something left to do is raised instead, so that
        Validate shows it too; it is worth no points either way."""
        mode = os.environ.get("NBGRADER_EXECUTION")
        if mode == "autograde":
            print("(This summary is for you while you work; when your work is graded, each function's "
                  "own check cell is graded.)")
            return
        summary = self.summary(namespace, _points_in_notebook(self.assignment))
        if mode == "validate" and "Still to do:" in summary:
            raise ChecksLeft(summary)
        print(summary)


def _points_in_notebook(assignment: str) -> dict[str, float] | None:
    """Each function's points, read from the assignment's notebook in this folder, if it is here."""
    path = Path(f"{assignment}.ipynb")
    try:
        cells = json.loads(path.read_text())["cells"]
    except (OSError, ValueError, KeyError):
        return None
    points = {}
    for cell in cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution") and str(meta.get("grade_id", "")).startswith("test_"):
            points[meta["grade_id"][len("test_"):]] = float(meta.get("points", 0))
    return points or None


def make_check(exercises: Sequence[Exercise], kind: str = "self-check", assignment: str = "") -> Checker:
    """The `check(name, func)` call for a list of exercises (`check.all(globals())` sums them up)."""
    return Checker({e.function: e for e in exercises}, kind=kind, assignment=assignment)
