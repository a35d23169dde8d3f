"""The warm worker: import once, then run notebook after notebook, each in a fresh process.

`python -m worker` is started by the grader inside its sandbox (worker.launch) and talks
to it over stdin and stdout in JSON frames (graders.frames): a `Job` in, a `Result` out, until
stdin closes. Three kinds of process take part:

- the worker reads jobs, supervises the notebook that runs each one (a time limit per cell and
  per notebook), and answers with the result;
- the zygote is forked from the worker once everything is imported and before any job arrives,
  so that its memory holds no student's data; it forks one process per notebook on request and
  hands the worker the two pipes of that process;
- the notebook process enters namespaces of its own (worker.confine) and forks the process that
  runs the notebook, process 1 of its own PID namespace, which reads the job, runs the cells in
  order (worker.cells) and sends each cell's result as soon as it has it.

When a cell hangs or ends the notebook's process (os._exit, a crash, memory exhausted), the
worker kills what is left of that notebook, records the cell as timed out or died, and starts a
fresh notebook process that runs the cells above again quietly (without the ones that failed
this way) and goes on with the next cell. Grading always finishes.
"""

from __future__ import annotations

import gc
import os
import signal
import socket
import struct
import sys
import time
from contextlib import suppress
from dataclasses import asdict
from typing import Any

from graders import frames, plaindata
from graders.cases import Case
from graders.running import Outcome, run_cases
from worker.job import (
    CHECK, CODE, DIED, ERROR, NOT_RUN, OK, SKIPPED, TIMED_OUT, CellResult, Job, JobError, Limits, Result, Step,
)

CONFINE_VAR = "WORKER_CONFINE"  # "0" to run notebooks without namespaces (the unsandboxed opt-out)
MAX_RESULT_FRAME = 64 * 2**20  # one cell's result, outputs included, is never larger


# ----------------------------------------------------------------------------------------------
# Starting up


def drop_root(uid: int) -> None:
    """When started as root (bubblewrap run by root), mount a /proc for this PID namespace, then
    become `uid`: notebook processes must not run as root, or their process limit would not apply."""
    from worker import confine

    os.makedirs("/proc", exist_ok=True)
    confine.mount("proc", "/proc", "proc", confine.MS_NOSUID | confine.MS_NODEV)
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    if os.getuid() == 0 or os.geteuid() == 0:
        raise SystemExit("worker: could not give up root")


def warm_up():
    """Import what every notebook imports, and build the shell each notebook starts from."""
    import matplotlib

    matplotlib.use("module://matplotlib_inline.backend_inline")
    import h5py  # noqa: F401
    import matplotlib.pyplot  # noqa: F401
    import numpy  # noqa: F401
    import PIL.Image  # noqa: F401
    import scipy.optimize  # noqa: F401
    import scipy.special  # noqa: F401
    import sklearn.datasets  # noqa: F401
    import sklearn.linear_model  # noqa: F401

    import graders.checking  # noqa: F401
    import helpers.activations  # noqa: F401
    import helpers.catvnoncat  # noqa: F401
    import helpers.planar  # noqa: F401
    import helpers.plotting  # noqa: F401
    from worker.cells import Shell

    shell = Shell.instance()
    shell.enable_matplotlib("inline")
    shell.InteractiveTB.set_mode("Plain")  # Python's own traceback: readable, and 20 times cheaper
    return shell


# ----------------------------------------------------------------------------------------------
# The zygote


class Zygote:
    """A clean copy of the warm worker that forks notebook processes on request."""

    def __init__(self, shell, worker_fds: tuple[int, ...] = ()):
        self.socket, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self.pid = os.fork()
        if self.pid == 0:
            self.socket.close()
            for fd in worker_fds:  # the worker's channel to the grader is the worker's alone
                os.close(fd)
            _zygote_main(theirs, shell)
        theirs.close()

    def spawn(self) -> tuple[int, int, int]:
        """A new notebook process: (its pid, the pipe to send it the job, the pipe of its results)."""
        self.socket.sendall(b"s")
        message, fds, _, _ = socket.recv_fds(self.socket, 16, 2)
        if len(fds) != 2 or len(message) != 8:
            raise RuntimeError("the zygote did not answer")
        (pid,) = struct.unpack(">Q", message)
        return pid, fds[0], fds[1]


def _zygote_main(sock: socket.socket, shell) -> None:
    from worker import confine

    with suppress(OSError):
        confine.set_dumpable(False)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1):  # the worker's jobs come in on 0; nothing of the zygote's goes out
        os.dup2(devnull, fd)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # notebook processes are reaped by the kernel
    gc.collect()
    gc.freeze()  # what is here now is never traced again: forks share its pages instead of copying them
    try:
        while sock.recv(1):
            job_read, job_write = os.pipe()
            results_read, results_write = os.pipe()
            pid = os.fork()
            if pid == 0:
                sock.close()
                os.close(job_write)
                os.close(results_read)
                _notebook_process(shell, job_read, results_write)
            os.close(job_read)
            os.close(results_write)
            socket.send_fds(sock, [struct.pack(">Q", pid)], [job_write, results_read])
            os.close(job_write)
            os.close(results_read)
    finally:
        os._exit(0)


