"""Grades out of the gradebook: one row per graded cell, the CSV export and the demo's table."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from instructor import course


@dataclass(frozen=True)
class Failure:
    step: str
    assignment: str
    student: str
    reason: str


@dataclass(frozen=True)
class CellGrade:
    student: str
    assignment: str
    cell: str
    score: float
    max_score: float


def submitted_students(assignment: str) -> list[str]:
    """Students with a submission of `assignment` in submitted/."""
    return sorted(
        p.parent.parent.name for p in course.SUBMITTED.glob(f"*/{assignment}/{assignment}.ipynb")
    )


def cell_grades(api) -> list[CellGrade]:
    """Every graded cell of every autograded submission in the gradebook."""
    rows = []
    with api.gradebook as gb:
        for assignment in gb.assignments:
            for submission in assignment.submissions:
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        rows.append(CellGrade(
                            submission.student.id, assignment.name, grade.name,
                            float(grade.score), float(grade.max_score),
                        ))
    order = {
        (a, cell.grade_id): i
        for a in course.assignments()
        for i, cell in enumerate(course.graded_cells(course.read(course.source_notebook(a))))
    }
    return sorted(rows, key=lambda r: (r.student, r.assignment, order.get((r.assignment, r.cell), 0)))


def export_csv(rows: list[CellGrade], path: Path = course.GRADES_CSV) -> None:
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "assignment", "cell", "score", "max_score"])
        for r in rows:
            writer.writerow([r.student, r.assignment, r.cell, f"{r.score:g}", f"{r.max_score:g}"])


def summary_table(rows: list[CellGrade]) -> str:
    """One line per student and assignment: the score and the cells that lost points."""
    totals: dict[tuple[str, str], list[CellGrade]] = {}
    for r in rows:
        totals.setdefault((r.assignment, r.student), []).append(r)
    width = max([len("assignment")] + [len(a) for a, _ in totals])
    lines = [f"{'assignment':<{width}}  {'student':<10}  {'score':>13}  cells that lost points"]
    for (assignment, student), cells in sorted(totals.items()):
        score = sum(c.score for c in cells)
        top = sum(c.max_score for c in cells)
        lost = ", ".join(c.cell.removeprefix("test_") for c in cells if c.score < c.max_score)
        lines.append(f"{assignment:<{width}}  {student:<10}  {score:>6g} / {top:<4g}  {lost or '-'}")
    return "\n".join(lines)
