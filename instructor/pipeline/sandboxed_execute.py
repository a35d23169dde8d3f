"""Run a notebook in the sandbox: nbgrader's Execute step, with student code kept out of reach.

`build_job` turns a notebook into a worker.job.Job: code cells to run, test cells of graded
functions turned into check steps (the function's name and the inputs of its public and hidden
cases, never their expected values), and the other files of the submission's folder. The
sandboxed worker runs it (worker.launch, worker.serve); `apply_result` writes each code cell's outputs back
into the notebook and hands each check's outcomes, still plain data, to the JudgeChecks step
through `resources["sandbox"]`.

A test cell that grades no known function (one an instructor added by hand) runs as code, as
nbgrader would run it, but inside the sandbox.
"""

from __future__ import annotations

import os
from pathlib import Path

from nbformat import from_dict
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer, Unicode

from graders import plaindata
from instructor.exercises import graded_functions
from instructor.sandbox import Sandbox, shared_worker
from worker.launch import run_with_retry
from worker.job import CHECK, CODE, SKIP, CaseToRun, Job, Limits, Result, Step

MAX_FILES_BYTES = 64 * 2**20  # a submission folder's other files, together


def is_test_cell(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


def folder_files(folder: Path, limit: int = MAX_FILES_BYTES) -> tuple[dict[str, bytes], list[str]]:
    """The files of a folder but its notebooks (relative path -> content), and what was left out.

    Symbolic links are never followed: a link in a submission could point at the gradebook.
    """
    files, skipped, total = {}, [], 0
    if not folder.is_dir():
        return files, skipped
    for top, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in (".ipynb_checkpoints", "__pycache__")
                         and not os.path.islink(os.path.join(top, d)))
        for name in sorted(names):
            path = Path(top) / name
            if path.suffix == ".ipynb" or path.is_symlink() or not path.is_file():
                continue
            size = path.stat().st_size
            relative = str(path.relative_to(folder))
            if total + size > limit:
                skipped.append(relative)
                continue
            files[relative] = path.read_bytes()
            total += size
    return files, skipped


def submission_files(coursedir: CourseDirectory, assignment: str, student: str,
                     limit: int = MAX_FILES_BYTES) -> tuple[dict[str, bytes], list[str]]:
    """What nbgrader puts beside a submitted notebook: the student's other files, then the
    instructor's files of the assignment's source folder over them."""
    submitted, skipped = folder_files(Path(coursedir.format_path(coursedir.submitted_directory, student, assignment)), limit)
    source, _ = folder_files(Path(coursedir.format_path(coursedir.source_directory, ".", assignment)))
    return {**submitted, **source}, skipped


def build_job(nb, assignment: str, notebook: str, files: dict[str, bytes], limits: Limits,
              env: dict[str, str]) -> Job:
    """The job that runs `nb` (see the module docstring)."""
    graded = graded_functions(assignment)
    steps = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            steps.append(Step(SKIP))
            continue
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if is_test_cell(cell) and grade_id in graded:
            function = graded[grade_id]
            cases = tuple(CaseToRun(case_id, plaindata.encode(dict(case.inputs)), case.seed, case.time_limit)
                          for case_id, case in function.cases)
            steps.append(Step(CHECK, function=function.function, cases=cases))
        else:
            steps.append(Step(CODE, source=cell.source))
    folder = Path(notebook).stem
    return Job(notebook=notebook, folder=folder, steps=tuple(steps), files=files, env=env, limits=limits)


def apply_result(nb, assignment: str, job: Job, result: Result, resources: dict) -> None:
    """Write the outputs into `nb`, and the checks' outcomes into resources["sandbox"]."""
    outcomes = {}
    for cell, step, done in zip(nb.cells, job.steps, result.cells):
        if step.kind == CODE:
            cell.outputs = [from_dict(o) for o in done.outputs]
            cell.execution_count = done.execution_count
        elif step.kind == CHECK:
            cell.outputs = []
            cell.execution_count = None
            outcomes[cell.metadata["nbgrader"]["grade_id"]] = done.outcomes
    resources["sandbox"] = {"assignment": assignment, "outcomes": outcomes, "notes": list(result.notes),
                            "statuses": [c.status for c in result.cells], "seconds": result.seconds}


def job_environment() -> dict[str, str]:
    """What the notebook sees of the grading run: NBGRADER_EXECUTION, as in nbgrader's kernels."""
    return {"NBGRADER_EXECUTION": os.environ.get("NBGRADER_EXECUTION", "autograde"),
            "MPLBACKEND": "module://matplotlib_inline.backend_inline", "LANG": "C.UTF-8",
            "PATH": "/usr/local/bin:/usr/bin:/bin", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
            "MPLCONFIGDIR": "/tmp/matplotlib", **({"CATVNONCAT_DIR": os.environ["CATVNONCAT_DIR"]}
                                                   if os.environ.get("CATVNONCAT_DIR") else {})}


class SandboxedExecute(NbGraderPreprocessor):
    """Execute the notebook in the course's sandbox (replaces nbgrader's Execute)."""

    assignment = Unicode("", help=(
        "Assignment id, when nbgrader does not say (nbgrader validate; by default the name of the "
        "notebook's folder).")).tag(config=True)
    max_files_bytes = Integer(MAX_FILES_BYTES, help="Bytes of other files sent with a notebook.").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources.get("nbgrader", {})
        folder = Path(resources.get("metadata", {}).get("path") or os.getcwd())  # validate runs in the folder
        assignment = info.get("assignment") or self.assignment or folder.name
        notebook = f"{info.get('notebook') or resources.get('unique_key') or assignment}.ipynb"
        if info.get("student"):
            files, skipped = submission_files(CourseDirectory(config=self.config), assignment, info["student"],
                                              self.max_files_bytes)
        else:  # nbgrader validate: the notebook's own folder
            files, skipped = folder_files(folder, self.max_files_bytes)
        sandbox = Sandbox(parent=self)
        job = build_job(nb, assignment, notebook, files, sandbox.limits(), job_environment())
        result = run_with_retry(shared_worker(sandbox), job)
        if skipped:
            result.notes.append(f"files left out (over {self.max_files_bytes // 2**20} MiB together): {', '.join(skipped)}")
        for note in result.notes:
            self.log.warning("%s: %s", notebook, note)
        apply_result(nb, assignment, job, result, resources)
        return nb, resources