# ----------------------------------------------------------------------------------------------
# One notebook


def _notebook_process(shell, job_read: int, results_write: int) -> None:
    """Enter the notebook's namespaces, fork its process 1, and wait for it; never returns."""
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        keep = {0, 1, 2, job_read, results_write}
        for fd in _open_fds():
            if fd not in keep:
                with suppress(OSError):
                    os.close(fd)
        confined = os.environ.get(CONFINE_VAR) != "0"
        if confined:
            from worker import confine

            confine.enter_namespaces()
        child = os.fork()
        if child == 0:
            _run_notebook(shell, job_read, results_write, confined)
        os.close(job_read)
        os.close(results_write)
        signal.signal(signal.SIGTERM, lambda *_: os.kill(child, signal.SIGKILL))
        os.waitpid(child, 0)
    finally:
        os._exit(0)


def _open_fds() -> list[int]:
    try:
        return [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return list(range(3, 256))


def _run_notebook(shell, job_read: int, results_write: int, confined: bool) -> None:
    """Process 1 of the notebook: read the job, set up the folder and limits, run the cells."""
    try:
        os.setsid()  # a process group of its own: killpg(0) from the notebook reaches only the notebook
        request = frames.FrameReader(job_read).next_frame()
        os.close(job_read)
        job = Job.from_plain(request["job"])
        start, skip = int(request["start"]), set(request["skip"])
        if confined:
            from worker import confine

            work = confine.private_file_systems(job.limits, job.folder)
            os.environ.clear()
            os.environ.update({**job.env, "HOME": confine.HOME})
        else:
            import tempfile

            work = os.path.join(tempfile.mkdtemp(prefix="notebook-"), job.folder)
            os.makedirs(work)
            os.environ.update(job.env)
        for name, content in job.files.items():
            path = os.path.join(work, name)
            if os.path.relpath(path, work).startswith(".."):
                continue  # a file name that points outside the folder is not written
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(content)
        os.chdir(work)
        sys.path.insert(0, "")  # as in a kernel: the notebook's folder is importable
        if confined:
            confine.apply_limits(job.limits)
        shell.capture_streams()
        _run_steps(shell, job, start, skip, results_write)
    finally:
        os._exit(0)


def _run_steps(shell, job: Job, start: int, skip: set[int], channel: int) -> None:
    quiet = Limits(stream_chars=0, outputs_per_cell=0, data_bytes=0)
    for index, step in enumerate(job.steps):
        if index < start:
            if step.kind == CODE and index not in skip:
                frames.write_frame(channel, {"replay": index})
                shell.run_code_cell(step.source, quiet)
            continue
        frames.write_frame(channel, {"start": index})
        began = time.perf_counter()
        if step.kind == CODE:
            ok, outputs, count = shell.run_code_cell(step.source, job.limits)
            result = CellResult(OK if ok else ERROR, outputs, count)
        elif step.kind == CHECK:
            result = CellResult(OK, outcomes=_run_check(shell, step))
        else:
            result = CellResult(SKIPPED)
        result.seconds = time.perf_counter() - began
        frames.write_frame(channel, {"cell": index, "result": asdict(result)})
    frames.write_frame(channel, {"done": True})


def _run_check(shell, step: Step) -> list[dict]:
    """Call the student's function on each case of the step (graders.running); plain outcomes."""
    func = shell.user_ns.get(step.function)
    if not callable(func):
        missing = Outcome(error=f"NameError: there is no function called {step.function!r} when this "
                                "check runs: run the cell that defines it, and keep its name.")
        return [missing.to_plain() for _ in step.cases]
    cases = []
    for case in step.cases:
        inputs = plaindata.decode(case.inputs)
        cases.append(Case(case.id, inputs, None, seed=case.seed, time_limit=case.time_limit))
    return [outcome.to_plain() for outcome in run_cases(func, cases)]


# ----------------------------------------------------------------------------------------------
# The worker's side of a notebook


def _budget(step: Step, job: Job) -> float:
    """Seconds a step may take before its notebook process is stopped."""
    if step.kind == CHECK:
        return sum(c.time_limit for c in step.cases) + 10.0
    return job.limits.cell_seconds


def _stopped_cell(status: str, step: Step, job: Job) -> CellResult:
    if status == TIMED_OUT:
        ename, text = "TimeoutError", (
            f"This cell did not finish within {_budget(step, job):g} s and was stopped. The cells "
            "above were run again in a fresh process and grading went on from the next cell.")
    else:
        ename, text = "KernelDied", (
            "The Python process stopped while this cell ran (the code ended the process, crashed "
            "it, or ran out of memory). The cells above were run again in a fresh process and "
            "grading went on from the next cell.")
    return CellResult(status, [{"output_type": "error", "ename": ename, "evalue": text, "traceback": [f"{ename}: {text}"]}])


def grade(zygote: Zygote, job: Job) -> Result:
    """Run every step of the job, surviving cells that hang or kill their process."""
    began = time.monotonic()
    notebook_deadline = began + job.limits.notebook_seconds
    results: list[CellResult | None] = [None] * len(job.steps)
    dead: set[int] = set()
    notes: list[str] = []
    start = 0
    while start < len(job.steps):
        if time.monotonic() >= notebook_deadline:
            notes.append(f"the notebook's time ({job.limits.notebook_seconds:g} s) ran out; "
                         f"cells from {start + 1} on were not run")
            break
        start = _one_process(zygote, job, start, dead, results, notebook_deadline, notes)
    cells = [r if r is not None else CellResult(NOT_RUN) for r in results]
    return Result(cells, notes, time.monotonic() - began)


def _one_process(zygote: Zygote, job: Job, start: int, dead: set[int], results: list,
                 notebook_deadline: float, notes: list[str]) -> int:
    """Run the notebook from `start` in one fresh process; the index to go on from."""
    pid, job_write, results_read = zygote.spawn()
    try:
        with suppress(OSError):
            frames.write_frame(job_write, {"job": job.to_plain(), "start": start, "skip": sorted(dead)})
        os.close(job_write)
        reader = frames.FrameReader(results_read, max_size=MAX_RESULT_FRAME)
        current, deadline = None, notebook_deadline
        while True:
            frame = reader.next_frame(min(deadline, notebook_deadline))
            event = _event(frame, len(job.steps))
            if event is None:  # hung, ended, or broke the protocol
                status = TIMED_OUT if frame is frames.TIMED_OUT else DIED
                if current is None:
                    notes.append(f"the notebook process stopped before cell {start + 1} ({status})")
                    return len(job.steps)
                dead.add(current)
                if current >= start:
                    results[current] = _stopped_cell(status, job.steps[current], job)
                    return current + 1
                return start  # a cell above failed on its replay: replay again without it
            kind, index, payload = event
            if reader.received > job.limits.notebook_output_bytes:
                notes.append(f"the notebook sent back more than {job.limits.notebook_output_bytes // 2**20} MB "
                             "of output; it was stopped there")
                if current is not None and results[current] is None:
                    results[current] = _stopped_cell(DIED, job.steps[current], job)
                return len(job.steps)
            if kind == "done":
                return len(job.steps)
            if kind in ("start", "replay"):
                current, deadline = index, time.monotonic() + _budget(job.steps[index], job)
            elif kind == "cell" and index == current:
                results[index] = payload
                current, deadline = None, notebook_deadline
    finally:
        _end_notebook(pid)
        os.close(results_read)


def _end_notebook(pid: int, grace: float = 10.0) -> None:
    """Stop a notebook process and wait until it is gone: it exits only once its process 1 is
    reaped, and the kernel reaps that one only after every other process of its PID namespace."""
    deadline = time.monotonic() + grace
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)  # its handler kills the notebook's process 1
        while time.monotonic() < deadline:
            os.kill(pid, 0)
            time.sleep(0.001)
        os.kill(pid, signal.SIGKILL)


