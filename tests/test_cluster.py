"""Grading on a Dask cluster (instructor.cluster, worker.remote): a real scheduler and two real
workers on 127.0.0.1, started as `dask scheduler` and `dask worker` processes, grade a class of
assignment 1 cell for cell as the local engine does; a worker killed mid-notebook loses nothing;
a worker never imports the instructor's package; a worker that cannot start the sandbox stops
the run before any notebook is sent, and says which worker and why."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest
from distributed import Client
from nbgrader.api import Gradebook

from instructor import course, samples
from instructor.cluster import DaskPool
from instructor.exercises import graded_functions
from instructor.sandbox import Sandbox
from tests.conftest import copy_course, needs_sandbox
from tests.test_resume import A1, KINDS, SLOW_CELL, _env

pytestmark = needs_sandbox  # every test here grades

STUDENTS = [f"{kind}_{i}" for i in range(2) for kind in KINDS]
DASK = Path(sys.executable).with_name("dask")
# The scheduler as the README starts it: a notebook whose worker dies goes to one more worker.
SCHEDULER_ENV = {"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1"}


class Cluster:
    """`dask scheduler` and `workers` single-threaded `dask worker` processes on 127.0.0.1, each
    in a session of its own, started from a folder outside the course."""

    def __init__(self, folder: Path, workers: int = 2):
        self.folder = folder
        self.processes: list[subprocess.Popen] = []
        self.client = None
        try:
            self._start_all(workers)
        except BaseException:
            self.close()
            raise

    def _start_all(self, workers: int) -> None:
        scheduler_file = self.folder / "scheduler.json"
        self.scheduler = self._start("scheduler", "scheduler", "--scheduler-file", str(scheduler_file),
                                     "--host", "127.0.0.1", "--port", "0", "--dashboard-address", "127.0.0.1:0")
        deadline = time.monotonic() + 60
        while not scheduler_file.is_file() and time.monotonic() < deadline:
            assert self.scheduler.poll() is None, self.log("scheduler")
            time.sleep(0.1)
        self.address = json.loads(scheduler_file.read_text())["address"]
        self.workers = [self._start(f"worker{i}", "worker", self.address, "--nthreads", "1", "--nworkers", "1",
                                    "--host", "127.0.0.1", "--no-dashboard", "--name", f"worker{i}")
                        for i in range(workers)]
        self.client = Client(self.address, timeout=60)
        self.client.wait_for_workers(workers, timeout=120)

    def _start(self, name: str, *args: str) -> subprocess.Popen:
        env = {**os.environ, **SCHEDULER_ENV}
        env.pop("COURSE_ROOT", None)
        with open(self.folder / f"{name}.log", "wb") as log:
            process = subprocess.Popen([str(DASK), *args], cwd=self.folder, env=env, stdout=log,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(process)
        return process

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(errors="replace")[-3000:]

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL for a `dask` process and everything of its session (its nanny, its worker)."""
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        for process in reversed(self.processes):
            self.kill(process)


def _start_cluster(folder: Path) -> Cluster:
    if not DASK.is_file():
        pytest.skip(f"the `dask` command is not in {DASK.parent}: install the course's environment (make venv)")
    return Cluster(folder)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    running = _start_cluster(tmp_path_factory.mktemp("dask"))
    yield running
    running.close()


@pytest.fixture
def own_cluster(tmp_path_factory):
    """A cluster for one test alone (one that kills a worker)."""
    running = _start_cluster(tmp_path_factory.mktemp("dask"))
    yield running
    running.close()


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    root = copy_course(tmp_path_factory.mktemp("released"))
    done = subprocess.run([sys.executable, "-m", "instructor", "release"], cwd=root, env=_env(root),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return root


def a_class(released: Path, where: Path, slow: bool = False) -> Path:
    """A copy of the released course with STUDENTS' submissions of assignment 1 (each with a cell
    that sleeps a second first, when `slow`)."""
    root = where / "course"
    shutil.copytree(released, root)
    write_submissions(root, slow)
    return root


def write_submissions(root: Path, slow: bool = False) -> None:
    """STUDENTS' submissions of assignment 1 in root/submitted, from root's release."""
    release = course.read(root / "release" / A1 / f"{A1}.ipynb")
    for student in STUDENTS:
        nb = samples.fill(release, samples.answers_for(student.rsplit("_", 1)[0], A1))
        if slow:
            nb.cells.insert(1, nbformat.v4.new_code_cell(SLOW_CELL))
        folder = root / "submitted" / student / A1
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{A1}.ipynb")


def autograde(root: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "instructor", "autograde", A1, *options], cwd=root,
                          env=_env(root), capture_output=True, text=True, timeout=600)


def cell_scores(root: Path) -> dict[tuple[str, str], float]:
    """(student, graded cell) -> score, for every cell worth points."""
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        return {(s.student.id, g.name): float(g.score) for s in gb.find_assignment(A1).submissions
                for n in s.notebooks for g in n.grades if g.max_score}


def assert_graded_right(scores: dict[tuple[str, str], float]) -> None:
    """One score per student and graded cell, and each student's total what their work deserves."""
    assert sorted(scores) == sorted((s, c) for s in STUDENTS for c in graded_functions(A1))
    for student in STUDENTS:
        total = sum(score for (s, _), score in scores.items() if s == student)
        assert total == KINDS[student.rsplit("_", 1)[0]], student


