"""Where the course's files live, and what a source notebook holds.

This is the one place that reads nbgrader's markers in a source notebook (`### BEGIN SOLUTION`,
`### BEGIN HIDDEN TESTS` and their ends): the release checks, the sample submissions and the
tests all go through it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import nbformat

# The course directory: this checkout, unless COURSE_ROOT names another copy (the tests grade a
# copy of the course in a temporary directory so that they never touch the real one).
ROOT = Path(os.environ.get("COURSE_ROOT") or Path(__file__).resolve().parents[1]).resolve()
SOURCE = ROOT / "notebooks"
RELEASE = ROOT / "release"
SUBMITTED = ROOT / "submitted"
AUTOGRADED = ROOT / "autograded"
FEEDBACK = ROOT / "feedback"
GRADES_CSV = ROOT / "grades.csv"

SOLUTION = ("### BEGIN SOLUTION", "### END SOLUTION")
HIDDEN_TESTS = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
STUB_START = "# YOUR CODE STARTS HERE"
STUB_END = "# YOUR CODE ENDS HERE"


def assignments() -> list[str]:
    """Ids of the assignments in the source course, in course order."""
    return sorted(p.parent.name for p in SOURCE.glob("*/*.ipynb") if p.stem == p.parent.name)


def source_notebook(assignment: str) -> Path:
    return SOURCE / assignment / f"{assignment}.ipynb"


def release_notebook(assignment: str) -> Path:
    return RELEASE / assignment / f"{assignment}.ipynb"


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def is_solution_cell(cell) -> bool:
    return bool(nbgrader_meta(cell).get("solution"))


def is_test_cell(cell) -> bool:
    """A cell that checks a graded function and is worth points (not the closing summary, which
    nbgrader grades too so that Validate shows it, but which is worth none)."""
    meta = nbgrader_meta(cell)
    return (bool(meta.get("grade")) and not meta.get("solution") and cell.cell_type == "code"
            and float(meta.get("points", 0)) > 0)


@dataclass(frozen=True)
class GradedCell:
    grade_id: str
    points: float


def graded_cells(nb) -> list[GradedCell]:
    """The test cells of a notebook with their points, in notebook order."""
    return [GradedCell(nbgrader_meta(c)["grade_id"], float(nbgrader_meta(c)["points"]))
            for c in nb.cells if is_test_cell(c)]


def split_region(source: str, markers: tuple[str, str]) -> tuple[list[str], list[str]]:
    """Split a cell's lines into (inside the marked regions, outside them); markers dropped."""
    inside, outside, depth = [], [], 0
    for line in source.splitlines():
        if markers[0] in line:
            depth += 1
        elif markers[1] in line:
            depth -= 1
        elif depth:
            inside.append(line)
        else:
            outside.append(line)
    return inside, outside


def without_markers(source: str, markers: tuple[str, str] = SOLUTION) -> str:
    """The cell's code with the marker lines removed and everything else kept, in order."""
    return "\n".join(
        line for line in source.splitlines() if markers[0] not in line and markers[1] not in line
    )


def solution_lines(nb) -> set[str]:
    """Every non-blank line written inside a solution region of a source notebook, stripped."""
    lines = set()
    for cell in nb.cells:
        inside, _ = split_region(cell.source, SOLUTION)
        lines.update(line.strip() for line in inside if line.strip())
    return lines


def hidden_test_lines(nb) -> set[str]:
    """Every non-blank line inside a hidden-tests region of a source notebook, stripped."""
    lines = set()
    for cell in nb.cells:
        inside, _ = split_region(cell.source, HIDDEN_TESTS)
        lines.update(line.strip() for line in inside if line.strip())
    return lines


def shown_lines(nb) -> set[str]:
    """Every non-blank code line outside the solution and hidden-test regions, stripped: what the
    release of this notebook shows students anyway."""
    lines = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        _, outside = split_region(cell.source, SOLUTION)
        _, outside = split_region("\n".join(outside), HIDDEN_TESTS)
        lines.update(line.strip() for line in outside if line.strip())
    return lines
