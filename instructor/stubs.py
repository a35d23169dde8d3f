"""The release stub that names the function a student has to write.

nbgrader's ClearSolutions swaps every solution region for one fixed stub. Ours carries a
`{function}` placeholder, filled with the name of the `def` that encloses the region, so that an
unanswered exercise fails with "basic_sigmoid is not written yet" rather than a bare
NotImplementedError.
"""

import re

from nbgrader.preprocessors import ClearSolutions

_DEF = re.compile(r"^\s*def\s+(\w+)\s*\(", re.MULTILINE)


def enclosing_function(source: str, marker: str) -> str | None:
    """Name of the last `def` that starts before `marker` in `source`, or None."""
    before = source.split(marker, 1)[0]
    names = _DEF.findall(before)
    return names[-1] if names else None


class NamedStubs(ClearSolutions):
    """ClearSolutions whose code stub names the enclosing function (see module docstring)."""

    def _replace_solution_region(self, cell, language):
        name = enclosing_function(cell.source, self.begin_solution_delimeter)
        if name is None:
            name = cell.metadata.get("nbgrader", {}).get("grade_id", "this exercise")
        template = self.code_stub
        self.code_stub = {**template, language: template[language].replace("{function}", name)}
        try:
            return super()._replace_solution_region(cell, language)
        finally:
            self.code_stub = template
