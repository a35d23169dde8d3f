"""The grading engine's workers on a Dask cluster (`python -m instructor autograde --scheduler ...`).

`DaskPool` is the engine's pool when a scheduler is named: an existing cluster's
(`tcp://HOST:8786`, started with `dask scheduler` and `dask worker`, see the README), or a
`LocalCluster` on this machine, one single-threaded worker process per core (`local`). Each
notebook goes to the cluster as one task, `worker.remote.grade`, whose arguments are plain data:
the job and the sandbox's settings. The answer comes back as plain data, checked like a local
worker's (`Result.from_plain`). The engine judges it and writes the grades here, as it does for
`LocalPool`; the hidden checks and the gradebook never leave this process.

A Dask worker that dies mid-notebook (its machine lost, its process killed) leaves the notebook to
the scheduler, which gives it to another worker once (`distributed.scheduler.allowed-failures`
= 1) and then reports it lost; the engine records that notebook's submission as a grading
failure with the reason, and the batch goes on.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from concurrent.futures import CancelledError, Future

import dask
from distributed import Client, KilledWorker, LocalCluster

from instructor.nbgrader_api import SetupError
from worker import remote
from worker.job import Job, Result
from worker.launch import SandboxSettings, SandboxUnavailable, WorkerLost

LOCAL = "local"  # --scheduler local: a LocalCluster on this machine
ALLOWED_FAILURES = 1  # a notebook whose worker dies goes to one more worker, then is reported
POLICY = {"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}
POLICY_HINT = ("start the scheduler as `DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES=1 dask scheduler` "
               "so that a notebook whose worker dies is tried on one more worker, then reported")
CONNECT_SECONDS = 60.0  # to reach the scheduler and see a first worker
SIZE_SECONDS = 5.0  # how long the cluster's count of task slots is taken as known


class DaskPool:
    """Sandboxed workers of a Dask cluster, with the engine's pool interface (see LocalPool):
    `submit(job)` gives a concurrent.futures.Future of `(Result, seconds)`; `size` is the number
    of task slots of the cluster's workers right now; `close()`."""

    def __init__(self, settings: SandboxSettings, scheduler: str, workers: int | None = None):
        self.settings = remote.settings_to_plain(settings)
        self.cluster = None
        self.tasks: set = set()  # a task's future must be kept, or the scheduler forgets the task
        self._size, self._size_at = 0, 0.0
        if scheduler == LOCAL:
            with dask.config.set(POLICY):
                self.cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                            processes=True, dashboard_address="127.0.0.1:0")
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(scheduler, timeout=CONNECT_SECONDS)
            except (OSError, TimeoutError) as exc:
                raise SetupError(f"could not reach the Dask scheduler at {scheduler} ({exc}). Start it "
                                 "(`dask scheduler`) and its workers (`dask worker ...`, see the README), or "
                                 "grade on this machine without --scheduler.") from None
        try:
            try:
                self.client.wait_for_workers(1, timeout=CONNECT_SECONDS)
            except TimeoutError:
                raise SetupError(f"the Dask scheduler at {scheduler} has no worker (none joined in "
                                 f"{CONNECT_SECONDS:g} s): start them with `dask worker {scheduler} "
                                 "--nthreads 1 --nworkers N` (see the README).") from None
            self._check_workers()
            if self.cluster is None:
                self._check_policy()
        except BaseException:
            self.close()
            raise

    def _check_workers(self) -> None:
        """Every worker can start the sandbox, or SandboxUnavailable names those that cannot."""
        problems = {address: problem for address, problem in
                    self.client.run(remote.sandbox_problem, self.settings).items() if problem}
        if problems:
            address, problem = sorted(problems.items())[0]
            others = f" (and {len(problems) - 1} other worker(s))" if len(problems) > 1 else ""
            raise SandboxUnavailable(f"on the Dask worker {address}{others}: {problem}")

    def _check_policy(self) -> None:
        """Say so when the scheduler tries a notebook on more workers than ALLOWED_FAILURES + 1."""
        def allowed_failures(dask_scheduler) -> int:  # runs on the scheduler: sent by value
            return dask_scheduler.allowed_failures

        allowed = self.client.run_on_scheduler(allowed_failures)
        if allowed != ALLOWED_FAILURES:
            print(f"note: the scheduler tries a notebook whose worker died on {allowed + 1} workers in "
                  f"all; {POLICY_HINT}", file=sys.stderr, flush=True)

    @property
    def size(self) -> int:
        if time.monotonic() - self._size_at > SIZE_SECONDS:
            self._size = sum(self.client.nthreads().values())
            self._size_at = time.monotonic()
        return max(1, self._size)

    def submit(self, job: Job) -> Future:
        answer: Future = Future()
        task = self.client.submit(remote.grade, job.to_plain(), self.settings, pure=False,
                                  key=f"grade-{job.folder}-{uuid.uuid4().hex}")
        self.tasks.add(task)
        task.add_done_callback(lambda done: self._resolve(done, job, answer))
        return answer

    def _resolve(self, task, job: Job, answer: Future) -> None:
        """Hand the task's outcome to the engine's future: the checked result, or why there is none."""
        self.tasks.discard(task)
        try:
            plain = task.result()
            answer.set_result((Result.from_plain(plain["result"], len(job.steps)), float(plain["seconds"])))
        except KilledWorker as exc:
            answer.set_exception(WorkerLost(
                f"every Dask worker that ran this notebook died ({exc.allowed_failures + 1} in all, the last "
                f"{exc.last_worker.address}), so it was not graded; the next autograde run grades it"))
        except CancelledError:
            answer.set_exception(WorkerLost("the cluster cancelled this notebook (the scheduler was lost?)"))
        except BaseException as exc:
            answer.set_exception(exc)

    def close(self) -> None:
        if self.tasks:
            self.client.cancel(list(self.tasks))
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
