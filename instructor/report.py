"""The class report: one self-contained HTML page that says what to reteach and who needs help.

Per assignment: the share of students with full marks on each graded function (a bar chart), the
distribution of total scores (a histogram counted in whole students), the functions that crashed
or ran out of time, the grader hints students met most often, and the wrong answers that no hint
explains. Then one row per student: the score on each assignment, the total, and which functions
failed and how.

Scores come from the gradebook. Everything about failures comes from the verdict the grader
stored, as data, in the metadata of each autograded test cell (instructor.pipeline.judge_checks):
its status and the ids of the hints that applied, never the text students read. Figures are
embedded as PNG, so the page opens anywhere, offline.
"""

from __future__ import annotations

import base64
import html
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Mapping

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from graders.judging import (CRASHED_STATUS, PASSED, RAISED, TIMED_OUT_STATUS, WRONG,  # noqa: E402
                             CaseVerdict, Verdict)
from instructor import course, grading  # noqa: E402
from instructor.exercises import TEST_PREFIX  # noqa: E402
from instructor.grading import CellGrade  # noqa: E402
from instructor.pipeline.judge_checks import METADATA_KEY  # noqa: E402

REPORT = course.ROOT / "class_report.html"
TOP_HINTS = 8
NO_VERDICT = "no verdict recorded"  # a test cell autograded without the judge's metadata
# The statuses a hint can apply to (graders.judging.judge_case looks for hints on no others).
HINTABLE = (WRONG, RAISED)


@dataclass(frozen=True)
class Result:
    """The verdict on one graded function in one student's autograded notebook."""

    student: str
    assignment: str
    verdict: Verdict

    @property
    def function(self) -> str:
        return self.verdict.function

    @property
    def status(self) -> str:
        return self.verdict.status

    @property
    def hints(self) -> tuple[str, ...]:
        """Ids of the hints that applied to the failing case (none when nothing failed)."""
        return self.verdict.failure.hints if self.verdict.failure else ()


# ----------------------------------------------------------------------------------------------
# Reading the verdicts


def _fields_of(cls, data: Mapping) -> dict:
    """The entries of `data` that are fields of the dataclass `cls`; JSON's lists back to tuples."""
    return {f.name: tuple(data[f.name]) if isinstance(data[f.name], list) else data[f.name]
            for f in fields(cls) if f.name in data}


def read_verdict(cell) -> Verdict | None:
    """The verdict stored in a test cell's metadata; None when there is none or it is malformed."""
    data = cell.get("metadata", {}).get(METADATA_KEY, {}).get("verdict")
    if not isinstance(data, Mapping):
        return None
    try:
        failure = data.get("failure")
        failure = CaseVerdict(**_fields_of(CaseVerdict, failure)) if isinstance(failure, Mapping) else None
        return Verdict(**{**_fields_of(Verdict, data), "failure": failure})
    except TypeError:  # a required field is missing
        return None


def results(autograded: Path, assignment: str) -> list[Result]:
    """The verdict on every graded function of every autograded notebook of `assignment`."""
    found = []
    for path in sorted(autograded.glob(f"*/{assignment}/{assignment}.ipynb")):
        student = path.parent.parent.name
        for cell in course.read(path).cells:
            if course.is_test_cell(cell):
                function = course.nbgrader_meta(cell)["grade_id"].removeprefix(TEST_PREFIX)
                verdict = read_verdict(cell) or Verdict(function, NO_VERDICT)
                found.append(Result(student, assignment, verdict))
    return found


# ----------------------------------------------------------------------------------------------
# Counting


def full_marks_share(cells: list[CellGrade]) -> dict[str, float]:
    """Graded cell -> percentage of its rows that have full marks."""
    by_cell = defaultdict(list)
    for c in cells:
        by_cell[c.cell].append(c.score >= c.max_score)
    return {cell: 100 * sum(full) / len(full) for cell, full in by_cell.items()}


def students_with_status(found: list[Result], status: str) -> Counter:
    """Function -> number of students whose verdict on it has `status`."""
    return Counter(r.function for r in found if r.status == status)


