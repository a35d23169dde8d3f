"""How fast does a class get graded, and how much of that time is the students' own code?

In one run, this benchmark builds a class (students x the five assignments: complete answers,
blank notebooks and typical mistakes, in turn) and grades it four ways, each on a fresh copy of
the course:

- stock nbgrader: `nbgrader autograde` and `nbgrader generate_feedback` per assignment, with
  nbgrader's own pipeline (one kernel per notebook, unsandboxed) and test cells that judge the
  public and hidden checks inside the kernel, as the course did before its grading engine;
- the engine (`python -m instructor autograde`) with 1 worker and with N workers (sandboxed);
- the engine on a local Dask cluster of 1 and of N workers (`--scheduler local`: a LocalCluster,
  each of its worker processes keeping a warm sandbox, worker.remote), the path a class takes to
  a cluster;
- the engine with 1 worker and the sandbox turned off, to price the sandbox itself.

It also measures the student compute: every submission's own code run once in this process
(warmed up with the modules a worker imports before its first notebook, and with the notebook's
folder importable, as in a kernel), and its graded functions called on every public and hidden
case, with no sandbox, no kernel and no fork. That is what an ideal grader with no overhead would spend. It prints, per way of grading:
wall time, time per notebook, notebooks per minute and the ratio to stock nbgrader; then the
share of student compute, the engine's overhead against that compute, the parallel efficiency
from 1 to N workers (on this machine, and through Dask), the sandbox's cost, and whether every way
gave the same grade to every cell.

Run from the top folder (make bench-grading):
    .venv/bin/python benchmarks/autograde.py [--students 10] [--workers N] [--skip-stock]
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import gc
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
from nbgrader.api import Gradebook  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graders.running import record_call  # noqa: E402
from instructor import course, samples  # noqa: E402
from instructor.exercises import graded_functions  # noqa: E402
from worker.serve import warm_up  # noqa: E402

KINDS = (samples.COMPLETE, samples.BLANK, samples.MISTAKES)
TARGETS = {"ratio": 10.0, "overhead": 0.25, "efficiency": 0.8, "sandbox": 0.20}

STOCK_CONFIG = '''
# Stock nbgrader for the benchmark: nbgrader's own release and autograde pipelines, one kernel per
# notebook, no sandbox. Only the course layout and the release stub are the course's.
c = get_config()
c.CourseDirectory.course_id = "nn-course"
c.CourseDirectory.source_directory = "notebooks"
c.ClearSolutions.code_stub = {"python": (
    "# YOUR CODE STARTS HERE\\n"
    'raise NotImplementedError("{function} is not written yet: replace this line with your code.")\\n'
    "# YOUR CODE ENDS HERE")}
c.Execute.timeout = 120
c.OverwriteCells.add_missing_cells = True
'''


def _env(root: Path) -> dict:
    env = {**os.environ, "COURSE_ROOT": str(root), "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("CATVNONCAT_DIR", None)  # the default dataset, everywhere
    return env


def _run(root: Path, *command: str) -> float:
    began = time.perf_counter()
    done = subprocess.run(command, cwd=root, env=_env(root), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return time.perf_counter() - began


def fresh_course(where: Path, name: str, config_extra: str = "") -> Path:
    root = where / name
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copy(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    with open(root / "nbgrader_config.py", "a") as f:
        f.write(config_extra)
    _run(root, sys.executable, "-m", "instructor", "release")
    return root


def build_class(root: Path, students: int) -> list[tuple[str, str, Path]]:
    """(student, assignment, notebook path) for the whole class, written into root/submitted."""
    written = []
    for assignment in course.assignments():
        release = course.read(root / "release" / assignment / f"{assignment}.ipynb")
        for i in range(students):
            kind = KINDS[i % len(KINDS)]
            student = f"{kind}_{i:02d}"
            path = root / "submitted" / student / assignment / f"{assignment}.ipynb"
            path.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(samples.fill(release, samples.answers_for(kind, assignment)), path)
            written.append((student, assignment, path))
    return written


def stock_course(where: Path, submitted: Path) -> Path:
    """The course as stock nbgrader grades it: hidden checks back in the test cells."""
    root = where / "stock"
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    for path in (root / "notebooks").glob("*/*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            grade_id = course.nbgrader_meta(cell).get("grade_id", "")
            if course.is_test_cell(cell) and grade_id in graded_functions(path.stem):
                function = grade_id.removeprefix("test_")
                cell.source += (f"\n### BEGIN HIDDEN TESTS\nfrom instructor.hidden.{path.stem} import check_hidden\n"
                                f"check_hidden({function!r}, {function})\n### END HIDDEN TESTS")
        nbformat.write(nb, path)
    (root / "nbgrader_config.py").write_text(STOCK_CONFIG)
    for assignment in course.assignments():
        _run(root, "nbgrader", "generate_assignment", assignment, "--force")
    shutil.copytree(submitted, root / "submitted")
    return root


def cell_grades(root: Path) -> dict[tuple[str, str, str], float]:
    grades = {}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        for assignment in gb.assignments:
            for submission in assignment.submissions:
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        grades[submission.student.id, assignment.name, grade.name] = float(grade.score)
    return grades


def student_compute(submissions: list[tuple[str, str, Path]]) -> float:
    """Seconds to run every submission's code once and call its graded functions on every case,
    in this process, without isolation (what a grader with no overhead would spend)."""
    os.environ["NBGRADER_EXECUTION"] = "autograde"
    sys.path.insert(0, "")  # as in a kernel: a notebook imports the files beside it (a5's deep_blocks)
    warm_up()  # the modules a worker imports before its first notebook: not the students' time either
    gc.collect()
    gc.freeze()  # as the worker does before it forks a notebook
    total = 0.0
    for student, assignment, path in submissions:
        nb = nbformat.read(path, as_version=4)
        graded = graded_functions(assignment)
        with tempfile.TemporaryDirectory() as folder:
            for item in (ROOT / "notebooks" / assignment).iterdir():
                if item.suffix != ".ipynb":
                    (shutil.copytree if item.is_dir() else shutil.copy)(item, Path(folder) / item.name)
            cwd = os.getcwd()
            os.chdir(folder)
            namespace = {"__name__": "__main__"}
            try:
                for cell in nb.cells:
                    if cell.cell_type != "code":
                        continue
                    grade_id = course.nbgrader_meta(cell).get("grade_id")
                    began = time.perf_counter()
                    if course.is_test_cell(cell) and grade_id in graded:
                        func = namespace.get(graded[grade_id].function)
                        for _, case in graded[grade_id].cases:
                            record_call(func, copy.deepcopy(case)) if callable(func) else None
                    else:
                        try:
                            with contextlib.redirect_stdout(io.StringIO()):
                                exec(compile(cell.source, f"<{assignment}>", "exec"), namespace)
                        except Exception as exc:  # a blank or wrong answer raising is the student's time too
                            if student.startswith(samples.COMPLETE):  # but complete work must run whole
                                raise SystemExit(f"student compute: {student}/{assignment} raised {exc!r}") from exc
                    total += time.perf_counter() - began
                    plt.close("all")
            finally:
                os.chdir(cwd)
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=10, help="students in the class (default 10)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="workers of the parallel run")
    parser.add_argument("--skip-stock", action="store_true", help="leave out stock nbgrader (the slowest part)")
    args = parser.parse_args()
    assignments = course.assignments()
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        where = Path(tmp)
        first = fresh_course(where, "engine-1")
        submissions = build_class(first, args.students)
        notebooks = len(submissions)
        print(f"class: {args.students} students x {len(assignments)} assignments = {notebooks} notebooks "
              f"({', '.join(KINDS)} in turn); {os.cpu_count()} cores", flush=True)
        runs: dict[str, tuple[float, dict]] = {}

        def record(name: str, seconds: float, root: Path) -> None:
            runs[name] = (seconds, cell_grades(root))
            print(f"  {name}: {seconds:.1f} s", flush=True)

        engine = [sys.executable, "-m", "instructor", "autograde"]
        record("engine, 1 worker", _run(first, *engine, "--workers", "1"), first)
        parallel = fresh_course(where, "engine-n")
        shutil.copytree(first / "submitted", parallel / "submitted")
        record(f"engine, {args.workers} workers", _run(parallel, *engine, "--workers", str(args.workers)), parallel)
        for count, name in ((1, "1 worker"), (args.workers, f"{args.workers} workers")):
            dask = fresh_course(where, f"engine-dask-{name.replace(' ', '-')}")
            shutil.copytree(first / "submitted", dask / "submitted")
            record(f"engine, Dask LocalCluster, {name}",
                   _run(dask, *engine, "--scheduler", "local", "--workers", str(count)), dask)
        bare = fresh_course(where, "engine-bare", "\nc.Sandbox.enabled = False\n")
        shutil.copytree(first / "submitted", bare / "submitted")
        record("engine, 1 worker, no sandbox", _run(bare, *engine, "--workers", "1"), bare)
        compute = student_compute(submissions)
        print(f"  student compute: {compute:.1f} s", flush=True)
        if not args.skip_stock:
            stock = stock_course(where, first / "submitted")
            seconds = 0.0
            for assignment in assignments:
                seconds += _run(stock, "nbgrader", "autograde", assignment, "--create")
                seconds += _run(stock, "nbgrader", "generate_feedback", assignment)
            record("stock nbgrader", seconds, stock)
    report(runs, compute, notebooks, args.workers)
    return 0


def report(runs: dict, compute: float, notebooks: int, workers: int) -> None:
    stock = runs.get("stock nbgrader", (None, None))[0]
    width = max(len(name) for name in runs)
    print(f"\n{'':{width}} {'wall':>9} {'per notebook':>13} {'notebooks/min':>14} {'vs stock':>9}")
    for name, (seconds, _) in sorted(runs.items(), key=lambda item: -item[1][0]):
        ratio = f"{stock / seconds:8.1f}x" if stock else "        -"
        print(f"{name:{width}} {seconds:8.1f}s {seconds / notebooks:12.2f}s {60 * notebooks / seconds:14.1f} {ratio}")
    one = runs["engine, 1 worker"][0]
    many = runs[f"engine, {workers} workers"][0]
    bare = runs["engine, 1 worker, no sandbox"][0]
    overhead = (one - compute) / compute
    efficiency = one / (workers * many)
    sandbox = one / bare - 1
    print(f"\nstudent compute (each submission's code once, its functions on every case, one process): "
          f"{compute:.1f} s = {100 * compute / one:.0f} % of the engine's wall time at 1 worker")
    verdict = lambda ok: "met" if ok else "NOT met"  # noqa: E731
    print(f"engine overhead at 1 worker: {one - compute:.1f} s = {100 * overhead:.0f} % of the student compute"
          f"   (target <= {100 * TARGETS['overhead']:.0f} %: {verdict(overhead <= TARGETS['overhead'])})")
    print(f"parallel efficiency from 1 to {workers} workers: {efficiency:.2f}"
          f"   (target >= {TARGETS['efficiency']}: {verdict(efficiency >= TARGETS['efficiency'])})")
    dask_one = runs["engine, Dask LocalCluster, 1 worker"][0]
    dask = runs[f"engine, Dask LocalCluster, {workers} workers"][0]
    dask_efficiency = dask_one / (workers * dask)
    print(f"Dask LocalCluster of {workers} workers: {60 * notebooks / dask:.1f} notebooks per minute; parallel "
          f"efficiency against its 1 worker {dask_efficiency:.2f}   (target >= {TARGETS['efficiency']}: "
          f"{verdict(dask_efficiency >= TARGETS['efficiency'])}), against the engine's 1 worker without Dask "
          f"{one / (workers * dask):.2f}; {dask / many:.2f}x the time of {workers} workers without Dask")
    print(f"sandbox cost at 1 worker: {100 * sandbox:+.0f} % of the time without it"
          f"   (target <= {100 * TARGETS['sandbox']:.0f} %: {verdict(sandbox <= TARGETS['sandbox'])})")
    if stock:
        ratio = stock / many
        print(f"throughput against stock nbgrader with {workers} workers: {ratio:.1f}x"
              f"   (target >= {TARGETS['ratio']:.0f}x: {verdict(ratio >= TARGETS['ratio'])})")
    grades = {name: g for name, (_, g) in runs.items()}
    reference = grades["engine, 1 worker"]
    differing = {name: sorted(k for k in reference.keys() | g.keys() if reference.get(k) != g.get(k))
                 for name, g in grades.items()}
    if all(not d for d in differing.values()):
        print(f"per-cell grades identical across {', '.join(grades)}: yes ({len(reference)} cells)")
    else:
        for name, cells in differing.items():
            if cells:
                print(f"per-cell grades of {name} differ from the engine's on {len(cells)} cells, e.g. {cells[:3]}")


if __name__ == "__main__":
    sys.exit(main())
