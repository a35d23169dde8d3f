"""Where student code runs at autograde: a warm worker (worker.serve) inside a bubblewrap sandbox.

The sandbox sees the Python environment, the public course packages (`helpers`, `graders`,
`worker`) and the datasets, all read-only, and nothing else of the course: no source notebooks,
no hidden checks, no gradebook, no nbgrader_config.py, no other student's files. It has no
network (an empty network namespace) and writes only to memory-backed folders that vanish with
it. The submission goes in as data and the result comes out as data, over the worker's pipes.
Inside, each notebook gets namespaces and resource limits of its own (worker.confine).

Every limit is a setting of `Sandbox`, changed in nbgrader_config.py:

    c.Sandbox.memory = "2 GiB"          # address space of each process of a notebook
    c.Sandbox.processes = 64
    c.Sandbox.cpu_seconds = 900         # CPU time of each process
    c.Sandbox.file_size = "100 MiB"     # the largest file a notebook may write
    c.Sandbox.notebook_timeout = 900    # wall clock per notebook, in seconds
    c.Sandbox.cell_timeout = 120        # wall clock per code cell

Where bubblewrap cannot run, grading stops with a message that names the cause and the fix.
`c.Sandbox.enabled = False` grades without a sandbox (student code then runs as you), with a
loud warning each time.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from traitlets import Bool, Float, Integer, Unicode
from traitlets.config import LoggingConfigurable

from graders import frames
from helpers.catvnoncat import DATASETS, ensure_default_dataset
from instructor.course import ROOT
from worker.job import NOT_RUN, CellResult, Job, JobError, Limits, Result

PUBLIC_PACKAGES = ("helpers", "graders", "worker")  # the only code of the course a sandbox sees
DATA_VAR = "CATVNONCAT_DIR"  # the original course files, when an instructor points at them
ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "passwd", "group",
             "nsswitch.conf", "fonts", "mime.types")
STARTUP_SECONDS = 120.0  # a worker that is not ready by then will not be


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot start on this machine; the message names the cause and the fix."""


class WorkerLost(RuntimeError):
    """A worker stopped answering or broke its protocol; the message says how."""


def package_folder(name: str) -> Path:
    """Where an installed package of the course lives (the checkout, for an editable install)."""
    return Path(importlib.util.find_spec(name).origin).resolve().parent


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B|B)?\s*$", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
          "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}


def parse_size(text: str | int) -> int:
    """Bytes in a size such as "2 GiB", "100MiB", "512 MB" or a plain number of bytes."""
    if isinstance(text, int):
        return text
    match = _SIZE.match(str(text))
    if not match:
        raise ValueError(f"{text!r} is not a size: write it like '2 GiB', '100 MiB' or '512 MB'")
    number, unit = match.groups()
    return int(float(number) * _UNITS[(unit or "b").lower()])


