"""Start and talk to a warm worker (worker.serve) inside a bubblewrap sandbox.

This is the machine's side of the sandbox, and it holds nothing secret: the grader's process uses
it on the grading machine, and so does every worker of a Dask cluster (worker.remote). What it is
told comes as plain data, `SandboxSettings`, and it refuses to start a sandbox that would show
anything of a protected folder (the course folder, which holds the hidden checks and the
gradebook).

The sandbox sees the Python environment, the public course packages (`helpers`, `graders`,
`worker`) and the datasets, all read-only, and nothing else: no network (an empty network
namespace) and no writable host folder (memory-backed folders that vanish with it). The
submission goes in as data and the result comes out as data, over the worker's pipes. Inside,
each notebook gets namespaces and resource limits of its own (worker.confine).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from graders import frames
from worker.job import NOT_RUN, CellResult, Job, JobError, Result

PUBLIC_PACKAGES = ("helpers", "graders", "worker")  # the only code of the course a sandbox sees
DATA_VAR = "CATVNONCAT_DIR"  # the original course files, when an instructor points at them
ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "passwd", "group",
             "nsswitch.conf", "fonts", "mime.types")
HOME = "/home/student"
STARTUP_SECONDS = 120.0  # a worker that is not ready by then will not be
UNSANDBOXED = ("c.Sandbox.enabled is False: student code runs WITHOUT a sandbox, as you, with your "
               "files, your network and no limits. Grades and files are only as safe as the least "
               "trustworthy submission.")
OPT_OUT = ("If you trust every submission, c.Sandbox.enabled = False in nbgrader_config.py grades "
           "without a sandbox (student code then runs as you).")


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot start on this machine; the message names the cause and the fix."""


class WorkerLost(RuntimeError):
    """A worker stopped answering or broke its protocol; the message says how."""


@dataclass(frozen=True)
class SandboxSettings:
    """How to start a sandbox, as plain data (instructor.sandbox.Sandbox makes it from the config)."""

    enabled: bool = True
    bwrap: str = "bwrap"
    unprivileged_uid: int = 65534  # who runs student code when the grader is root
    protected: tuple[str, ...] = ()  # folders that nothing mounted in the sandbox may contain


def package_folder(name: str) -> Path:
    """Where an installed package of the course lives (the checkout, for an editable install)."""
    return Path(importlib.util.find_spec(name).origin).resolve().parent


def interpreter() -> Path:
    """This Python, by a path the sandbox also has: inside the environment's resolved folder (a
    virtual environment reached through a link is mounted where the link points)."""
    executable = Path(sys.executable)
    try:
        return Path(sys.prefix).resolve() / executable.relative_to(sys.prefix)
    except ValueError:
        return executable.resolve()


def datasets_folder() -> Path:
    from helpers.catvnoncat import DATASETS

    return DATASETS


# ----------------------------------------------------------------------------------------------
# The command