@pytest.fixture(scope="module")
def graded(cluster, released, tmp_path_factory) -> dict[str, tuple[Path, subprocess.CompletedProcess]]:
    """The same class graded three ways: by the local engine, on the cluster, on a LocalCluster."""
    options = {"engine": ("--workers", "2"), "cluster": ("--scheduler", cluster.address),
               "LocalCluster": ("--scheduler", "local", "--workers", "2")}
    runs = {}
    for name, chosen in options.items():
        root = a_class(released, tmp_path_factory.mktemp(name.lower()))
        runs[name] = (root, autograde(root, *chosen))
    return runs


def test_the_cluster_grades_every_cell_as_the_local_engine_does(graded):
    for name, (root, run) in graded.items():
        assert run.returncode == 0, f"{name}: {run.stdout[-2000:]}{run.stderr[-2000:]}"
        assert f"graded {len(STUDENTS)} submission(s)" in run.stdout, name
    expected = cell_scores(graded["engine"][0])
    assert_graded_right(expected)
    for name in ("cluster", "LocalCluster"):
        root = graded[name][0]
        assert cell_scores(root) == expected, name
        for student in STUDENTS:
            assert (root / "autograded" / student / A1 / f"{A1}.ipynb").is_file(), (name, student)
            assert (root / "feedback" / student / A1 / f"{A1}.html").is_file(), (name, student)


def _allow_failures(count: int):
    def allow(dask_scheduler):  # runs on the scheduler
        dask_scheduler.allowed_failures = count
    return allow


def test_a_scheduler_that_tries_a_notebook_more_than_twice_gets_a_note(cluster, capsys):
    settings = Sandbox().settings()
    DaskPool(settings, cluster.address).close()  # started as the README says: no note
    assert "note:" not in capsys.readouterr().err
    cluster.client.run_on_scheduler(_allow_failures(3))
    try:
        DaskPool(settings, cluster.address).close()
    finally:
        cluster.client.run_on_scheduler(_allow_failures(1))
    note = capsys.readouterr().err
    assert "on 4 workers" in note and "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES=1" in note, note


def test_a_worker_never_imports_the_instructors_package(graded, cluster):
    imported = cluster.client.run(lambda: sorted(m for m in sys.modules if m.split(".")[0] in ("instructor", "worker")))
    assert any("worker.remote" in modules for modules in imported.values()), imported  # it graded there
    assert all(not any(m.startswith("instructor") for m in modules) for modules in imported.values()), imported


def _notebook_running(worker: subprocess.Popen) -> bool:
    """Whether a `dask worker` session's sandbox is running a notebook: the warm worker and its
    zygote, plus a notebook process forked from the zygote."""
    try:
        tree = psutil.Process(worker.pid).children(recursive=True)
        return sum(1 for p in tree if p.cmdline()[-2:] == ["-m", "worker"]) >= 3
    except psutil.Error:
        return False


def test_a_worker_killed_mid_notebook_loses_nothing(own_cluster, released, tmp_path):
    cluster = own_cluster
    root = a_class(released, tmp_path, slow=True)
    ledger = root / "autograded" / ".ledger.jsonl"
    run = subprocess.Popen([sys.executable, "-m", "instructor", "autograde", A1, "--scheduler", cluster.address],
                           cwd=root, env=_env(root), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed, sandbox = None, []
    deadline = time.monotonic() + 300
    while killed is None and run.poll() is None and time.monotonic() < deadline:
        started = ledger.is_file() and ledger.read_text().count("\n") >= 1  # both sandboxes are warm by now
        for worker in cluster.workers:
            if started and _notebook_running(worker):
                sandbox = psutil.Process(worker.pid).children(recursive=True)
                cluster.kill(worker)
                killed = worker
                break
        time.sleep(0.02)
    assert killed is not None, "no worker was caught running a notebook before the run ended"
    out, err = run.communicate(timeout=600)
    assert run.returncode == 0, out[-2000:] + err[-2000:]
    assert f"graded {len(STUDENTS)} submission(s)" in out and "FAILED" not in err
    assert_graded_right(cell_scores(root))
    graded = [json.loads(line)["submission"] for line in ledger.read_text().splitlines()]
    assert sorted(graded) == sorted(f"{student}/{A1}" for student in STUDENTS)  # each exactly once
    assert [p for p in sandbox if p.is_running()] == []  # the killed worker's sandbox went with it


def test_a_worker_without_the_sandbox_stops_the_run_and_says_why(cluster, released, tmp_path):
    root = a_class(released, tmp_path)
    with open(root / "nbgrader_config.py", "a") as f:
        f.write('\nc.Sandbox.bwrap = "no-such-bwrap"\n')
    run = autograde(root, "--scheduler", cluster.address)
    assert run.returncode == 2, run.stdout[-2000:] + run.stderr[-2000:]
    assert "on the Dask worker tcp://127.0.0.1:" in run.stderr and "no-such-bwrap" in run.stderr, run.stderr
    assert not (root / "autograded").exists()