def hints_met(found: list[Result]) -> Counter:
    """(function, hint message) -> number of students whose verdict on that function met the hint."""
    met = {(r.student, r.function, r.verdict.hint_messages.get(h, h)) for r in found for h in r.hints}
    return Counter((function, message) for _, function, message in met)


def unexplained_failures(found: list[Result]) -> dict[str, tuple[int, int]]:
    """Function -> (students whose answer was wrong or raised, how many of those met no hint)."""
    counts: dict[str, tuple[int, int]] = {}
    for r in found:
        if r.status in HINTABLE:
            failed, bare = counts.get(r.function, (0, 0))
            counts[r.function] = (failed + 1, bare + (not r.hints))
    return counts


def failures_by_student(found: list[Result]) -> dict[str, dict[str, dict[str, list[str]]]]:
    """Student -> assignment -> status -> the functions that failed with that status, in order."""
    failed: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for r in found:
        if r.status != PASSED:
            failed[r.student][r.assignment][r.status].append(r.function)
    return failed


# ----------------------------------------------------------------------------------------------
# Figures


def _figure_html(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="chart" src="data:image/png;base64,{data}">'


def full_marks_figure(assignment: str, cells: list[CellGrade], order: list[str]):
    """A bar per graded function: the share of students with full marks on it."""
    share = full_marks_share(cells)
    names = [cell for cell in order if cell in share]
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(names) + 1))
    ax.barh([n.removeprefix(TEST_PREFIX) for n in names], [share[n] for n in names], color="#4a7ab5")
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("students with full marks (%)")
    ax.set_title(f"{assignment}: full marks per graded function")
    return fig


def distribution_figure(assignment: str, totals: list[float], top: float):
    """A histogram of the students' total scores, its count axis in whole students.

    Up to 40 points, each whole score has its own bar, centred on it; beyond, 20 equal bins.
    """
    fig, ax = plt.subplots(figsize=(7, 2.8))
    whole = float(top).is_integer() and top <= 40
    bins = [edge - 0.5 for edge in range(int(top) + 2)] if whole else 20
    ax.hist(totals, bins=bins, range=None if whole else (0, top), color="#6a9f58", edgecolor="white")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(f"total score (out of {top:g})")
    ax.set_ylabel("students")
    ax.set_title(f"{assignment}: score distribution")
    return fig


# ----------------------------------------------------------------------------------------------
# HTML


def _table(header: list[str], rows: list[list]) -> str:
    """An HTML table of plain values, escaped; a line break in a value starts a new line."""
    def cell(tag: str, value) -> str:
        return f"<{tag}>{html.escape(str(value)).replace(chr(10), '<br>')}</{tag}>"
    lines = ["<table>", "<tr>" + "".join(cell("th", h) for h in header) + "</tr>"]
    lines += ["<tr>" + "".join(cell("td", v) for v in row) + "</tr>" for row in rows]
    return "\n".join(lines + ["</table>"])


def crash_section(found: list[Result]) -> str:
    """The functions that crashed or timed out, with how many students each."""
    crashed = students_with_status(found, CRASHED_STATUS)
    timed_out = students_with_status(found, TIMED_OUT_STATUS)
    functions = [f for f in dict.fromkeys(r.function for r in found) if crashed[f] or timed_out[f]]
    title = "<h3>Crashes and time-outs</h3>"
    if not functions:
        return title + "\n<p>No function crashed or ran out of time.</p>"
    rows = [[f, crashed[f], timed_out[f]] for f in functions]
    return title + "\n" + _table(["function", "students: crashed", "students: timed out"], rows)


def hint_section(found: list[Result]) -> str:
    """The hints students met most often."""
    title = "<h3>Hints students met most often</h3>"
    hints = hints_met(found).most_common(TOP_HINTS)
    if not hints:
        return title + "\n<p>No hints were shown: every failure, if any, was of another kind.</p>"
    return title + "\n" + _table(["students", "function", "hint"], [[n, f, h] for (f, h), n in hints])


