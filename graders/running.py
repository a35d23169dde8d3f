"""Run a student's function on a check's cases and record what happened, as plain data.

`run_cases(func, cases)` calls `func(**case.inputs)` for every case and returns one `Outcome`
each: the value returned, the exception raised, the inputs changed in place, the warnings numpy
gave, what it printed. Nothing here judges; graders.judging does that, on these records alone.

The calls run in one forked child process, which sends each outcome back through a pipe as JSON
(graders.plaindata, never pickle). A function that crashes the process (os._exit, a fault in C
code) or never returns costs only the case it was running: the parent notices, records the case
as crashed or timed out, and runs the remaining cases in a fresh child. Each case starts from the
random state the caller had, as if it were the only one, and from private copies of its inputs.

Where fork is not available (Windows), or when GRADERS_IN_PROCESS=1 is set, the calls run in the
current process, without time limits.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import random
import signal
import sys
import time
import traceback
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from graders import frames, plaindata
from graders.cases import Case

IN_PROCESS_VAR = "GRADERS_IN_PROCESS"
MAX_PRINTED = 20_000  # characters of a call's printed output that are kept

TIMED_OUT = "timed_out"
CRASHED = "crashed"


@dataclass(frozen=True)
class Outcome:
    """What happened when the student's function ran on one case, as plain data."""

    value: Any = None
    error: str | None = None  # the exception raised, in words, with the student's line
    stopped: str | None = None  # TIMED_OUT or CRASHED when no result came back
    exit_code: int | None = None  # of a crashed process
    changed_inputs: tuple[str, ...] = ()  # arguments the function modified in place
    warnings: tuple[str, ...] = ()  # numpy's warnings, recorded rather than printed
    printed: str = ""  # what the function printed (the end cut off beyond MAX_PRINTED)
    not_implemented: str | None = None  # the release stub's message, when it is still there
    seconds: float = 0.0

    def to_plain(self) -> dict:
        """This outcome as JSON-ready data (the value encoded by graders.plaindata)."""
        return {
            "value": plaindata.encode(self.value), "error": self.error, "stopped": self.stopped,
            "exit_code": self.exit_code, "changed_inputs": list(self.changed_inputs),
            "warnings": list(self.warnings), "printed": self.printed,
            "not_implemented": self.not_implemented, "seconds": self.seconds,
        }

    @classmethod
    def from_plain(cls, data: Any) -> "Outcome":
        """The outcome `to_plain` made; PlainDataError for anything else."""
        if not isinstance(data, dict):
            raise plaindata.PlainDataError("an outcome must be a JSON object")
        text = lambda key: _optional(data, key, str)  # noqa: E731
        stopped = text("stopped")
        if stopped not in (None, TIMED_OUT, CRASHED):
            raise plaindata.PlainDataError(f"unknown way of stopping {stopped!r}")
        seconds = data.get("seconds", 0.0)
        if type(seconds) not in (int, float):
            raise plaindata.PlainDataError("seconds must be a number")
        return cls(
            value=plaindata.decode(data.get("value")),
            error=text("error"), stopped=stopped, exit_code=_optional(data, "exit_code", int),
            changed_inputs=_strings(data, "changed_inputs"), warnings=_strings(data, "warnings"),
            printed=text("printed") or "", not_implemented=text("not_implemented"),
            seconds=float(seconds),
        )


def _optional(data: dict, key: str, kind: type) -> Any:
    value = data.get(key)
    if value is not None and type(value) is not kind:
        raise plaindata.PlainDataError(f"{key} must be a {kind.__name__} or null")
    return value


