"""The class report: one self-contained HTML page that says what to reteach.

Per assignment: the share of students with full marks on each graded function (a bar chart), the
distribution of total scores, and the grader hints students met most often, read from the
autograded notebooks. Figures are embedded as PNG, so the page opens anywhere, offline.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections import Counter, defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from instructor import course  # noqa: E402
from instructor.grading import CellGrade  # noqa: E402

REPORT = course.ROOT / "class_report.html"
_HINT = re.compile(r"^\s*- Hint: (.+)$", re.MULTILINE)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
TOP_HINTS = 8


def hints_met(autograded: Path, assignment: str) -> Counter:
    """(function, hint) -> number of students whose autograded notebook shows that hint."""
    counts: Counter = Counter()
    for path in sorted(autograded.glob(f"*/{assignment}/{assignment}.ipynb")):
        seen = set()
        for cell in course.read(path).cells:
            if not course.is_test_cell(cell):
                continue
            function = course.nbgrader_meta(cell)["grade_id"].removeprefix("test_")
            for output in cell.get("outputs", []):
                text = _ANSI.sub("", output.get("evalue", ""))  # the check's whole message
                seen.update((function, hint.strip()) for hint in _HINT.findall(text))
        counts.update(seen)
    return counts


def _figure_html(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="chart" src="data:image/png;base64,{data}">'


def full_marks_share(cells: list[CellGrade]) -> dict[str, float]:
    """Graded cell -> percentage of its rows that have full marks."""
    by_cell = defaultdict(list)
    for c in cells:
        by_cell[c.cell].append(c.score >= c.max_score)
    return {cell: 100 * sum(full) / len(full) for cell, full in by_cell.items()}


def _full_marks_chart(assignment: str, cells: list[CellGrade], order: list[str]) -> str:
    share = full_marks_share(cells)
    names = [cell for cell in order if cell in share]
    shares = [share[n] for n in names]
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(names) + 1))
    ax.barh([n.removeprefix("test_") for n in names], shares, color="#4a7ab5")
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("students with full marks (%)")
    ax.set_title(f"{assignment}: full marks per graded function")
    return _figure_html(fig)


def _distribution_chart(assignment: str, totals: list[float], top: float) -> str:
    fig, ax = plt.subplots(figsize=(7, 2.8))
    ax.hist(totals, bins=min(20, max(5, int(top) + 1)), range=(0, top), color="#6a9f58", edgecolor="white")
    ax.set_xlabel(f"total score (out of {top:g})")
    ax.set_ylabel("students")
    ax.set_title(f"{assignment}: score distribution")
    return _figure_html(fig)


def build_report(rows: list[CellGrade], autograded: Path | None = None) -> str:
    """The report's HTML for the given cell grades and autograded notebooks."""
    autograded = autograded or course.AUTOGRADED
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Class report</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
        "table{border-collapse:collapse}td,th{padding:.3em .8em;border-bottom:1px solid #ddd;"
        "text-align:left}th{background:#f4f4f4}</style></head><body>",
        "<h1>Class report</h1>",
    ]
    if not rows:
        parts.append("<p>No graded submissions yet: run the autograder first (make demo, or nbgrader autograde).</p>")
    by_assignment = defaultdict(list)
    for r in rows:
        by_assignment[r.assignment].append(r)
    for assignment, cells in sorted(by_assignment.items()):
        students = sorted({c.student for c in cells})
        totals = defaultdict(float)
        for c in cells:
            totals[c.student] += c.score
        order = [g.grade_id for g in course.graded_cells(course.read(course.source_notebook(assignment)))] \
            if course.source_notebook(assignment).is_file() else sorted({c.cell for c in cells})
        top = sum({c.cell: c.max_score for c in cells}.values())
        parts.append(f"<h2>{html.escape(assignment)}</h2>")
        parts.append(f"<p>{len(students)} student(s); mean score "
                     f"{sum(totals.values()) / len(students):.1f} of {top:g}.</p>")
        parts.append(_full_marks_chart(assignment, cells, order))
        parts.append(_distribution_chart(assignment, list(totals.values()), top))
        hints = hints_met(autograded, assignment).most_common(TOP_HINTS)
        parts.append("<h3>Hints students met most often</h3>")
        if hints:
            parts.append("<table><tr><th>students</th><th>function</th><th>hint</th></tr>")
            parts += [f"<tr><td>{n}</td><td>{html.escape(f)}</td><td>{html.escape(h)}</td></tr>"
                      for (f, h), n in hints]
            parts.append("</table>")
        else:
            parts.append("<p>No hints were shown: every failure, if any, was of another kind.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(rows: list[CellGrade], path: Path = REPORT, autograded: Path | None = None) -> Path:
    path.write_text(build_report(rows, autograded), encoding="utf-8")
    return path
