"""The sandbox itself: what a notebook inside it can see and do, its limits, and the messages an
instructor gets when it cannot run. Each test starts a real bubblewrap sandbox."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from instructor.sandbox import Sandbox, SandboxUnavailable, parse_size
from worker.launch import WorkerProcess, package_folder
from tests.conftest import needs_sandbox
from worker.job import DIED, OK, TIMED_OUT, Job, Limits, Step

CHECKOUT = package_folder("graders").parent




def _job(*sources: str, **limits) -> Job:
    return Job("probe.ipynb", "probe", tuple(Step("code", source=textwrap.dedent(s)) for s in sources),
               limits=Limits(**{"cell_seconds": 20, **limits}))


def _printed(cell) -> str:
    return "".join(o.get("text", "") + o.get("evalue", "") for o in cell.outputs)


@pytest.fixture(scope="module")
def worker():
    w = WorkerProcess(Sandbox().settings())
    w.start()
    yield w
    w.stop()


@needs_sandbox
def test_a_notebook_sees_only_the_public_course_and_no_network(worker):
    result = worker.run(_job(f"""
        import os, socket
        print(sorted(os.listdir({str(CHECKOUT)!r})))
        for name in ("instructor", "notebooks", "nbgrader_config.py", "gradebook.db", "tests"):
            print(name, os.path.exists(os.path.join({str(CHECKOUT)!r}, name)))
        try:
            socket.create_connection(("127.0.0.1", 22), timeout=2)
        except OSError as error:
            print("network:", type(error).__name__)
        print("uid", os.getuid(), "pid", os.getpid())
        """))
    text = _printed(result.cells[0])
    assert result.cells[0].status == OK, text
    for name in ("instructor", "notebooks", "nbgrader_config.py", "gradebook.db", "tests"):
        assert f"{name} False" in text
    assert "network: ConnectionRefusedError" in text or "network: OSError" in text
    assert "uid 0 " not in text and "pid 1" in text


@needs_sandbox
def test_nothing_of_the_course_or_the_environment_is_writable(worker):
    targets = [CHECKOUT / "graders" / "checking.py", Path(sys.prefix) / "pyvenv.cfg", Path("/probe-file"),
               Path("/usr/probe-file"), CHECKOUT / "datasets" / "probe"]
    result = worker.run(_job(f"""
        for target in {[str(t) for t in targets]!r}:
            try:
                open(target, "a").write("x")
                print("WROTE", target)
            except OSError as error:
                print("refused", target, type(error).__name__)
        open("mine.txt", "w").write("a notebook's own folder is writable")
        print(open("mine.txt").read())
        """))
    text = _printed(result.cells[0])
    assert "WROTE" not in text and "a notebook's own folder is writable" in text, text


@needs_sandbox
def test_limits_on_processes_memory_files_and_time(worker):
    result = worker.run(_job(
        """
        import os
        children = []
        try:
            for _ in range(100):
                pid = os.fork()
                if pid == 0:
                    import time; time.sleep(60); os._exit(0)
                children.append(pid)
        except OSError:
            pass
        print("forked", len(children))
        """,
        """
        try:
            block = bytearray(3 * 2**30)
            print("allocated")
        except MemoryError:
            print("MemoryError")
        """,
        """
        try:
            with open("big", "wb") as f:
                f.write(b"0" * (20 * 2**20))
            print("wrote 20 MiB")
        except OSError as error:
            print("file refused:", error.errno)
        """,
        "while True: pass",
        "print('after the loop')",
        processes=16, memory_bytes=2**30, file_bytes=2**20, cell_seconds=3))
    cells = result.cells
    assert int(_printed(cells[0]).split()[-1]) < 16
    assert "MemoryError" in _printed(cells[1])
    assert "file refused: 27" in _printed(cells[2])  # EFBIG
    assert cells[3].status == TIMED_OUT and "after the loop" in _printed(cells[4])


@needs_sandbox
def test_a_notebook_that_ends_its_process_costs_only_that_cell(worker):
    result = worker.run(_job("x = 41", "import os; os._exit(3)", "print(x + 1)"))
    assert [c.status for c in result.cells] == [OK, DIED, OK]
    assert "42" in _printed(result.cells[2])


@needs_sandbox
def test_every_process_of_a_notebook_is_gone_when_it_ends(worker):
    marker = "31337271"
    worker.run(_job(f"""
        import os
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                os.execvp("sleep", ["sleep", "{marker}"])
            os._exit(0)
        """))
    left = [p for p in Path("/proc").iterdir() if p.name.isdigit()
            and marker in (p / "cmdline").read_bytes().decode(errors="replace") if (p / "cmdline").exists()]
    assert left == []


@needs_sandbox
def test_two_notebooks_in_one_worker_share_nothing(worker):
    worker.run(_job("open('/tmp/left-behind', 'w').write('x'); import os; open(os.path.expanduser('~/too'), 'w')"))
    result = worker.run(_job("import os; print(os.path.exists('/tmp/left-behind'), os.path.exists(os.path.expanduser('~/too')))"))
    assert _printed(result.cells[0]).strip() == "False False"


# ----------------------------------------------------------------------------------------------
# When the sandbox cannot run


def test_missing_bubblewrap_is_named_with_the_fix():
    sandbox = Sandbox(bwrap="bwrap-that-is-not-installed")
    with pytest.raises(SandboxUnavailable, match="apt install bubblewrap") as failure:
        sandbox.check_available()
    assert "c.Sandbox.enabled = False" in str(failure.value)


def test_disabled_user_namespaces_are_named_with_the_fix(tmp_path):
    fake = tmp_path / "bwrap"
    fake.write_text("#!/bin/sh\necho 'bwrap: No permissions to creating new namespace, likely because the "
                    "kernel does not allow non-privileged user namespaces.' >&2\nexit 1\n")
    fake.chmod(0o755)
    with pytest.raises(SandboxUnavailable, match="user namespaces") as failure:
        Sandbox(bwrap=str(fake)).check_available()
    assert "sysctl" in str(failure.value)


def test_an_environment_that_holds_the_course_is_refused(monkeypatch):
    from worker import launch

    monkeypatch.setattr(launch.sys, "prefix", str(CHECKOUT.parent))
    with pytest.raises(SandboxUnavailable, match="holds .*the course folder"):
        launch.read_only_paths(Sandbox().settings())


def test_the_opt_out_runs_without_a_sandbox_and_says_so_loudly(capfd):
    w = WorkerProcess(Sandbox(enabled=False).settings())
    try:
        result = w.run(_job("print('ran')"))
    finally:
        w.stop()
    assert "ran" in _printed(result.cells[0])
    assert "WITHOUT a sandbox" in capfd.readouterr().err


@needs_sandbox
def test_the_engine_pool_starts_every_worker_before_the_first_job():
    from instructor.engine import LocalPool

    pool = LocalPool(Sandbox(), 2)
    try:
        assert [w.process is not None and w.process.poll() is None for w in pool.workers] == [True, True]
        futures = [pool.submit(_job("import os; print(os.getppid())")) for _ in range(4)]
        results = [f.result()[0] for f in futures]
        assert all(r.cells[0].status == OK for r in results)
    finally:
        pool.close()
    assert all(w.process is None for w in pool.workers)


def test_sizes_are_read_as_people_write_them():
    assert parse_size("2 GiB") == 2 * 2**30 and parse_size("100MiB") == 100 * 2**20
    assert parse_size("512 MB") == 512 * 10**6 and parse_size(4096) == 4096
    with pytest.raises(ValueError, match="not a size"):
        parse_size("two gigs")


# ----------------------------------------------------------------------------------------------
# Graded by someone who is not root: bubblewrap makes its own user namespace

_UNPRIVILEGED_DRIVER = """
import os, sys
from instructor.sandbox import Sandbox
from worker.job import Job, Limits, Step
from worker.launch import WorkerProcess, command
sandbox = Sandbox()
assert "--unshare-user" in command(sandbox.settings())
worker = WorkerProcess(sandbox.settings())
source = "import os, resource\\nprint(os.getuid(), os.getpid(), resource.getrlimit(resource.RLIMIT_NPROC)[0])"
result = worker.run(Job("p.ipynb", "p", (Step("code", source=source),), limits=Limits(processes=32)))
worker.stop()
print("RESULT", result.cells[0].status, result.cells[0].outputs[0]["text"].strip())
"""


@needs_sandbox
def test_an_instructor_who_is_not_root_gets_the_same_sandbox(tmp_path):
    command = [sys.executable, "-c", _UNPRIVILEGED_DRIVER]
    env = {**os.environ, "HOME": str(tmp_path)}
    if os.getuid() == 0:
        if not shutil.which("unshare") or not shutil.which("setpriv"):
            pytest.skip("needs util-linux's unshare and setpriv to become an ordinary user")
        # As root, become an ordinary user in a private mount namespace in which the folders on the
        # way to this Python are readable (root's home often is not).
        hidden = [p for p in (Path(sys.base_prefix), Path(sys.prefix)) if str(p).startswith("/root/")]
        keep = tmp_path / "keep"
        script = ["set -e", f"mkdir -p {keep}"]
        for i, path in enumerate(hidden):
            script += [f"mkdir -p {keep}/{i}", f"mount --bind {path} {keep}/{i}"]
        if hidden:
            script.append("mount -t tmpfs -o mode=755 tmpfs /root")
        for i, path in enumerate(hidden):
            script += [f"mkdir -p {path}", f"mount --bind {keep}/{i} {path}"]
        tmp_path.chmod(0o777)
        script.append("exec setpriv --reuid=65534 --regid=65534 --clear-groups -- \"$@\"")
        command = ["unshare", "--mount", "--propagation", "private", "sh", "-c", "\n".join(script), "sh", *command]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    line = next((l for l in done.stdout.splitlines() if l.startswith("RESULT")), "")
    if not line and "namespace" in done.stderr:
        pytest.skip(f"unprivileged user namespaces are disabled here: {done.stderr.strip()[-300:]}")
    assert line.split()[1:3] == ["ok", str(65534 if os.getuid() == 0 else os.getuid())], done.stdout + done.stderr
    assert line.split()[3:] == ["1", "32"]
