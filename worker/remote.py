"""What a worker of a Dask cluster runs for the grader: one notebook's job in a warm sandbox.

The grader's process (instructor.cluster) sends each notebook to the cluster as a call to
`grade`, with two arguments of plain data: the job (`Job.to_plain()`: the cells, the inputs of
the cases, the submission's files and the limits) and how to start the sandbox
(`SandboxSettings`, as a dict). The answer is plain data too, and the grader checks it with
`Result.from_plain` as it checks a local worker's. So a Dask worker needs the course's Python
environment and its public packages (helpers, graders, worker, datasets), bubblewrap and user
namespaces, and nothing else: no shared folder, and never the instructor's package, the hidden
checks or the gradebook.

Each task slot of a Dask worker process (one, with `dask worker --nthreads 1`) keeps one warm
sandboxed worker (worker.launch.WorkerProcess) between notebooks, so a notebook costs on a
cluster what it costs on one machine. A sandbox lost on the way is restarted and the notebook
tried once more, as on one machine (worker.launch.run_with_retry); a Dask worker that dies
mid-notebook is the scheduler's to handle (the grader asks it to try another worker once).
"""

from __future__ import annotations

import atexit
import threading
import time
from dataclasses import asdict

from worker.job import Job
from worker.launch import SandboxSettings, SandboxUnavailable, WorkerProcess, check_available, run_with_retry

_idle: dict[SandboxSettings, list[WorkerProcess]] = {}  # warm sandboxes between two notebooks
_started: list[WorkerProcess] = []
_lock = threading.Lock()


def settings_from_plain(settings: dict) -> SandboxSettings:
    """The SandboxSettings that `asdict(settings)` came from (its folders as a tuple again)."""
    return SandboxSettings(**{**settings, "protected": tuple(settings.get("protected", ()))})


def settings_to_plain(settings: SandboxSettings) -> dict:
    return asdict(settings)


def grade(job: dict, settings: dict) -> dict:
    """Run one notebook's job in a warm sandbox of this process; `{"result": Result.to_plain(),
    "seconds": wall time on this worker}`. SandboxUnavailable when the sandbox cannot start here."""
    began = time.perf_counter()
    sandbox = settings_from_plain(settings)
    request = Job.from_plain(job)
    worker = _take(sandbox)
    try:
        result = run_with_retry(worker, request)
    finally:
        with _lock:
            _idle.setdefault(sandbox, []).append(worker)
    return {"result": result.to_plain(), "seconds": time.perf_counter() - began}


def _take(settings: SandboxSettings) -> WorkerProcess:
    """A warm sandbox started with `settings` that no other task is using, or a new one."""
    with _lock:
        idle = _idle.get(settings)
        if idle:
            return idle.pop()
        worker = WorkerProcess(settings)
        _started.append(worker)
        return worker


def sandbox_problem(settings: dict) -> str:
    """Why the sandbox cannot start on this worker, or '' when it can (what the grader asks every
    worker before it sends them notebooks)."""
    try:
        check_available(settings_from_plain(settings))
    except SandboxUnavailable as exc:
        return str(exc)
    return ""


@atexit.register
def _stop_all() -> None:
    for worker in _started:
        worker.stop()
