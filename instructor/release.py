"""Write the student version of each assignment, and prove it gives nothing away."""

from __future__ import annotations

from instructor import course, hand_edits, hidden_cases


class ReleaseError(RuntimeError):
    """A release failed or would leak a solution; the message names the assignment and line."""


def leaks(source_nb, release_nb) -> list[str]:
    """Lines of a release notebook that come from a solution or a hidden-test region."""
    secret = course.solution_lines(source_nb) | course.hidden_test_lines(source_nb)
    found = []
    for index, cell in enumerate(release_nb.cells):
        for line in cell.source.splitlines():
            marker = any(m in line for m in (*course.SOLUTION, *course.HIDDEN_TESTS))
            if marker or line.strip() in secret:
                found.append(f"cell {index}: {line.strip()}")
    return found


def release(api, assignment: str) -> None:
    """nbgrader generate_assignment for one assignment, then the leak check; last, the hidden
    cases are computed and stored for grading (instructor.hidden_cases).

    nbgrader rewrites release/<assignment>/ from scratch; a file there that was changed by hand
    since the last release is first copied to release-backups/ (instructor.hand_edits).
    """
    with hand_edits.rewriting(course.RELEASE, assignment, hand_edits.RELEASE_BACKUPS, f"releasing {assignment}"):
        result = api.generate_assignment(assignment, force=True, create=True)
    if not result["success"]:
        raise ReleaseError(f"nbgrader could not release {assignment}:\n{result.get('error', '')}")
    found = leaks(course.read(course.source_notebook(assignment)),
                  course.read(course.release_notebook(assignment)))
    if found:
        raise ReleaseError(
            f"the release of {assignment} would show students part of a solution or a hidden test:\n  "
            + "\n  ".join(found)
        )
    hidden_cases.ensure_stored(assignment)
