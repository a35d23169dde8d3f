"""Keep every output of a graded notebook within size, and free of the grader's own file paths.

The sandbox already cuts what a notebook prints and displays (worker.cells), but what comes out
of a sandbox is not trusted: this step, in the grader's process, applies the same limits again
before anything reaches the gradebook, the autograded notebook or a feedback page. It also
rewrites the folders of the grading machine in tracebacks (the Python environment, the course
checkout, the sandbox's working folder) as short relative names, so that feedback shows where
an error happened without showing where the course lives.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from nbformat import from_dict
from nbgrader.preprocessors import NbGraderPreprocessor

from instructor.sandbox import Sandbox
from worker.launch import package_folder
from worker.confine import HOME


def _prefixes() -> list[tuple[str, str]]:
    """(folder, what to show instead), longest first."""
    checkout = package_folder("graders").parent
    pairs = {str(Path(p).resolve()) + "/lib/": "<python>/lib/" for p in (sys.prefix, sys.base_prefix)}
    pairs[str(checkout) + "/"] = ""
    pairs[HOME + "/"] = ""
    return sorted(pairs.items(), key=lambda pair: -len(pair[0]))


class CleanOutputs(NbGraderPreprocessor):
    """Cap outputs and hide the grader's paths (see the module docstring)."""

    def preprocess(self, nb, resources):
        limits = Sandbox(parent=self).limits()
        self.stream_chars, self.data_bytes, self.per_cell = limits.stream_chars, limits.data_bytes, limits.outputs_per_cell
        self.prefixes = _prefixes()
        return super().preprocess(nb, resources)

    def _clean(self, text: str) -> str:
        for prefix, shown in self.prefixes:
            text = text.replace(prefix, shown)
        return text

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        kept, chars, cut = [], 0, []
        for output in cell.outputs[: self.per_cell]:
            kind = output.get("output_type")
            if kind == "stream":
                text = self._clean(str(output.get("text", "")))
                room = max(0, self.stream_chars - chars)
                if len(text) > room:
                    cut.append(f"printed text beyond {self.stream_chars} characters is not shown")
                    text = text[:room]
                chars += len(text)
                if text:
                    output["text"] = text
                    kept.append(output)
            elif kind == "error":
                output["evalue"] = self._clean(str(output.get("evalue", "")))[: self.stream_chars]
                output["traceback"] = [self._clean(str(line)) for line in output.get("traceback", [])][:200]
                kept.append(output)
            elif kind in ("display_data", "execute_result"):
                size = len(json.dumps(output.get("data", {})))
                if size > self.data_bytes:
                    cut.append(f"a display output of {size / 2**20:.1f} MB is not shown")
                    continue
                kept.append(output)
        if len(cell.outputs) > self.per_cell:
            cut.append(f"more than {self.per_cell} outputs: the rest are not shown")
        if cut:
            kept.append({"output_type": "stream", "name": "stdout",
                         "text": "".join(f"[output cut: {c}]\n" for c in dict.fromkeys(cut))})
        cell.outputs = [from_dict(o) for o in kept]
        return cell, resources