def _event(frame: Any, steps: int) -> tuple[str, int, Any] | None:
    """A frame from a notebook process as (kind, cell index, payload), or None if it is not one."""
    if not isinstance(frame, dict):
        return None
    if frame.get("done") is True:
        return "done", -1, None
    for kind in ("start", "replay"):
        if kind in frame:
            index = frame[kind]
            return (kind, index, None) if type(index) is int and 0 <= index < steps else None
    index = frame.get("cell")
    if type(index) is not int or not 0 <= index < steps:
        return None
    try:
        payload = Result.from_plain({"cells": [frame["result"]]}, 1).cells[0]
    except (JobError, KeyError):
        return None
    return "cell", index, payload


# ----------------------------------------------------------------------------------------------
# The loop


def main() -> None:
    out = os.dup(1)  # frames go to the grader on this descriptor; anything printed goes to stderr
    os.dup2(2, 1)
    uid = os.environ.pop("WORKER_UID", "")
    if os.getuid() == 0 and uid:
        drop_root(int(uid))
    shell = warm_up()
    zygote = Zygote(shell, worker_fds=(out,))
    with suppress(OSError):
        from worker import confine

        confine.set_dumpable(False)
    reader = frames.FrameReader(0)
    frames.write_frame(out, {"ready": True, "pid": os.getpid()})
    while True:
        message = reader.next_frame()
        if message is frames.CLOSED:
            break
        try:
            job = Job.from_plain(message)
        except JobError as exc:
            frames.write_frame(out, {"error": str(exc)})
            continue
        frames.write_frame(out, grade(zygote, job).to_plain())
