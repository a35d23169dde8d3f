"""The grading engine: autograde a whole class on warm sandboxed workers (python -m instructor autograde).

nbgrader grades one notebook at a time in a fresh kernel; most of that time is kernel start-up,
imports and shutdown. Here a coordinator (this module, the grader's process) keeps N warm
workers busy (worker.launch: each one imports numpy & co. once, inside its sandbox, then
runs every notebook in a fresh fork of itself), and does everything that decides or records a
grade itself, in one pass per submission:

    list submissions -> skip those already graded from the same files (the ledger)
    -> per notebook: sanitize (RestoreCells) -> job -> a worker runs it
    -> judge (JudgeChecks) -> CleanOutputs -> SaveGrades -> AssignLatePenalties
    -> write autograded/ -> write feedback/ -> record the submission in the ledger

The steps are the same nbgrader preprocessors as `nbgrader autograde` uses (instructor.pipeline),
so both paths give the same grades. Only the coordinator writes the gradebook, autograded/ and
feedback/, and only after the worker has sent the notebook's result back as data. A submission
counts as graded only once its ledger line is written, last: an engine killed midway, started
again, grades what is left and nothing twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from tqdm import tqdm

from instructor import pipeline
from instructor.feedback import FeedbackExporter, FeedbackScores
from instructor.pipeline.gradebook import SharedGradebook
from instructor.pipeline.sandboxed_execute import apply_result, build_job, job_environment, submission_files
from instructor.sandbox import Sandbox
from worker.launch import WorkerProcess, run_with_retry
from worker.job import Job, Result

LEDGER = ".ledger.jsonl"  # in autograded/: one line per submission graded to the end
MAX_NOTEBOOK_BYTES = 50 * 2**20  # a submitted notebook larger than this is not read
AFTER_EXECUTE = [step for step in pipeline.AUTOGRADE if step is not pipeline.SandboxedExecute]


@dataclass(frozen=True)
class Submission:
    assignment: str
    student: str
    folder: Path  # submitted/<student>/<assignment>
    notebooks: tuple[str, ...]  # notebook ids of the assignment, as the gradebook knows them

    @property
    def key(self) -> str:
        return f"{self.student}/{self.assignment}"


@dataclass
class Failure:
    assignment: str
    student: str
    reason: str


@dataclass
class Report:
    graded: list[Submission] = field(default_factory=list)
    skipped: list[Submission] = field(default_factory=list)  # already graded from the same files
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    worker_seconds: float = 0.0  # time the workers spent running notebooks, summed
    notebooks: int = 0


def fingerprint(folder: Path) -> str:
    """A digest of every file of a submission folder (names and contents), links not followed."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class Ledger:
    """Which submissions were graded to the end, and from which files (append-only JSON lines)."""

    def __init__(self, path: Path):
        self.path = path
        self.entries: dict[str, str] = {}
        if path.is_file():
            for line in path.read_text(errors="replace").splitlines():
                try:
                    entry = json.loads(line)
                    self.entries[entry["submission"]] = entry["fingerprint"]
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut short by a kill: that submission is graded again

    def done(self, submission: Submission, digest: str) -> bool:
        return self.entries.get(submission.key) == digest

    def record(self, submission: Submission, digest: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a") as f:
            f.write(json.dumps({"submission": submission.key, "fingerprint": digest, "time": time.time()}) + "\n")
            f.flush()
            os.fsync(f.fileno())
        self.entries[submission.key] = digest


# ----------------------------------------------------------------------------------------------
# Workers


class LocalPool:
    """`workers` warm sandboxed workers on this machine, one thread each. They are launched at
    once, so that they import while the coordinator lists and prepares the first submissions."""

    def __init__(self, sandbox: Sandbox, workers: int):
        self.sandbox = sandbox
        self.workers = [WorkerProcess(sandbox.settings()) for _ in range(workers)]
        for worker in self.workers:
            worker.launch()
        self.idle = list(self.workers)  # not yet taken by a thread
        self.lock = threading.Lock()
        self.local = threading.local()
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sandbox")
        self.size = workers

    def submit(self, job: Job) -> Future:
        return self.executor.submit(self._run, job)

    def _run(self, job: Job) -> tuple[Result, float]:
        worker = getattr(self.local, "worker", None)
        if worker is None:
            with self.lock:
                worker = self.local.worker = self.idle.pop()
        began = time.perf_counter()
        result = run_with_retry(worker, job)
        return result, time.perf_counter() - began

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        for worker in self.workers:
            worker.stop()


# ----------------------------------------------------------------------------------------------
# The coordinator


class Engine:
    """Grade submissions with a pool of sandboxed workers (see the module docstring)."""

    def __init__(self, api, workers: int | None = None, pool=None, progress: bool = True,
                 scheduler: str | None = None):
        self.api = api
        self.config = api.config
        self.coursedir = api.coursedir
        self.sandbox = Sandbox(config=self.config)
        self.workers = workers or os.cpu_count() or 1
        self.pool = pool
        self.scheduler = scheduler  # a Dask scheduler's address, or "local": see open_pool
        self.progress = progress
        self.ledger = Ledger(Path(self.coursedir.format_path(self.coursedir.autograded_directory, ".", ".")) / LEDGER)
        self.exporter = self._feedback_exporter()

    def _feedback_exporter(self) -> FeedbackExporter:
        """The course's feedback page (instructor.feedback), with nbgrader's scores, built once."""
        exporter = FeedbackExporter(config=self.config)
        exporter.register_preprocessor(FeedbackScores(config=self.config), enabled=True)
        return exporter

    # -- listing --------------------------------------------------------------------------------

    def submissions(self, assignments: list[str], students: list[str] | None = None) -> list[Submission]:
        found = []
        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gb:
            for assignment in assignments:
                try:
                    notebooks = tuple(sorted(n.name for n in gb.find_assignment(assignment).notebooks))
                except MissingEntry:
                    raise SystemExit(f"{assignment} is not in the gradebook: release it first (make release).") from None
                base = Path(self.coursedir.format_path(self.coursedir.submitted_directory, ".", ".")).resolve()
                for folder in sorted(base.glob(f"*/{assignment}")):
                    student = folder.parent.name
                    if folder.is_dir() and (students is None or student in students):
                        found.append(Submission(assignment, student, folder, notebooks))
        return found

    # -- one submission, before and after its workers ---------------------------------------------

    def _resources(self, submission: Submission, notebook: str) -> dict:
        return {"unique_key": notebook, "output_files_dir": f"{notebook}_files",
                "metadata": {"path": str(submission.folder)},
                "nbgrader": {"student": submission.student, "assignment": submission.assignment,
                             "notebook": notebook, "db_url": self.coursedir.db_url},
                "gradebook": SharedGradebook(self.gradebook)}  # the run's one open gradebook

    def _run_steps(self, steps, nb, resources):
        for step in steps:
            nb, resources = step(config=self.config).preprocess(nb, resources)
        return nb, resources

    def prepare(self, submission: Submission) -> list[tuple[str, object, dict, Job]]:
        """Gradebook records, then each submitted notebook sanitized and turned into a job."""
        timestamp = self.coursedir.get_existing_timestamp(str(submission.folder))
        self.gradebook.update_or_create_student(submission.student)
        extra = {"timestamp": timestamp} if timestamp else {}
        self.gradebook.update_or_create_submission(submission.assignment, submission.student, **extra)
        files, skipped = submission_files(self.coursedir, submission.assignment, submission.student)
        prepared = []
        for notebook in submission.notebooks:
            path = submission.folder / f"{notebook}.ipynb"
            if not path.is_file():
                self._zero_missing(submission, notebook)
                continue
            if path.stat().st_size > MAX_NOTEBOOK_BYTES:
                raise ValueError(f"{path.name} is {path.stat().st_size // 2**20} MiB, over "
                                 f"{MAX_NOTEBOOK_BYTES // 2**20} MiB: not graded")
            nb = nbformat.read(path, as_version=4)
            resources = self._resources(submission, notebook)
            nb, resources = self._run_steps(pipeline.SANITIZE, nb, resources)
            job = build_job(nb, submission.assignment, f"{notebook}.ipynb", files, self.sandbox.limits(),
                            {**job_environment(), "NBGRADER_EXECUTION": "autograde"})
            if skipped:
                resources.setdefault("notes", []).append(f"files left out: {', '.join(skipped)}")
            prepared.append((notebook, nb, resources, job))
        return prepared

    def _zero_missing(self, submission: Submission, notebook: str) -> None:
        """A notebook the student did not hand in scores zero, as nbgrader's autograde does."""
        record = self.gradebook.find_submission_notebook(notebook, submission.assignment, submission.student)
        for grade in record.grades:
            grade.auto_score = 0
            grade.needs_manual_grade = False
        self.gradebook.db.commit()

    def finish(self, submission: Submission, notebook: str, nb, resources: dict, job: Job, result: Result):
        """Judge and record one notebook's result; returns the graded notebook."""
        apply_result(nb, submission.assignment, job, result, resources)
        nb, resources = self._run_steps(AFTER_EXECUTE, nb, resources)
        return nb

    def commit(self, submission: Submission, graded: dict[str, object], digest: str) -> None:
        """Write autograded/ and feedback/ for a submission, then its ledger line (last)."""
        files, _ = submission_files(self.coursedir, submission.assignment, submission.student)
        timestamp = submission.folder / "timestamp.txt"
        if timestamp.is_file():
            files["timestamp.txt"] = timestamp.read_bytes()
        autograded = Path(self.coursedir.format_path(self.coursedir.autograded_directory, submission.student,
                                                     submission.assignment))
        feedback = Path(self.coursedir.format_path(self.coursedir.feedback_directory, submission.student,
                                                   submission.assignment))
        pages = {}
        for notebook, nb in graded.items():
            resources = self._resources(submission, notebook)
            html, _ = self.exporter.from_notebook_node(nb, resources=resources)
            pages[f"{notebook}.html"] = html.encode()
        _replace_folder(autograded, {**files, **{f"{n}.ipynb": nbformat.writes(nb).encode() for n, nb in graded.items()}})
        _replace_folder(feedback, {**files, **pages})
        self.ledger.record(submission, digest)

    # -- the run --------------------------------------------------------------------------------

    def run(self, assignments: list[str], students: list[str] | None = None, force: bool = False) -> Report:
        began = time.perf_counter()
        report = Report()
        pending = []
        for submission in self.submissions(assignments, students):
            digest = fingerprint(submission.folder)
            if not force and self.ledger.done(submission, digest) and self._outputs_exist(submission):
                report.skipped.append(submission)
            else:
                pending.append((submission, digest))
        if not pending:
            report.seconds = time.perf_counter() - began
            return report
        pool = self.pool or self.open_pool()  # its workers start while the first jobs are prepared
        try:
            self.gradebook = Gradebook(self.coursedir.db_url, self.coursedir.course_id)
            try:
                self._grade_all(pending, pool, report)
            finally:
                self.gradebook.close()
        finally:
            if self.pool is None:
                pool.close()
        report.seconds = time.perf_counter() - began
        return report

    def open_pool(self):
        """The run's workers: LocalPool on this machine, or, when a scheduler is named, a Dask
        cluster's (instructor.cluster: that scheduler's workers, or a LocalCluster for "local")."""
        if self.scheduler:
            from instructor.cluster import DaskPool  # distributed is imported only to grade on it

            return DaskPool(self.sandbox.settings(), self.scheduler, self.workers)
        self.sandbox.check_available()
        return LocalPool(self.sandbox, self.workers)

    def _outputs_exist(self, submission: Submission) -> bool:
        autograded = Path(self.coursedir.format_path(self.coursedir.autograded_directory, submission.student,
                                                     submission.assignment))
        return all((autograded / f"{n}.ipynb").is_file() for n in submission.notebooks
                   if (submission.folder / f"{n}.ipynb").is_file())

    def _grade_all(self, pending: list, pool, report: Report) -> None:
        queue = iter(pending)
        in_flight: dict[Future, tuple] = {}
        open_submissions: dict[str, dict] = {}
        bar = tqdm(total=len(pending), desc="autograde", unit="submission", disable=not self.progress,
                   smoothing=0.1)

        def fill() -> None:
            while len(in_flight) < 2 * getattr(pool, "size", self.workers):
                item = next(queue, None)
                if item is None:
                    return
                submission, digest = item
                try:
                    prepared = self.prepare(submission)
                except Exception as exc:  # one broken submission never stops the batch
                    report.failures.append(Failure(submission.assignment, submission.student, _reason(exc)))
                    bar.update()
                    continue
                state = open_submissions[submission.key] = {"left": len(prepared), "graded": {},
                                                            "submission": submission, "digest": digest}
                if not prepared:
                    self._close(state, report, bar)
                for notebook, nb, resources, job in prepared:
                    in_flight[pool.submit(job)] = (submission, notebook, nb, resources, job)

        fill()
        while in_flight:
            done, _ = wait(list(in_flight), return_when=FIRST_COMPLETED)
            for future in done:
                submission, notebook, nb, resources, job = in_flight.pop(future)
                state = open_submissions.get(submission.key)
                if state is None:
                    continue  # the submission failed on another notebook
                try:
                    result, seconds = future.result()
                    report.worker_seconds += seconds
                    report.notebooks += 1
                    state["graded"][notebook] = self.finish(submission, notebook, nb, resources, job, result)
                except Exception as exc:
                    report.failures.append(Failure(submission.assignment, submission.student, _reason(exc)))
                    open_submissions.pop(submission.key, None)
                    bar.update()
                    continue
                state["left"] -= 1
                if state["left"] == 0:
                    self._close(open_submissions.pop(submission.key), report, bar)
            fill()
        bar.close()

    def _close(self, state: dict, report: Report, bar) -> None:
        submission = state["submission"]
        try:
            self.commit(submission, state["graded"], state["digest"])
            report.graded.append(submission)
        except Exception as exc:
            report.failures.append(Failure(submission.assignment, submission.student, _reason(exc)))
        bar.update()


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[-1] if text else ''}"


def _replace_folder(folder: Path, files: dict[str, bytes]) -> None:
    """Make `folder` hold exactly `files`, written beside it first and then moved into place."""
    staging = folder.with_name(f".{folder.name}.{os.getpid()}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    for name, content in files.items():
        path = staging / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    staging.mkdir(parents=True, exist_ok=True)
    if folder.exists():
        shutil.rmtree(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staging, folder)