def _strings(data: dict, key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise plaindata.PlainDataError(f"{key} must be a list of strings")
    return tuple(value)


# ----------------------------------------------------------------------------------------------
# One call, here and now


def record_call(func: Callable, case: Case) -> Outcome:
    """Call `func(**case.inputs)` in this process and record the outcome as plain data."""
    pristine = copy.deepcopy(dict(case.inputs))
    given = copy.deepcopy(pristine)
    printed = io.StringIO()
    if case.seed is not None:
        np.random.seed(case.seed)
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught, \
            contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        warnings.simplefilter("always")
        try:
            value = func(**given)
        except NotImplementedError as exc:
            return Outcome(not_implemented=str(exc), printed=_kept(printed))
        except BaseException as exc:  # SystemExit and KeyboardInterrupt too: student code stopped itself
            return Outcome(error=_describe_exception(exc), warnings=_warning_texts(caught),
                           printed=_kept(printed), seconds=time.perf_counter() - start)
    seconds = time.perf_counter() - start
    changed = tuple(name for name in pristine if not plaindata.identical(pristine[name], given[name]))
    return Outcome(value=value, changed_inputs=changed, warnings=_warning_texts(caught),
                   printed=_kept(printed), seconds=seconds)


def _kept(printed: io.StringIO) -> str:
    text = printed.getvalue()
    if len(text) <= MAX_PRINTED:
        return text
    return text[:MAX_PRINTED] + f"\n[... {len(text) - MAX_PRINTED} more characters not kept]\n"


def _describe_exception(exc: BaseException) -> str:
    """The exception and the last line of the student's code that ran, in one short text."""
    text = f"{type(exc).__name__}: {exc}"
    frames = traceback.extract_tb(exc.__traceback__)
    students = [f for f in frames if not f.filename.startswith(_GRADERS_DIR)]
    if students:
        last = students[-1]
        code = f": {last.line}" if last.line else ""
        text += f"\n    (at line {last.lineno}{code})"
    return text


def _warning_texts(caught: list[warnings.WarningMessage]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f"{w.category.__name__}: {w.message}" for w in caught))


_GRADERS_DIR = os.path.dirname(os.path.abspath(__file__))


# ----------------------------------------------------------------------------------------------
# Many calls, in a child process


def isolation_available() -> bool:
    """True when calls can run in a forked child process."""
    return os.environ.get(IN_PROCESS_VAR) != "1" and hasattr(os, "fork")


def run_cases(func: Callable, cases: Sequence[Case]) -> list[Outcome]:
    """One outcome per case, in order (see the module docstring).

    After a case that crashed or timed out, the remaining cases are not run: the check has
    failed on that case already, and a function that hangs would otherwise cost every case's
    time limit.
    """
    if not isolation_available():
        return [record_call(func, case) for case in cases]
    outcomes: list[Outcome] = []
    while len(outcomes) < len(cases):
        outcomes += _run_in_child(func, cases[len(outcomes):])
        if outcomes[-1].stopped is not None:
            break
    return outcomes


def _run_in_child(func: Callable, cases: Sequence[Case]) -> list[Outcome]:
    """Outcomes of the cases run in one child, up to and including the first one that stopped it."""
    _reap_finished()
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        pid = os.fork()
    except OSError:  # no process left to fork (the notebook used its budget): run here, unprotected
        os.close(read_end)
        os.close(write_end)
        return [record_call(func, case) for case in cases]
    if pid == 0:  # the child
        os.close(read_end)
        _child_main(func, cases, write_end)
    os.close(write_end)
    outcomes: list[Outcome] = []
    reader = frames.FrameReader(read_end)
    try:
        for case in cases:
            frame = reader.next_frame(time.monotonic() + case.time_limit)
            if frame is frames.TIMED_OUT:
                outcomes.append(Outcome(stopped=TIMED_OUT, seconds=case.time_limit))
                break
            if frame is frames.CLOSED:  # the process ended in the middle of the call
                outcomes.append(Outcome(stopped=CRASHED, exit_code=_reap(pid)))
                pid = 0
                break
            try:
                outcomes.append(Outcome.from_plain(frame))
            except plaindata.PlainDataError as exc:
                outcomes.append(Outcome(error=f"its result could not be read back ({exc})"))
    finally:
        os.close(read_end)
        if pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            _unreaped.append(pid)  # its exit is the kernel's work: collected at the next call
    return outcomes


_unreaped: list[int] = []


def _reap_finished() -> None:
    """Collect the children of earlier calls that have ended (they were killed, so they end)."""
    for pid in list(_unreaped):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            _unreaped.remove(pid)


def _reap(pid: int, grace: float = 1.0) -> int:
    """The exit code of a child whose pipe closed; killed if it lingers (it closed the pipe itself)."""
    deadline = time.monotonic() + grace
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.002)


def _child_main(func: Callable, cases: Sequence[Case], write_end: int) -> None:
    """Run the cases one after the other and send each outcome; never returns."""
    try:
        np_state, py_state = np.random.get_state(), random.getstate()
        for case in cases:
            np.random.set_state(np_state)
            random.setstate(py_state)
            outcome = record_call(func, case)
            try:
                frames.write_frame(write_end, outcome.to_plain())
            except (TypeError, ValueError) as exc:
                frames.write_frame(write_end, Outcome(error=f"its result could not be sent back ({exc})").to_plain())
    finally:
        os._exit(0)