class Sandbox(LoggingConfigurable):
    """How and where submissions run at autograde (see the module docstring)."""

    enabled = Bool(True, help=(
        "Run every submission in a bubblewrap sandbox. Turned off, student code runs as you, "
        "with your files and your network: only for code you trust.")).tag(config=True)
    bwrap = Unicode("bwrap", help="The bubblewrap command (Debian's bubblewrap package).").tag(config=True)
    memory = Unicode("2 GiB", help="Address space each process of a notebook may use.").tag(config=True)
    processes = Integer(64, help="Processes and threads a notebook may run at once.").tag(config=True)
    cpu_seconds = Integer(900, help="CPU time each process of a notebook may use.").tag(config=True)
    file_size = Unicode("100 MiB", help="The largest file a notebook may write.").tag(config=True)
    disk = Unicode("512 MiB", help="Size of a notebook's working folder and of its /tmp, each.").tag(config=True)
    notebook_timeout = Float(900.0, help="Seconds one notebook may take, from first cell to last.").tag(config=True)
    cell_timeout = Float(120.0, help="Seconds one code cell may take before it is stopped.").tag(config=True)
    stream_chars = Integer(100_000, help="Printed characters kept per cell.").tag(config=True)
    output_size = Unicode("2 MiB", help="The largest display output (a picture, a table) kept.").tag(config=True)
    outputs_per_cell = Integer(100, help="Outputs kept per cell.").tag(config=True)
    unprivileged_uid = Integer(65534, help=(
        "When grading as root, the user id that runs student code (root would escape the process "
        "limit).")).tag(config=True)

    def limits(self) -> Limits:
        return Limits(
            cell_seconds=self.cell_timeout, notebook_seconds=self.notebook_timeout,
            memory_bytes=parse_size(self.memory), processes=self.processes,
            cpu_seconds=self.cpu_seconds, file_bytes=parse_size(self.file_size),
            disk_bytes=parse_size(self.disk), stream_chars=self.stream_chars,
            data_bytes=parse_size(self.output_size), outputs_per_cell=self.outputs_per_cell,
        )

    # ------------------------------------------------------------------------------------------
    # The command

    def environment(self) -> dict[str, str]:
        """The worker's environment variables: nothing of the grader's own, but for the data folder."""
        env = {
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]),
            "HOME": "/home/student", "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1",
            "MPLCONFIGDIR": "/tmp/matplotlib", "IPYTHONDIR": "/tmp/ipython",
            "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        }
        if os.environ.get(DATA_VAR) and Path(os.environ[DATA_VAR]).is_dir():
            env[DATA_VAR] = str(Path(os.environ[DATA_VAR]).resolve())
        if not self.enabled:
            env["WORKER_CONFINE"] = "0"
        elif os.getuid() == 0:
            env["WORKER_UID"] = str(self.unprivileged_uid)
        return env

    def read_only_paths(self) -> list[Path]:
        """Every host folder the sandbox sees, read-only, at the same place."""
        paths = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
        for path in paths:
            if path == ROOT or path in ROOT.parents:
                raise SandboxUnavailable(
                    f"the Python environment {path} holds the whole course folder {ROOT}, so a "
                    "sandbox could not hide the hidden checks and the gradebook: use a virtual "
                    "environment inside or beside the course (make creates .venv/).")
        paths |= {package_folder(name) for name in PUBLIC_PACKAGES}
        if DATASETS.is_dir():
            paths.add(DATASETS)
        if DATA_VAR in self.environment():
            paths.add(Path(self.environment()[DATA_VAR]))
        return sorted(paths)

    def command(self) -> list[str]:
        """The bubblewrap command line that starts one warm worker."""
        worker = [sys.executable, "-m", "worker"]
        if not self.enabled:
            return worker
        args = [self.bwrap, "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-ipc",
                "--unshare-uts", "--unshare-net", "--unshare-cgroup-try", "--hostname", "sandbox"]
        if os.getuid() == 0:
            # bubblewrap run by root makes no user namespace: the worker mounts its own /proc and
            # gives up root before any student code runs (worker.serve.drop_root).
            args += ["--dir", "/proc", "--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETUID",
                     "--cap-add", "CAP_SETGID"]
        else:
            args += ["--unshare-user", "--proc", "/proc"]
        for top in ("usr", "bin", "sbin", "lib", "lib32", "lib64"):
            path = Path("/") / top
            if path.is_symlink():
                args += ["--symlink", os.readlink(path), str(path)]
            elif path.is_dir():
                args += ["--ro-bind", str(path), str(path)]
        for name in ETC_FILES:
            if (Path("/etc") / name).exists():
                args += ["--ro-bind", f"/etc/{name}", f"/etc/{name}"]
        shared = self.read_only_paths()
        parents = sorted({p for path in shared for p in path.parents if p != Path("/")}, key=lambda p: len(p.parts))
        for parent in parents:  # readable folders on the way, whoever the worker runs as
            args += ["--perms", "0755", "--dir", str(parent)]
        for path in shared:
            args += ["--ro-bind", str(path), str(path)]
        args += ["--dev", "/dev", "--perms", "1777", "--tmpfs", "/tmp",
                 "--perms", "1777", "--dir", "/home/student", "--chdir", "/tmp", "--clearenv"]
        for key, value in self.environment().items():
            args += ["--setenv", key, value]
        return args + worker

    # ------------------------------------------------------------------------------------------
    # Can it run here?

    def check_available(self) -> None:
        """Raise SandboxUnavailable, naming the cause and the fix, when the sandbox cannot start."""
        if not self.enabled:
            return
        key = (self.bwrap, os.getuid())
        if key in _AVAILABLE:
            if _AVAILABLE[key]:
                raise SandboxUnavailable(_AVAILABLE[key])
            return
        _AVAILABLE[key] = _diagnose(self)
        if _AVAILABLE[key]:
            raise SandboxUnavailable(_AVAILABLE[key])


_AVAILABLE: dict[tuple, str] = {}
UNSANDBOXED = ("c.Sandbox.enabled is False: student code runs WITHOUT a sandbox, as you, with your "
               "files, your network and no limits. Grades and files are only as safe as the least "
               "trustworthy submission.")
OPT_OUT = ("If you trust every submission, c.Sandbox.enabled = False in nbgrader_config.py grades "
           "without a sandbox (student code then runs as you).")


