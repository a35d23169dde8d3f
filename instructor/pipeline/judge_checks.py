"""Judge each test cell from what its check's cases did: the grader's verdict, outside the sandbox.

The sandbox reported, for each test cell, one outcome per case as plain data (what the function
returned, raised or printed). Here, in the grader's own process, those outcomes are judged
against the expected values of the public and hidden cases (graders.judging), and the test cell
gets the verdict as its outputs, which is all nbgrader reads when it scores the cell:

- passed: one line on stdout ("sigmoid: 3 self-checks and 4 hidden checks passed.");
- failed: what the function printed on the failing case (capped), then an error whose text is
  the message a student reads (failed a hidden check on input ..., the problems, the hints).

The verdict is also kept as data in the cell's metadata (`nn_course.verdict`: status, counts,
hint ids), which the class report reads. Outcomes that are missing or malformed fail the cell:
nothing but a verdict from here earns a test cell its points.
"""

from __future__ import annotations

from dataclasses import asdict

from nbformat import from_dict
from nbgrader.preprocessors import NbGraderPreprocessor

from graders.judging import NOT_ATTEMPTED, Verdict, judge
from graders.plaindata import PlainDataError
from graders.running import Outcome
from instructor.exercises import graded_functions
from instructor.pipeline.sandboxed_execute import is_test_cell

METADATA_KEY = "nn_course"
MAX_PRINTED = 5_000  # characters of the failing call's printed output shown under the verdict


def read_outcomes(plain: list | None, count: int) -> list[Outcome | None]:
    """`count` outcomes from plain data; None for each one missing or malformed."""
    outcomes: list[Outcome | None] = []
    for item in (plain or [])[:count]:
        try:
            outcomes.append(Outcome.from_plain(item))
        except PlainDataError:
            outcomes.append(None)
    return outcomes + [None] * (count - len(outcomes))


def verdict_outputs(verdict: Verdict) -> list:
    """The outputs a test cell shows for its verdict."""
    if verdict.passed:
        return [from_dict({"output_type": "stream", "name": "stdout", "text": verdict.message + "\n"})]
    outputs = []
    printed = verdict.failure.printed if verdict.failure else ""
    if printed:
        if len(printed) > MAX_PRINTED:
            printed = printed[:MAX_PRINTED] + f"\n[... {len(printed) - MAX_PRINTED} more characters not shown]\n"
        outputs.append(from_dict({"output_type": "stream", "name": "stdout", "text": printed}))
    ename = "NotImplementedError" if verdict.status == NOT_ATTEMPTED else "CheckFailed"
    traceback = [f"{ename}: {line}" if i == 0 else line for i, line in enumerate(verdict.message.splitlines())]
    outputs.append(from_dict({"output_type": "error", "ename": ename, "evalue": verdict.message,
                              "traceback": traceback}))
    return outputs


class JudgeChecks(NbGraderPreprocessor):
    """Give every test cell of a graded function its verdict (see the module docstring)."""

    def preprocess(self, nb, resources):
        info = resources.get("nbgrader", {})
        assignment = info.get("assignment") or resources.get("sandbox", {}).get("assignment", "")
        self.graded = graded_functions(assignment)
        self.outcomes = resources.get("sandbox", {}).get("outcomes", {})
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if not is_test_cell(cell) or grade_id not in self.graded:
            return cell, resources
        function = self.graded[grade_id]
        plain = self.outcomes.get(grade_id)
        public_count = len(function.public.cases)
        hidden_count = len(function.hidden.cases) if function.hidden else 0
        outcomes = read_outcomes(plain, public_count + hidden_count)
        verdict = judge(function.public, outcomes[:public_count], function.hidden, outcomes[public_count:])
        cell.outputs = verdict_outputs(verdict)
        cell.metadata[METADATA_KEY] = {"verdict": asdict(verdict)}
        return cell, resources
