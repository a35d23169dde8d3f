"""Sample submissions for the demo: what five kinds of student hand in.

- `complete`: every graded cell holds the reference solution;
- `blank`: the release notebook as it was handed out;
- `mistakes`: correct, except for the typical wrong answers listed in the assignment's
  `instructor.mistakes` module (IN_SAMPLE);
- `crashes`: correct, except that one graded function (the module's ISOLATED_FUNCTION, which no
  other graded function calls) ends the Python process it runs in;
- `hangs`: correct, except that the same function loops forever.

They are built from the release notebook, as a student's file would be, and written to
submitted/<student>/<assignment>/<assignment>.ipynb.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from instructor import course, mistakes

COMPLETE, BLANK, MISTAKES, CRASHES, HANGS = "complete", "blank", "mistakes", "crashes", "hangs"
SAMPLE_STUDENTS = (COMPLETE, BLANK, MISTAKES, CRASHES, HANGS)

# The first statement of the ISOLATED_FUNCTION's body in the `crashes` and `hangs` samples.
SABOTAGE = {
    CRASHES: "import os; os._exit(1)  # ends the process that runs this function",
    HANGS: "while True: pass  # never returns",
}


class SampleError(RuntimeError):
    pass


def reference_answers(assignment: str) -> dict[str, str]:
    """grade_id -> the source notebook's solution cell with the solution markers removed."""
    nb = course.read(course.source_notebook(assignment))
    return {
        course.nbgrader_meta(c)["grade_id"]: course.without_markers(c.source)
        for c in nb.cells
        if course.is_solution_cell(c)
    }


def answers_for(student: str, assignment: str) -> dict[str, str]:
    """grade_id -> cell source that the sample `student` writes (absent: left as released)."""
    if student == BLANK:
        return {}
    answers = reference_answers(assignment)
    module = mistakes.for_assignment(assignment)
    if student == MISTAKES:
        for function in module.IN_SAMPLE:
            first = next(w for w in module.WRONG_VERSIONS if w.function == function)
            answers[function] = first.source.strip("\n")
    if student in SABOTAGE:
        target = module.ISOLATED_FUNCTION
        answers[target] = sabotaged(answers[target], SABOTAGE[student])
    return answers


def sabotaged(source: str, statement: str) -> str:
    """`source` with `statement` run first thing in the body of its function."""
    lines = source.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("def ")) + 1
    return "\n".join([*lines[:at], "    " + statement, *lines[at:]])


def fill(release_nb, answers: dict[str, str]):
    """A copy of the release notebook with the given solution cells replaced."""
    nb = nbformat.from_dict(release_nb)
    for cell in nb.cells:
        grade_id = course.nbgrader_meta(cell).get("grade_id")
        if course.is_solution_cell(cell) and grade_id in answers:
            cell.source = answers[grade_id]
    return nb


def submission_path(student: str, assignment: str) -> Path:
    return course.SUBMITTED / student / assignment / f"{assignment}.ipynb"


def build_samples(assignment: str) -> list[str]:
    """Write the sample submissions of one assignment; returns the student ids."""
    release_path = course.release_notebook(assignment)
    if not release_path.is_file():
        raise SampleError(f"{release_path} is missing: run `make release` first.")
    release_nb = course.read(release_path)
    students = [s for s in SAMPLE_STUDENTS
                if s not in SABOTAGE or hasattr(mistakes.for_assignment(assignment), "ISOLATED_FUNCTION")]
    for student in students:
        path = submission_path(student, assignment)
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(fill(release_nb, answers_for(student, assignment)), path)
    return students
