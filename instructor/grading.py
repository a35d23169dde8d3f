"""Grades out of the gradebook: one row per graded cell, the CSV exports and the demo's table.

Three CSV files come out of the same rows:
- grades.csv, long: one row per student, assignment and graded cell;
- grades_canvas.csv, wide, in the layout of Canvas's gradebook import: the student columns Canvas
  matches on, one column per assignment, a "Points Possible" row, the total in a column Canvas
  reads as its own and leaves alone;
- grades_moodle.csv, wide, in a layout Moodle's CSV grade import maps: a username column, then
  each assignment's score and maximum and the total, every row a student.
The README's instructor section says which columns each platform needs and why.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from instructor import course

CANVAS_CSV = course.ROOT / "grades_canvas.csv"
MOODLE_CSV = course.ROOT / "grades_moodle.csv"
# Canvas's importer (lib/gradebook_importer.rb) reads these five as who the row is, in this order.
CANVAS_STUDENT_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
CANVAS_POINTS_ROW = "Points Possible"
# A column Canvas's importer takes for its own computed total and skips: any other extra column
# would become a new assignment.
CANVAS_TOTAL = "Final Points"


@dataclass(frozen=True)
class Failure:
    step: str
    assignment: str
    student: str
    reason: str


@dataclass(frozen=True)
class Student:
    """A student as the gradebook knows them; only the id is sure to be filled in."""

    id: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    lms_user_id: str = ""  # nbgrader's field for the student's id in the learning platform

    @property
    def sortable_name(self) -> str:
        """"Last, First" as Canvas writes names, or the part that is known, or the id."""
        return ", ".join(n for n in (self.last_name, self.first_name) if n) or self.id


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
    """Every graded cell of every autograded submission in the gradebook (a cell worth no points,
    such as a notebook's closing summary, is not a grade and is left out)."""
    rows = []
    with api.gradebook as gb:
        for assignment in gb.assignments:
            for submission in assignment.submissions:
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        if not grade.max_score:
                            continue
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


def gradebook_students(api) -> list[Student]:
    """Every student in the gradebook, whether or not they handed anything in, by id."""
    with api.gradebook as gb:
        found = [Student(s.id, s.first_name or "", s.last_name or "", s.email or "", s.lms_user_id or "")
                 for s in gb.students]
    return sorted(found, key=lambda s: s.id)


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


def assignment_maxima(rows: list[CellGrade]) -> dict[str, float]:
    """Assignment -> its maximum score (the points of each of its graded cells, added), by name."""
    points = {(r.assignment, r.cell): r.max_score for r in rows}
    maxima: dict[str, float] = defaultdict(float)
    for (assignment, _), top in sorted(points.items()):
        maxima[assignment] += top
    return dict(maxima)


def student_scores(rows: list[CellGrade]) -> dict[str, dict[str, float]]:
    """Student -> assignment -> their score on it; an assignment not handed in is absent."""
    scores: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in rows:
        scores[r.student][r.assignment] += r.score
    return {student: dict(by_assignment) for student, by_assignment in scores.items()}


def roster(rows: list[CellGrade], students: list[Student]) -> list[Student]:
    """The gradebook's students and anyone else with a graded cell, by id."""
    known = {s.id: s for s in students}
    for r in rows:
        known.setdefault(r.student, Student(r.student))
    return sorted(known.values(), key=lambda s: s.id)


def _number(value: float | None) -> str:
    """A score as the CSV files write it: no trailing zeros; empty when there is none."""
    return "" if value is None else f"{value:g}"


def canvas_table(rows: list[CellGrade], students: list[Student]) -> list[list[str]]:
    """The rows of grades_canvas.csv: header, points possible, then one row per student.

    A student is matched by Canvas on ID (the gradebook's lms_user_id), then on SIS Login ID
    (the nbgrader id: under JupyterHub, the student's login), then on the name. An assignment
    a student did not hand in is left empty, which Canvas reads as no grade.
    """
    maxima = assignment_maxima(rows)
    scores = student_scores(rows)
    table = [CANVAS_STUDENT_COLUMNS + list(maxima) + [CANVAS_TOTAL],
             [CANVAS_POINTS_ROW, "", "", "", ""] + [_number(m) for m in maxima.values()]
             + [_number(sum(maxima.values()))]]
    for s in roster(rows, students):
        own = scores.get(s.id, {})
        table.append([s.sortable_name, s.lms_user_id, "", s.id, ""]
                     + [_number(own.get(a)) for a in maxima] + [_number(sum(own.values()))])
    return table


def moodle_table(rows: list[CellGrade], students: list[Student]) -> list[list[str]]:
    """The rows of grades_moodle.csv: header, then one row per student and nothing else.

    Moodle's import maps one column to its users ("username" here) and each other column to a
    grade item or to "ignore"; a row it cannot match to a user stops the whole import, so there
    is no row of maxima: each maximum has its own column, to leave on "ignore".
    """
    maxima = assignment_maxima(rows)
    scores = student_scores(rows)
    header = ["username"]
    for a in maxima:
        header += [a, f"{a} (max)"]
    table = [header + ["total", "total (max)"]]
    for s in roster(rows, students):
        own = scores.get(s.id, {})
        line = [s.id]
        for a, top in maxima.items():
            line += [_number(own.get(a)), _number(top)]
        table.append(line + [_number(sum(own.values())), _number(sum(maxima.values()))])
    return table


def write_table(table: list[list[str]], path: Path) -> Path:
    """Write rows of text to a CSV file (UTF-8, quoted where needed) and return its path."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(table)
    return path


def export_lms_csvs(rows: list[CellGrade], students: list[Student],
                    canvas: Path = CANVAS_CSV, moodle: Path = MOODLE_CSV) -> list[Path]:
    """Write the Canvas and the Moodle grade files; their paths."""
    return [write_table(canvas_table(rows, students), canvas),
            write_table(moodle_table(rows, students), moodle)]