def unexplained_section(found: list[Result]) -> str:
    """Per function, the wrong or raising answers and how many met no hint: where a hint is missing."""
    title = "<h3>Failures that matched no hint</h3>"
    counts = unexplained_failures(found)
    if not counts:
        return title + "\n<p>No answer was wrong or raised an error.</p>"
    rows = [[f, failed, bare] for f, (failed, bare) in counts.items()]
    note = ("<p>Answers that returned a wrong value or raised an error (the failures a hint can "
            "explain), and how many of them met none of the function's hints.</p>")
    return title + "\n" + note + "\n" + _table(["function", "wrong or raised", "matched no hint"], rows)


def _what_failed(by_assignment: Mapping[str, Mapping[str, list[str]]]) -> str:
    """One line per assignment: each status and the functions that failed with it."""
    lines = []
    for assignment, by_status in sorted(by_assignment.items()):
        how = "; ".join(f"{status}: {', '.join(functions)}" for status, functions in by_status.items())
        lines.append(f"{assignment}: {how}")
    return "\n".join(lines) or "-"


def student_section(rows: list[CellGrade], found: list[Result]) -> str:
    """One row per student: the score on each assignment, the total, what failed and how."""
    maxima = grading.assignment_maxima(rows)
    scores = grading.student_scores(rows)
    failed = failures_by_student(found)
    header = ["student", *(f"{a}\n(of {top:g})" for a, top in maxima.items()),
              f"total\n(of {sum(maxima.values()):g})", "functions that failed, and how"]
    body = []
    for student, own in sorted(scores.items()):
        marks = [f"{own[a]:g}" if a in own else "not handed in" for a in maxima]
        body.append([student, *marks, f"{sum(own.values()):g}", _what_failed(failed.get(student, {}))])
    return "<h2>Students</h2>\n" + _table(header, body)


def assignment_section(assignment: str, cells: list[CellGrade], found: list[Result]) -> str:
    """Charts and tables for one assignment."""
    totals = grading.student_scores(cells)
    per_student = [own[assignment] for own in totals.values()]
    top = grading.assignment_maxima(cells)[assignment]
    source = course.source_notebook(assignment)
    order = ([g.grade_id for g in course.graded_cells(course.read(source))] if source.is_file()
             else sorted({c.cell for c in cells}))
    return "\n".join([
        f"<h2>{html.escape(assignment)}</h2>",
        f"<p>{len(per_student)} student(s); mean score {sum(per_student) / len(per_student):.1f} of {top:g}.</p>",
        _figure_html(full_marks_figure(assignment, cells, order)),
        _figure_html(distribution_figure(assignment, per_student, top)),
        crash_section(found),
        hint_section(found),
        unexplained_section(found),
    ])


_HEAD = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Class report</title>"
    "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
    "table{border-collapse:collapse}td,th{padding:.3em .8em;border-bottom:1px solid #ddd;"
    "text-align:left;vertical-align:top}th{background:#f4f4f4}</style></head><body>"
)


def build_report(rows: list[CellGrade], autograded: Path | None = None) -> str:
    """The report's HTML for the given cell grades and autograded notebooks."""
    autograded = autograded or course.AUTOGRADED
    parts = [_HEAD, "<h1>Class report</h1>"]
    if not rows:
        parts.append("<p>No graded submissions yet: run the autograder first (make demo, or nbgrader autograde).</p>")
    by_assignment = defaultdict(list)
    for r in rows:
        by_assignment[r.assignment].append(r)
    everyone: list[Result] = []
    for assignment, cells in sorted(by_assignment.items()):
        found = results(autograded, assignment)
        everyone += found
        parts.append(assignment_section(assignment, cells, found))
    if rows:
        parts.append(student_section(rows, everyone))
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(rows: list[CellGrade], path: Path = REPORT, autograded: Path | None = None) -> Path:
    path.write_text(build_report(rows, autograded), encoding="utf-8")
    return path
