"""Run one call of student code in a child process of its own.

A graded function may crash the Python process (os._exit, a fatal error in C code) or never
return. Run in the student's own process, either would take the whole notebook down with it and
cost every remaining point. In a forked child, it costs only the case being checked: the child
sends back its result as plain data, or the parent stops waiting after a time limit.

Forking copies the kernel as it is, with the student's functions, globals and random state, so
the call behaves as it would in place. Where fork is not available (Windows), or when
GRADERS_IN_PROCESS=1 is set, calls run in the current process instead.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from typing import Any, Callable

IN_PROCESS_VAR = "GRADERS_IN_PROCESS"


@dataclass(frozen=True)
class Stopped:
    """No result came back from the child; `reason` says why, for the student to read."""

    reason: str


def available() -> bool:
    """True when calls can run in a forked child process."""
    return os.environ.get(IN_PROCESS_VAR) != "1" and "fork" in multiprocessing.get_all_start_methods()


def call_isolated(target: Callable[[], Any], time_limit: float) -> Any:
    """target() run in a forked child: its result, or a `Stopped` saying why there is none."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child_main, args=(target, send), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(time_limit):
            return Stopped(
                f"it did not finish within {time_limit:g} s. Look for a loop that never ends "
                "(a condition that never changes, a counter that is never increased) or far "
                "more work than the inputs need."
            )
        try:
            return receive.recv()
        except EOFError:
            child.join(5)
            return Stopped(
                f"it stopped the Python process running it (exit code {child.exitcode}). Look for "
                "a call that ends the process, such as os._exit or sys.exit, or a crash in C code."
            )
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join(5)


def _child_main(target: Callable[[], Any], send) -> None:
    try:
        result = target()
    except BaseException as exc:  # SystemExit, KeyboardInterrupt: the student's code stopped itself
        result = Stopped(f"it raised {type(exc).__name__}: {exc}")
    try:
        send.send(result)
    except Exception as exc:
        send.send(Stopped(f"it returned a value that cannot be checked ({type(exc).__name__}: {exc})"))
    send.close()
    os._exit(0)