def environment(settings: SandboxSettings) -> dict[str, str]:
    """The worker's environment variables: nothing of the grader's own, but for the data folder."""
    env = {
        "PATH": os.pathsep.join([str(interpreter().parent), "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": HOME, "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1",
        "MPLCONFIGDIR": "/tmp/matplotlib", "IPYTHONDIR": "/tmp/ipython",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    }
    if os.environ.get(DATA_VAR) and Path(os.environ[DATA_VAR]).is_dir():
        env[DATA_VAR] = str(Path(os.environ[DATA_VAR]).resolve())
    if not settings.enabled:
        env["WORKER_CONFINE"] = "0"
    elif os.getuid() == 0:
        env["WORKER_UID"] = str(settings.unprivileged_uid)
    return env


def read_only_paths(settings: SandboxSettings) -> list[Path]:
    """Every host folder the sandbox sees, read-only, at the same place."""
    paths = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    paths |= {package_folder(name) for name in PUBLIC_PACKAGES}
    if datasets_folder().is_dir():
        paths.add(datasets_folder())
    if DATA_VAR in environment(settings):
        paths.add(Path(environment(settings)[DATA_VAR]))
    protected = [Path(p).resolve() for p in settings.protected] + [package_folder("worker").parent]
    for path in paths:
        for folder in protected:
            if path == folder or path in folder.parents:
                raise SandboxUnavailable(
                    f"{path} would be shown to student code, and it holds {folder} (the course "
                    "folder, with the hidden checks and the gradebook): use a Python environment "
                    "inside or beside the course (make creates .venv/), not one that contains it.")
    return sorted(paths)


def command(settings: SandboxSettings) -> list[str]:
    """The bubblewrap command line that starts one warm worker."""
    worker = [str(interpreter()), "-m", "worker"]
    if not settings.enabled:
        return worker
    args = [settings.bwrap, "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-ipc",
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
    shared = read_only_paths(settings)
    parents = sorted({p for path in shared for p in path.parents if p != Path("/")}, key=lambda p: len(p.parts))
    for parent in parents:  # readable folders on the way, whoever the worker runs as
        args += ["--perms", "0755", "--dir", str(parent)]
    for path in shared:
        args += ["--ro-bind", str(path), str(path)]
    args += ["--dev", "/dev", "--perms", "1777", "--tmpfs", "/tmp",
             "--perms", "1777", "--dir", HOME, "--chdir", "/tmp", "--clearenv"]
    for key, value in environment(settings).items():
        args += ["--setenv", key, value]
    return args + worker


# ----------------------------------------------------------------------------------------------
# Can it run here?

_AVAILABLE: dict[tuple, str] = {}


def check_available(settings: SandboxSettings) -> None:
    """Raise SandboxUnavailable, naming the cause and the fix, when the sandbox cannot start."""
    if not settings.enabled:
        return
    key = (settings.bwrap, os.getuid())
    if key not in _AVAILABLE:
        _AVAILABLE[key] = _diagnose(settings)
    if _AVAILABLE[key]:
        raise SandboxUnavailable(_AVAILABLE[key])


def _diagnose(settings: SandboxSettings) -> str:
    """'' when a trivial command runs in the sandbox, else what is wrong and how to fix it."""
    if not sys.platform.startswith("linux"):
        return (f"the autograder's sandbox needs Linux (bubblewrap and namespaces); this is "
                f"{sys.platform}. Grade on a Linux machine or in a Linux virtual machine. {OPT_OUT}")
    if shutil.which(settings.bwrap) is None:
        return (f"bubblewrap ({settings.bwrap}) is not installed. Install it: `sudo apt install "
                f"bubblewrap` on Debian or Ubuntu, `sudo dnf install bubblewrap` on Fedora. {OPT_OUT}")
    probe = command(settings)[:-3] + [str(interpreter()), "-c", "pass"]
    try:
        done = subprocess.run(probe, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bubblewrap could not start: {exc}. {OPT_OUT}"
    if done.returncode == 0:
        return ""
    error = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit code {done.returncode}"
    if any(word in error.lower() for word in ("namespace", "permission", "operation not permitted")):
        return (f"bubblewrap cannot create the namespaces it needs ({error}). Unprivileged user "
                "namespaces are probably disabled: enable them with `sudo sysctl -w "
                "kernel.unprivileged_userns_clone=1` (Debian before 11), `sudo sysctl -w "
                "user.max_user_namespaces=15000`, or on Ubuntu 24.04 and later `sudo sysctl -w "
                "kernel.apparmor_restrict_unprivileged_userns=0`; inside a container, run it with "
                f"--privileged or a seccomp profile that allows unshare. {OPT_OUT}")
    return f"bubblewrap failed: {error}. {OPT_OUT}"


# ----------------------------------------------------------------------------------------------
# A running worker


class WorkerProcess:
    """One warm worker process in its sandbox, running one job at a time."""

    def __init__(self, settings: SandboxSettings):
        self.settings = settings
        self.process: subprocess.Popen | None = None
        self.log = tempfile.TemporaryFile(prefix="sandbox-worker-")
        self.reader: frames.FrameReader | None = None
        self.ready = False  # it has said so since it was launched

    def launch(self) -> None:
        """Start the worker's process without waiting for it to be ready (it imports for a second
        or two, which the grader can spend on its own work); `start` or `run` waits."""
        check_available(self.settings)
        if not self.settings.enabled:
            print(f"WARNING: {UNSANDBOXED}", file=sys.stderr, flush=True)
        from helpers.catvnoncat import ensure_default_dataset

        ensure_default_dataset()  # the sandbox sees the datasets read-only: draw them first
        self.process = subprocess.Popen(command(self.settings), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self.log, start_new_session=True)
        self.reader = frames.FrameReader(self.process.stdout.fileno(), max_size=256 * 2**20)
        self.ready = False

    def start(self) -> None:
        """Start the worker (unless `launch` did) and wait until it is ready for jobs."""
        if self.process is None or self.process.poll() is not None:
            self.launch()
        if self.ready:
            return
        ready = self.reader.next_frame(time.monotonic() + STARTUP_SECONDS)
        if not (isinstance(ready, dict) and ready.get("ready")):
            reason = self._log_tail() or "no reason given"
            self.stop()
            raise WorkerLost(f"the sandboxed worker did not start: {reason}")
        self.ready = True

    def _log_tail(self, lines: int = 5) -> str:
        self.log.seek(0)
        return " / ".join(self.log.read().decode(errors="replace").strip().splitlines()[-lines:])

    def run(self, job: Job) -> Result:
        """The result of one job; WorkerLost if the worker stops answering or breaks the protocol."""
        if self.process is None or self.process.poll() is not None or not self.ready:
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
        self.ready = False
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


def run_with_retry(worker: WorkerProcess, job: Job) -> Result:
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
