"""Check a student's function against fixed cases, in two separate halves.

*Running* (`run_case`) calls the student's function on one case and records what happened as
plain data: the value returned, the exception raised, the inputs the function changed in place,
the warnings numpy gave, what it printed. The call runs in a forked child process when it can
(graders.sandbox), so a crash or an endless loop costs one case, not the notebook. *Judging*
(`judge`) is a pure function of that plain data and the expected value: it never calls student
code, so it could run in another process, or on another machine, without any change.

Each assignment declares its exercises with `Exercise`, `Case` and `Hint` and exposes one call per
self-check, made with `make_check`:

    check = make_check(EXERCISES)
    check("sigmoid", sigmoid)        # prints one success line, or raises CheckFailed

Comparison rules (see `compare`):
- a Python float expected means exactly a Python float back (not a numpy scalar, not a 0-d array);
- `Scalar(v)` expected means any 0-d number: a float, a numpy scalar or a squeezed 0-d array;
- an ndarray expected means an ndarray of the same shape, a compatible dtype and close values;
- tuples, lists and dicts are compared item by item, and their keys and lengths must match (a
  tuple where a list is expected is accepted; a list where a tuple is expected is not, since the
  spec's `return a, b` gives a tuple).
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import re
import traceback
import warnings
from dataclasses import dataclass, replace
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from graders import sandbox

TIME_LIMIT = 10.0  # seconds one call of student code may take before it counts as endless
RTOL = 1e-6  # relative tolerance for float values: loose enough for another correct formula
ATOL = 1e-9  # absolute tolerance, for values near zero


class CheckFailed(AssertionError):
    """A self-check or hidden check found a problem; the message says what and where."""


@dataclass(frozen=True)
class Scalar:
    """Expected value that may come back as any 0-d number (float, numpy scalar, 0-d array)."""

    value: float


@dataclass(frozen=True)
class Case:
    """One input to try: `label` is what the student reads, `inputs` the keyword arguments."""

    label: str
    inputs: Mapping[str, Any]
    expected: Any
    rtol: float = RTOL
    atol: float = ATOL
    seed: int | None = None  # np.random.seed(seed) just before the call, when set
    time_limit: float = TIME_LIMIT  # seconds the call may take


@dataclass(frozen=True)
class Hint:
    """Advice shown when a wrong answer looks like a known mistake.

    Either `applies(got, expected, inputs)`, on plain data only, returns True when the returned
    value `got` matches the mistake (an exception inside it counts as "does not apply"), or
    `raised` is a fragment of the error message that the mistake makes the function raise.
    """

    message: str
    applies: Callable[[Any, Any, Mapping[str, Any]], bool] | None = None
    raised: str | None = None


@dataclass(frozen=True)
class Exercise:
    """A graded function: its name, the signature students see, its cases and its hints.

    `observe(value, printed)`, when given, turns what the function returned and printed into what
    the cases' expected values describe (plain data): for a training loop that must print its
    costs, say, {"parameters": value, "printed costs": costs read from printed}. Hints see it too.
    """

    function: str
    signature: str
    cases: Sequence[Case]
    hints: Sequence[Hint] = ()
    observe: Callable[[Any, str], Any] | None = None


@dataclass(frozen=True)
class Outcome:
    """What happened when the student's function ran on one case, as plain data."""

    value: Any = None
    error: str | None = None  # the exception raised, the crash or the time-out, in words
    changed_inputs: tuple[str, ...] = ()  # arguments the function modified in place
    warnings: tuple[str, ...] = ()  # numpy's warnings, recorded rather than printed
    printed: str = ""  # what the function printed
    not_implemented: str | None = None  # the release stub's message, when it is still there


# ----------------------------------------------------------------------------------------------
# Running


