"""Put a submission's graded cells back as the instructor wrote them, whatever the student did.

nbgrader's own sanitizing steps give up on a whole notebook when its metadata was tampered
with: a grade_id used twice, a grade cell nbgrader does not know, a test cell whose metadata was
stripped. Here, the cells the course grades are rebuilt from the gradebook's record of the
source notebook, and everything else the student wrote is kept as ordinary cells:

- a known graded cell, first occurrence: its nbgrader metadata rebuilt from the source (points,
  lock, checksum) and, for a locked cell (a test cell), its source put back;
- a second copy of a known cell, or a cell with a grade_id nbgrader does not know: kept as a
  plain cell without grading metadata (a verbatim copy of a locked cell is dropped);
- a test cell that is missing (deleted, or its metadata stripped): added back right after the
  last cell that defines its function, or else after the graded cell that precedes it in the
  source, so that it checks what the student wrote.

The submission is therefore always graded, and graded only by the instructor's test cells.
"""

from __future__ import annotations

import functools
import re

from nbformat.v4 import new_code_cell, new_markdown_cell
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor

from instructor.exercises import TEST_PREFIX


@functools.lru_cache(maxsize=64)
def source_record(db_url: str, assignment: str, notebook: str) -> tuple:
    """The gradebook's record of a released notebook: (source cells, points of its grade cells,
    its solution cells, points of its task cells). Read once per run: it changes only on release."""
    with Gradebook(db_url) as gb:
        record = gb.find_notebook(notebook, assignment)
        sources = tuple((c.name, c.cell_type, c.source, c.checksum, bool(c.locked)) for c in record.source_cells)
        points = {c.name: float(c.max_score) for c in record.grade_cells}
        solutions = frozenset(c.name for c in record.solution_cells)
        tasks = {c.name: float(c.max_score) for c in record.task_cells}
    return sources, points, solutions, tasks


class RestoreCells(NbGraderPreprocessor):
    """Rebuild the graded cells of a submission from the gradebook (see the module docstring)."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        sources, points, solutions, tasks = source_record(info["db_url"], info["assignment"], info["notebook"])
        known = {name: (cell_type, source, checksum, locked) for name, cell_type, source, checksum, locked in sources}
        kept, seen = [], set()
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            grade_id = meta.get("grade_id")
            graded = any(meta.get(flag) for flag in ("grade", "solution", "locked", "task"))
            if not graded or grade_id not in known or grade_id in seen:
                if graded and grade_id in known and known[grade_id][3] and cell.source == known[grade_id][1]:
                    self.log.warning("Dropping a second copy of locked cell %s", grade_id)
                    continue
                if "nbgrader" in cell.metadata:
                    if graded:
                        self.log.warning("Cell %r is not one of the source's graded cells: kept ungraded", grade_id)
                    del cell.metadata["nbgrader"]
                kept.append(cell)
                continue
            seen.add(grade_id)
            kept.append(self._restored(cell, grade_id, known[grade_id], points, solutions, tasks))
        order = [name for name, *_ in sources]
        for name in order:
            if name in seen or name not in points or name in solutions:
                continue
            self.log.warning("Test cell %s was missing: adding it back", name)
            cell = new_code_cell() if known[name][0] == "code" else new_markdown_cell()
            cell = self._restored(cell, name, known[name], points, solutions, tasks)
            kept.insert(_insertion_point(kept, name, order), cell)
            seen.add(name)
        nb.cells = kept
        return nb, resources

    def _restored(self, cell, grade_id, source_cell, points, solutions, tasks):
        cell_type, source, checksum, locked = source_cell
        if cell.cell_type != cell_type:
            cell = new_code_cell(cell.source) if cell_type == "code" else new_markdown_cell(cell.source)
        meta = {"grade": grade_id in points, "grade_id": grade_id, "locked": locked,
                "solution": grade_id in solutions, "schema_version": 3, "checksum": checksum}
        if grade_id in points:
            meta["points"] = points[grade_id]
        if grade_id in tasks:
            meta.update(task=True, points=tasks[grade_id])
        cell.metadata["nbgrader"] = meta
        if locked:
            cell.source = source
        return cell


def _insertion_point(cells: list, test_id: str, order: list[str]) -> int:
    """Where a missing test cell goes: after the last cell that defines its function, else after
    the nearest graded cell that comes before it in the source, else at the end."""
    if test_id.startswith(TEST_PREFIX):
        definition = re.compile(rf"^\s*def\s+{re.escape(test_id[len(TEST_PREFIX):])}\s*\(", re.MULTILINE)
        defining = [i for i, c in enumerate(cells) if c.cell_type == "code" and definition.search(c.source)]
        if defining:
            return defining[-1] + 1
    present = {c.metadata.get("nbgrader", {}).get("grade_id"): i for i, c in enumerate(cells)}
    for name in reversed(order[: order.index(test_id)]):
        if name in present:
            return present[name] + 1
    return len(cells)
