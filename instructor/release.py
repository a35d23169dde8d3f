"""Write the student version of each assignment, and prove it gives nothing away."""

from __future__ import annotations

from instructor import course


class ReleaseError(RuntimeError):
    """A release failed or would leak a solution; the message names the assignment and line."""


def leaks(assignment: str) -> list[str]:
    """Lines of the release notebook that come from a solution or a hidden test region."""
    source = course.read(course.source_notebook(assignment))
    secret = course.solution_lines(source) | course.hidden_test_lines(source)
    release = course.read(course.release_notebook(assignment))
    found = []
    for index, cell in enumerate(release.cells):
        for line in cell.source.splitlines():
            if line.strip() in secret:
                found.append(f"cell {index}: {line.strip()}")
            elif "BEGIN SOLUTION" in line or "BEGIN HIDDEN TESTS" in line:
                found.append(f"cell {index}: a marker was left in: {line.strip()}")
    return found


def release(api, assignment: str) -> None:
    """nbgrader generate_assignment for one assignment, then the leak check."""
    result = api.generate_assignment(assignment, force=True, create=True)
    if not result["success"]:
        raise ReleaseError(f"nbgrader could not release {assignment}:\n{result.get('error', '')}")
    found = leaks(assignment)
    if found:
        raise ReleaseError(
            f"the release of {assignment} would show students part of a solution or a hidden test:\n  "
            + "\n  ".join(found)
        )
