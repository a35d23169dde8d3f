"""The sandbox's settings, from nbgrader_config.py, and the grader's one warm worker.

Student code runs at autograde in a warm worker inside a bubblewrap sandbox (worker.launch
starts it, worker.serve is the worker). Every limit is a setting of `Sandbox`, changed in
nbgrader_config.py:

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
import os
import re
import threading

from traitlets import Bool, Float, Integer, Unicode
from traitlets.config import LoggingConfigurable

from instructor.course import ROOT
from worker.job import Limits
from worker.launch import SandboxSettings, SandboxUnavailable, WorkerProcess, check_available

__all__ = ["Sandbox", "SandboxUnavailable", "parse_size", "shared_worker"]

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

    def settings(self) -> SandboxSettings:
        """How to start a sandbox, as data; the course folder is never shown to it."""
        return SandboxSettings(self.enabled, self.bwrap, self.unprivileged_uid, protected=(str(ROOT),))

    def check_available(self) -> None:
        """Raise SandboxUnavailable, naming the cause and the fix, when the sandbox cannot start."""
        check_available(self.settings())


_shared: dict[int, WorkerProcess] = {}
_shared_lock = threading.Lock()


def shared_worker(sandbox: Sandbox) -> WorkerProcess:
    """One warm worker for this process (nbgrader's own commands grade one notebook at a time)."""
    settings = sandbox.settings()
    with _shared_lock:
        worker = _shared.get(os.getpid())
        if worker is None or worker.settings != settings:
            if worker is not None:
                worker.stop()
            worker = _shared[os.getpid()] = WorkerProcess(settings)
            atexit.register(worker.stop)
        return worker