def run_case(func: Callable, case: Case) -> Outcome:
    """Call `func(**case.inputs)` on private copies of the inputs and record what happened.

    The call runs in a child process when it can (see graders.sandbox), so that a crash or an
    endless loop costs only this case. What the function printed is shown again here. A
    NotImplementedError is raised again: it means "not attempted yet", and the release stub's
    own message is the clearest thing a student can see.
    """
    __tracebackhide__ = True  # IPython and pytest hide this frame from the student's traceback
    if sandbox.available():
        result = sandbox.call_isolated(lambda: record_call(func, case), case.time_limit)
        outcome = result if isinstance(result, Outcome) else Outcome(error=result.reason)
    else:
        outcome = record_call(func, case)
    if outcome.printed:
        print(outcome.printed, end="" if outcome.printed.endswith("\n") else "\n")
    if outcome.not_implemented is not None:
        raise NotImplementedError(outcome.not_implemented) from None
    return outcome


def record_call(func: Callable, case: Case) -> Outcome:
    """Call `func(**case.inputs)` here and now, and record the outcome as plain data."""
    pristine = copy.deepcopy(dict(case.inputs))
    given = copy.deepcopy(pristine)
    printed = io.StringIO()
    if case.seed is not None:
        np.random.seed(case.seed)
    with warnings.catch_warnings(record=True) as caught, \
            contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        warnings.simplefilter("always")
        try:
            value = func(**given)
        except NotImplementedError as exc:
            return Outcome(not_implemented=str(exc), printed=printed.getvalue())
        except Exception as exc:  # any failure of student code is data for the judge
            return Outcome(error=_describe_exception(exc), warnings=_warning_texts(caught),
                           printed=printed.getvalue())
    changed = tuple(name for name in pristine if not same_value(pristine[name], given[name]))
    return Outcome(value=value, changed_inputs=changed, warnings=_warning_texts(caught),
                   printed=printed.getvalue())


def _describe_exception(exc: BaseException) -> str:
    """The exception and the last line of the student's code that ran, in one short text."""
    text = f"{type(exc).__name__}: {exc}"
    frames = traceback.extract_tb(exc.__traceback__)
    students = [f for f in frames if not f.filename.startswith(_THIS_PACKAGE)]
    if students:
        last = students[-1]
        code = f": {last.line}" if last.line else ""
        text += f"\n    (at line {last.lineno}{code})"
    return text


def _warning_texts(caught: list[warnings.WarningMessage]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f"{w.category.__name__}: {w.message}" for w in caught))


_THIS_PACKAGE = os.path.dirname(os.path.abspath(__file__))


# ----------------------------------------------------------------------------------------------
# Judging: pure functions of plain data