def _diagnose(sandbox: Sandbox) -> str:
    """'' when a trivial command runs in the sandbox, else what is wrong and how to fix it."""
    if not sys.platform.startswith("linux"):
        return (f"the autograder's sandbox needs Linux (bubblewrap and namespaces); this is "
                f"{sys.platform}. Grade on a Linux machine or in a Linux virtual machine. {OPT_OUT}")
    if shutil.which(sandbox.bwrap) is None:
        return (f"bubblewrap ({sandbox.bwrap}) is not installed. Install it: `sudo apt install "
                f"bubblewrap` on Debian or Ubuntu, `sudo dnf install bubblewrap` on Fedora. {OPT_OUT}")
    probe = sandbox.command()[:-3] + [sys.executable, "-c", "pass"]
    try:
        done = subprocess.run(probe, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bubblewrap could not start: {exc}. {OPT_OUT}"
    if done.returncode == 0:
        return ""
    error = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit code {done.returncode}"
    if "namespace" in error.lower() or "permission" in error.lower() or "operation not permitted" in error.lower():
        return (f"bubblewrap cannot create the namespaces it needs ({error}). Unprivileged user "
                "namespaces are probably disabled: enable them with `sudo sysctl -w "
                "kernel.unprivileged_userns_clone=1` (Debian before 11), `sudo sysctl -w "
                "user.max_user_namespaces=15000`, or on Ubuntu 24.04 and later `sudo sysctl -w "
                "kernel.apparmor_restrict_unprivileged_userns=0`; inside a container, run it with "
                f"--privileged or a seccomp profile that allows unshare. {OPT_OUT}")
    return f"bubblewrap failed: {error}. {OPT_OUT}"


# ----------------------------------------------------------------------------------------------
# A running worker


class Worker:
    """One warm worker process in its sandbox, running one job at a time."""

    def __init__(self, sandbox: Sandbox):
        self.sandbox = sandbox
        self.process: subprocess.Popen | None = None
        self.log = tempfile.TemporaryFile(prefix="sandbox-worker-")
        self.reader: frames.FrameReader | None = None

    def start(self) -> None:
        self.sandbox.check_available()
        if not self.sandbox.enabled:
            self.sandbox.log.warning(UNSANDBOXED)
            print(f"WARNING: {UNSANDBOXED}", file=sys.stderr, flush=True)
        ensure_default_dataset()  # the sandbox sees the datasets read-only: draw them first
        self.process = subprocess.Popen(self.sandbox.command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self.log, start_new_session=True)
        self.reader = frames.FrameReader(self.process.stdout.fileno(), max_size=256 * 2**20)
        ready = self.reader.next_frame(time.monotonic() + STARTUP_SECONDS)
        if not (isinstance(ready, dict) and ready.get("ready")):
            reason = self._log_tail() or "no reason given"
            self.stop()
            raise WorkerLost(f"the sandboxed worker did not start: {reason}")

    def _log_tail(self, lines: int = 5) -> str:
        self.log.seek(0)
        return " / ".join(self.log.read().decode(errors="replace").strip().splitlines()[-lines:])

    def run(self, job: Job) -> Result:
        """The result of one job; WorkerLost if the worker stops answering or breaks the protocol."""
        if self.process is None or self.process.poll() is not None:
            self.start()
        try:
            frames.write_frame(self.process.stdin.fileno(), job.to_plain())
        except OSError as exc:
            self.stop()
            raise WorkerLost(f"the worker stopped taking jobs ({exc})") from None
        answer = self.reader.next_frame(time.monotonic() + job.limits.notebook_seconds + 120)
        if answer is frames.TIMED_OUT or answer is frames.CLOSED:
            tail = self._log_tail()
            self.stop()
            raise WorkerLost("the worker " + ("stopped answering" if answer is frames.TIMED_OUT else "stopped")
                             + (f": {tail}" if tail else ""))
        try:
            return Result.from_plain(answer, len(job.steps))
        except JobError as exc:
            self.stop()
            raise WorkerLost(f"the worker's answer was malformed ({exc})") from None

    def stop(self) -> None:
        if self.process is None:
            return
        process, self.process = self.process, None
        for stream in (process.stdin, process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_with_retry(worker: Worker, job: Job) -> Result:
    """The job's result; a worker lost on the way is restarted and the job tried once more, after
    which every cell is recorded as not run, with the reason (the batch always goes on)."""
    reasons = []
    for _ in range(2):
        try:
            return worker.run(job)
        except WorkerLost as exc:
            reasons.append(str(exc))
    return Result([CellResult(NOT_RUN) for _ in job.steps],
                  notes=[f"grading failed twice: {' / '.join(reasons)}"])


_shared: dict[int, Worker] = {}
_shared_lock = threading.Lock()


def shared_worker(sandbox: Sandbox) -> Worker:
    """One warm worker for this process (nbgrader's own commands grade one notebook at a time)."""
    with _shared_lock:
        if os.getpid() not in _shared:
            _shared[os.getpid()] = Worker(sandbox)
            atexit.register(_shared[os.getpid()].stop)
        worker = _shared[os.getpid()]
        worker.sandbox = sandbox
        return worker
