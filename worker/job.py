"""The grader's request to a sandboxed worker (`Job`) and the worker's answer (`Result`).

Both are plain data and travel as JSON frames (graders.frames). A job holds everything one
notebook needs, so the worker needs no shared folder: the steps to run (one per cell), the other
files of the submission, the environment variables and the limits. Its check steps carry the
inputs of the cases to run, never their expected values.

The grader reads a Result with `Result.from_plain`, which refuses anything malformed: the worker
runs beside student code, so its answer is checked like any other input.
"""

from __future__ import annotations

import base64
from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

CODE, CHECK, SKIP = "code", "check", "skip"  # kinds of step
# What became of a cell.
OK, ERROR, TIMED_OUT, DIED, NOT_RUN, SKIPPED = "ok", "error", "timed out", "died", "not run", "skipped"
STATUSES = (OK, ERROR, TIMED_OUT, DIED, NOT_RUN, SKIPPED)


class JobError(ValueError):
    """A job or a result that does not have the expected form; the message says what."""


@dataclass(frozen=True)
class CaseToRun:
    """One call to make: `inputs` encoded by graders.plaindata (a dict of keyword arguments)."""

    id: str
    inputs: Any
    seed: int | None = None
    time_limit: float = 10.0


@dataclass(frozen=True)
class Step:
    """One cell: run its `source` (CODE), call `function` on `cases` (CHECK), or leave it (SKIP)."""

    kind: str
    source: str = ""
    function: str = ""
    cases: tuple[CaseToRun, ...] = ()


@dataclass(frozen=True)
class Limits:
    """What one notebook may use. Times in seconds, sizes in bytes."""

    cell_seconds: float = 120.0  # one code cell; a check cell gets its cases' time limits
    notebook_seconds: float = 900.0  # the whole notebook, replays included
    memory_bytes: int = 2 * 2**30  # address space of each process
    processes: int = 64  # processes and threads of the notebook at once
    cpu_seconds: int = 900  # CPU time of each process
    file_bytes: int = 100 * 2**20  # the largest file it may write
    disk_bytes: int = 512 * 2**20  # its private working folder and /tmp, each
    stream_chars: int = 100_000  # printed text kept per cell
    data_bytes: int = 2 * 2**20  # the largest display output kept (a picture, a table)
    cell_data_bytes: int = 8 * 2**20  # display outputs kept per cell, together
    outputs_per_cell: int = 100
    notebook_output_bytes: int = 64 * 2**20  # everything one notebook sends back


@dataclass(frozen=True)
class Job:
    notebook: str  # the notebook's file name, e.g. "a1_numpy_basics.ipynb"
    folder: str  # the name of the working folder, e.g. "a1_numpy_basics"
    steps: tuple[Step, ...]
    files: Mapping[str, bytes] = field(default_factory=dict)  # relative path -> content
    env: Mapping[str, str] = field(default_factory=dict)
    limits: Limits = Limits()

    def to_plain(self) -> dict:
        data = asdict(self)
        data["files"] = {name: base64.b64encode(content).decode("ascii") for name, content in self.files.items()}
        return data

    @classmethod
    def from_plain(cls, data: Any) -> "Job":
        try:
            steps = tuple(
                Step(kind=s["kind"], source=s.get("source", ""), function=s.get("function", ""),
                     cases=tuple(CaseToRun(**c) for c in s.get("cases", ())))
                for s in data["steps"]
            )
            files = {str(name): base64.b64decode(content) for name, content in data.get("files", {}).items()}
            return cls(notebook=str(data["notebook"]), folder=str(data["folder"]), steps=steps,
                       files=files, env=dict(data.get("env", {})), limits=Limits(**data.get("limits", {})))
        except (KeyError, TypeError, ValueError) as exc:
            raise JobError(f"not a job: {exc}") from None


@dataclass
class CellResult:
    """What became of one step: its status, its outputs (nbformat v4), and a check's outcomes."""

    status: str = NOT_RUN
    outputs: list = field(default_factory=list)
    execution_count: int | None = None
    outcomes: list | None = None  # for a CHECK step: one plain outcome (graders.running) per case
    seconds: float = 0.0


@dataclass
class Result:
    cells: list[CellResult]
    notes: list[str] = field(default_factory=list)  # what the worker wants the grader to know
    seconds: float = 0.0

    def to_plain(self) -> dict:
        return asdict(self)

    @classmethod
    def from_plain(cls, data: Any, steps: int) -> "Result":
        """The result of a job of `steps` steps; JobError when `data` is anything else."""
        if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
            raise JobError("a result must hold a list of cells")
        if len(data["cells"]) != steps:
            raise JobError(f"the result holds {len(data['cells'])} cells for {steps} steps")
        cells = [_cell(c) for c in data["cells"]]
        notes = data.get("notes", [])
        if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
            raise JobError("notes must be a list of strings")
        seconds = data.get("seconds", 0.0)
        return cls(cells, notes, float(seconds) if type(seconds) in (int, float) else 0.0)


def _cell(data: Any) -> CellResult:
    if not isinstance(data, dict):
        raise JobError("a cell result must be an object")
    status = data.get("status")
    if status not in STATUSES:
        raise JobError(f"unknown cell status {status!r}")
    outputs = data.get("outputs", [])
    if not isinstance(outputs, list) or not all(isinstance(o, dict) for o in outputs):
        raise JobError("outputs must be a list of objects")
    count = data.get("execution_count")
    if count is not None and type(count) is not int:
        raise JobError("execution_count must be an int or null")
    outcomes = data.get("outcomes")
    if outcomes is not None and not isinstance(outcomes, list):
        raise JobError("outcomes must be a list or null")
    seconds = data.get("seconds", 0.0)
    return CellResult(status, outputs, count, outcomes, float(seconds) if type(seconds) in (int, float) else 0.0)