def same_value(a: Any, b: Any) -> bool:
    """True when two plain values are identical (arrays: same shape, dtype and bits)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (
            isinstance(a, np.ndarray)
            and isinstance(b, np.ndarray)
            and a.shape == b.shape
            and a.dtype == b.dtype
            and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
        )
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(same_value, a, b))
    return type(a) is type(b) and a == b


def describe(value: Any) -> str:
    """A short description of a value: its type, shape, dtype and (small) contents."""
    if isinstance(value, np.ndarray):
        body = np.array2string(value, precision=8, threshold=12, edgeitems=2)
        body = body.replace("\n", "\n" + " " * 14)
        return f"ndarray shape {value.shape} dtype {value.dtype}: {body}"
    if isinstance(value, np.generic):
        return f"numpy.{type(value).__name__} {value!r}"
    if isinstance(value, (dict, tuple, list)):
        return f"{type(value).__name__} {_short_repr(value)}"
    return f"{type(value).__name__} {value!r}"


def _short_repr(value: Any, limit: int = 200) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def compare(expected: Any, got: Any, where: str, rtol: float = RTOL, atol: float = ATOL) -> list[str]:
    """Differences between an expected and a returned value; an empty list means they agree.

    `where` names the part being compared ("the return value", "grads['dw']") in every message.
    """
    if isinstance(expected, Scalar):
        return _compare_scalar(expected.value, got, where, rtol, atol)
    if isinstance(expected, np.ndarray):
        return _compare_array(expected, got, where, rtol, atol)
    if isinstance(expected, (tuple, list)):
        kind = type(expected).__name__
        if isinstance(expected, tuple) and not isinstance(got, tuple):
            return [f"{where} should be a tuple of {len(expected)} values; got {describe(got)}."]
        if isinstance(expected, list) and not isinstance(got, (list, tuple)):
            return [f"{where} should be a list of {len(expected)} values; got {describe(got)}."]
        if len(got) != len(expected):
            return [f"{where} should be a {kind} of {len(expected)} values; it holds {len(got)}."]
        problems = []
        for i, (e, g) in enumerate(zip(expected, got)):
            problems += compare(e, g, f"{where}[{i}]", rtol, atol)
        return problems
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return [f"{where} should be a dict with keys {sorted(expected)}; got {describe(got)}."]
        missing = sorted(set(expected) - set(got))
        extra = sorted(set(got) - set(expected), key=str)
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"missing keys {missing}")
            if extra:
                parts.append(f"unexpected keys {extra}")
            return [f"{where} has the wrong keys: {', '.join(parts)}."]
        problems = []
        for key in expected:
            problems += compare(expected[key], got[key], f"{where}[{key!r}]", rtol, atol)
        return problems
    if isinstance(expected, bool) or isinstance(expected, int) or isinstance(expected, str):
        if type(got) is not type(expected) or got != expected:
            return [f"{where}: expected {describe(expected)}, got {describe(got)}."]
        return []
    if isinstance(expected, float):
        return _compare_python_float(expected, got, where, rtol, atol)
    raise TypeError(f"compare() does not know how to compare {type(expected).__name__}")


def _compare_python_float(expected: float, got: Any, where: str, rtol: float, atol: float) -> list[str]:
    if type(got) is not float:
        fix = ""
        if isinstance(got, (np.generic, np.ndarray)):
            fix = " Convert it with float(...) before returning."
        return [f"{where} should be a Python float; got {describe(got)}.{fix}"]
    if not np.isclose(got, expected, rtol=rtol, atol=atol):
        return [f"{where}: expected {expected!r}, got {got!r}."]
    return []


def _compare_scalar(expected: float, got: Any, where: str, rtol: float, atol: float) -> list[str]:
    if isinstance(got, np.ndarray) and got.shape != ():
        return [
            f"{where} should be a single number (0-d); got {describe(got)}. "
            "Squeeze it with np.squeeze(...) or take float(...)."
        ]
    if not isinstance(got, (float, int, np.number, np.ndarray)) or isinstance(got, bool):
        return [f"{where} should be a number; got {describe(got)}."]
    if not np.isclose(float(got), expected, rtol=rtol, atol=atol):
        return [f"{where}: expected {expected!r}, got {float(got)!r}."]
    return []


_DTYPE_KINDS = {"f": "a float", "b": "a boolean", "i": "an integer", "u": "an unsigned integer"}


def _compare_array(expected: np.ndarray, got: Any, where: str, rtol: float, atol: float) -> list[str]:
    if not isinstance(got, np.ndarray):
        return [f"{where} should be a numpy array of shape {expected.shape}; got {describe(got)}."]
    if got.shape != expected.shape:
        return [
            f"{where} has shape {got.shape}; expected shape {expected.shape}.\n"
            f"  expected: {describe(expected)}\n  got:      {describe(got)}"
        ]
    if got.dtype.kind != expected.dtype.kind and not (
        expected.dtype.kind == "f" and got.dtype.kind in "f"
    ):
        wanted = _DTYPE_KINDS.get(expected.dtype.kind, str(expected.dtype))
        return [f"{where} has dtype {got.dtype}; expected {wanted} array ({expected.dtype})."]
    if expected.dtype.kind == "f":
        close = np.isclose(got, expected, rtol=rtol, atol=atol)
    else:
        close = got == expected
    if not np.all(close):
        bad = tuple(int(i) for i in np.argwhere(~close)[0])
        return [
            f"{where} has the right shape but wrong values "
            f"({int(np.sum(~close))} of {expected.size} entries differ; first at index {bad}: "
            f"expected {expected[bad].item()!r}, got {got[bad].item()!r}).\n"
            f"  expected: {describe(expected)}\n  got:      {describe(got)}"
        ]
    return []


def judge(exercise: Exercise, case: Case, outcome: Outcome) -> list[str]:
    """Everything wrong with one outcome, as sentences; an empty list means the case passes."""
    if outcome.error is None and exercise.observe is not None:
        outcome = replace(outcome, value=exercise.observe(outcome.value, outcome.printed))
    if outcome.error is not None:
        problems = [f"it raised {outcome.error}"]
    else:
        where = "what it returned and printed" if exercise.observe else "the return value"
        problems = compare(case.expected, outcome.value, where, case.rtol, case.atol)
        for name in outcome.changed_inputs:
            problems.append(
                f"it changed its argument `{name}` in place. The caller's data must stay as it "
                f"was: work on a copy ({name} = {name}.copy()) or build new arrays."
            )
    if problems:
        problems += [f"Hint: {h.message}" for h in exercise.hints if _hint_applies(h, case, outcome)]
        if outcome.warnings:
            problems.append("numpy warned while it ran: " + "; ".join(outcome.warnings))
    return problems


def _hint_applies(hint: Hint, case: Case, outcome: Outcome) -> bool:
    if outcome.error is not None:
        return hint.raised is not None and hint.raised in outcome.error
    if hint.applies is None:
        return False
    try:
        return bool(hint.applies(outcome.value, _plain(case.expected), case.inputs))
    except Exception:
        return False


def _plain(expected: Any) -> Any:
    return expected.value if isinstance(expected, Scalar) else expected


def describe_inputs(inputs: Mapping[str, Any]) -> str:
    """The inputs of a case, each on one line, short enough to read."""
    lines = []
    for name, value in inputs.items():
        if isinstance(value, np.ndarray) and value.size > 12:
            lines.append(f"    {name} = ndarray of shape {value.shape}, dtype {value.dtype}")
        else:
            lines.append(f"    {name} = {_short_repr(value)}".replace("\n", "\n" + " " * (7 + len(name))))
    return "\n".join(lines)


def report(exercise: Exercise, case: Case, problems: list[str], kind: str) -> str:
    """The message a student reads when `case` fails."""
    body = "\n".join(f"  - {p}" for p in problems)
    return (
        f"{exercise.signature} failed a {kind} on the case: {case.label}\n"
        f"  with inputs:\n{describe_inputs(case.inputs)}\n"
        f"{body}"
    )


# ----------------------------------------------------------------------------------------------
# Reading what a training loop printed

_NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


def printed_costs(text: str) -> tuple:
    """The (iteration, cost) pairs in printed text, one per line that mentions a cost.

    A line's first number is the iteration and its last the cost: "Cost after iteration 1000:
    0.258625" gives (1000, 0.258625). A cost line without two numbers is kept as (line,), so a
    malformed print shows up in the comparison instead of vanishing.
    """
    pairs = []
    for line in text.splitlines():
        if "cost" not in line.lower():
            continue
        numbers = _NUMBER.findall(line)
        if len(numbers) < 2:
            pairs.append((line.strip(),))
            continue
        first = float(numbers[0])
        pairs.append((int(first) if first.is_integer() else first, float(numbers[-1])))
    return tuple(pairs)


# ----------------------------------------------------------------------------------------------
# The student-facing call


@dataclass
class Checker:
    """One assignment's exercises and the call that checks a student's function against them."""

    exercises: Mapping[str, Exercise]
    kind: str = "self-check"

    def __call__(self, name: str, func: Any) -> None:
        __tracebackhide__ = True  # the student reads the message, not the grader's internals
        if name not in self.exercises:
            known = ", ".join(sorted(self.exercises))
            raise KeyError(f"There is no {self.kind} called {name!r}; the checks here are: {known}.")
        exercise = self.exercises[name]
        if not callable(func):
            raise CheckFailed(
                f"{exercise.signature}: expected a function, got {describe(func)}. "
                f"Did you overwrite `{name}` with a value?"
            )
        for case in exercise.cases:
            try:
                outcome = run_case(func, case)
            except NotImplementedError as stub:
                raise NotImplementedError(str(stub)) from None  # one short frame for the student
            problems = judge(exercise, case, outcome)
            if problems:
                raise CheckFailed(report(exercise, case, problems, self.kind))
        count = len(exercise.cases)
        print(f"{exercise.function}: {count} {self.kind}{'s' if count > 1 else ''} passed.")


def make_check(exercises: Sequence[Exercise], kind: str = "self-check") -> Checker:
    """The `check(name, func)` call for a list of exercises."""
    return Checker({e.function: e for e in exercises}, kind=kind)
