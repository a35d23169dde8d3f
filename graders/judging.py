"""Judge what a student's function did, and say it in words a student can act on.

Everything here is a pure function of plain data: an `Exercise` and its `Case`s (what was
expected), and the `Outcome`s that graders.running recorded (what happened). Nothing here calls
student code, so the same judge runs in a student's notebook for a self-check and, at autograde,
in the grader's own process, outside the sandbox that ran the submission.

- `compare(expected, got, where)`: the differences between two values, as sentences.
- `judge_case(exercise, case, outcome)`: a `CaseVerdict`, the status, problems and hints of one case.
- `judge(exercise, outcomes, ...)`: the `Verdict` on a whole check, with the message to show.

What a function prints is judged apart from what it returns (an exercise's `Printing`): when the
values are right and only the printing differs, the case passes and the verdict carries a note
saying what to change. A printing slip never costs points.

Comparison rules:
- a Python float expected means exactly a Python float back (not a numpy scalar, not a 0-d array);
- `Scalar(v)` expected means any 0-d number: a float, a numpy scalar or a squeezed 0-d array;
- an ndarray expected means an ndarray of the same shape, a compatible dtype and close values;
- tuples, lists and dicts are compared item by item, and their keys and lengths must match (a
  tuple where a list is expected is accepted; a list where a tuple is expected is not, since the
  spec's `return a, b` gives a tuple).

For a hidden case (`reveal=False`) the messages name shapes, types and keys but never the
expected values, which students must not learn from their feedback.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping, Sequence

import numpy as np

from graders.cases import ATOL, RTOL, Case, Exercise, Hint, Printing, Scalar
from graders.plaindata import Unsupported
from graders.running import CRASHED, TIMED_OUT, Outcome

# The status of a case, and of a whole check (the status of its first failing case).
PASSED = "passed"
WRONG = "wrong"  # it returned, but not what was expected
RAISED = "raised"  # it raised an exception
CRASHED_STATUS = "crashed"  # it ended the process running it
TIMED_OUT_STATUS = "timed out"  # it did not finish in time
NOT_ATTEMPTED = "not attempted"  # the release stub is still in place
NO_RESULT = "no result"  # nothing readable came back from the run

# The id of the note on a right answer's printing when none of the exercise's printing notes applies.
PRINTING_DIFFERS = "printing-differs"


@dataclass(frozen=True)
class CaseVerdict:
    """The judgement of one case, as plain data."""

    label: str
    hidden: bool
    status: str
    problems: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()  # ids of the hints that apply
    warnings: tuple[str, ...] = ()
    printed: str = ""
    notes: tuple[str, ...] = ()  # how the printing of a passing case differs from what was asked
    note_ids: tuple[str, ...] = ()  # ids of the printing notes that apply (or PRINTING_DIFFERS)


@dataclass(frozen=True)
class Verdict:
    """The judgement of one check (every case of one graded function), as plain data."""

    function: str
    status: str
    passed_public: int = 0
    passed_hidden: int = 0
    failure: CaseVerdict | None = None
    message: str = ""  # what the student reads: one success line, or what went wrong
    hint_messages: Mapping[str, str] = field(default_factory=dict)  # id -> message of the hints met
    note_messages: Mapping[str, str] = field(default_factory=dict)  # id -> message of the printing notes met

    @property
    def passed(self) -> bool:
        return self.status == PASSED


# ----------------------------------------------------------------------------------------------
# Describing values


def describe(value: Any) -> str:
    """A short description of a value: its type, shape, dtype and (small) contents."""
    if isinstance(value, np.ndarray):
        body = np.array2string(value, precision=8, threshold=12, edgeitems=2)
        body = body.replace("\n", "\n" + " " * 14)
        return f"ndarray shape {value.shape} dtype {value.dtype}: {body}"
    if isinstance(value, np.generic):
        return f"numpy.{type(value).__name__} {value!r}"
    if isinstance(value, Unsupported):
        return f"a {value.kind}" + (f" ({value.text})" if value.text else "")
    if isinstance(value, (dict, tuple, list)):
        return f"{type(value).__name__} {_short_repr(value)}"
    return f"{type(value).__name__} {value!r}"


def _kind_of(value: Any) -> str:
    """Type, shape and dtype of a value, without its contents (for hidden cases)."""
    if isinstance(value, np.ndarray):
        return f"ndarray shape {value.shape} dtype {value.dtype}"
    if isinstance(value, np.generic):
        return f"numpy.{type(value).__name__}"
    if isinstance(value, Unsupported):
        return f"a {value.kind}"
    return type(value).__name__


def _short_repr(value: Any, limit: int = 200) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# ----------------------------------------------------------------------------------------------
# Comparing values


def compare(expected: Any, got: Any, where: str, rtol: float = RTOL, atol: float = ATOL,
            reveal: bool = True) -> list[str]:
    """Differences between an expected and a returned value; an empty list means they agree.

    `where` names the part being compared ("the return value", "grads['dw']") in every message.
    With `reveal=False` the messages leave out the expected values.
    """
    shown = describe if reveal else _kind_of
    if isinstance(got, Unsupported):
        return [f"{where} is {describe(got)}, which the checks cannot compare: return numbers, "
                "numpy arrays, tuples, lists or dicts."]
    if isinstance(expected, Scalar):
        return _compare_scalar(expected.value, got, where, rtol, atol, reveal)
    if isinstance(expected, np.ndarray):
        return _compare_array(expected, got, where, rtol, atol, reveal)
    if isinstance(expected, (tuple, list)):
        kind = type(expected).__name__
        if isinstance(expected, tuple) and not isinstance(got, tuple):
            return [f"{where} should be a tuple of {len(expected)} values; got {shown(got)}."]
        if isinstance(expected, list) and not isinstance(got, (list, tuple)):
            return [f"{where} should be a list of {len(expected)} values; got {shown(got)}."]
        if len(got) != len(expected):
            return [f"{where} should be a {kind} of {len(expected)} values; it holds {len(got)}."]
        problems = []
        for i, (e, g) in enumerate(zip(expected, got)):
            problems += compare(e, g, f"{where}[{i}]", rtol, atol, reveal)
        return problems
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return [f"{where} should be a dict with keys {sorted(expected)}; got {shown(got)}."]
        missing = sorted(set(expected) - set(got), key=str)
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
            problems += compare(expected[key], got[key], f"{where}[{key!r}]", rtol, atol, reveal)
        return problems
    if isinstance(expected, (bool, int, str)):
        if type(got) is not type(expected) or got != expected:
            if reveal:
                return [f"{where}: expected {describe(expected)}, got {describe(got)}."]
            return [f"{where}: got {describe(got)}, which is not the right value."]
        return []
    if isinstance(expected, float):
        return _compare_python_float(expected, got, where, rtol, atol, reveal)
    if expected is None:
        return [] if got is None else [f"{where} should be None; got {shown(got)}."]
    raise TypeError(f"compare() does not know how to compare {type(expected).__name__}")


def _wrong_number(where: str, expected: float, got: float, reveal: bool) -> str:
    if reveal:
        return f"{where}: expected {expected!r}, got {got!r}."
    return f"{where}: got {got!r}, which is not the right value."


def _compare_python_float(expected: float, got: Any, where: str, rtol: float, atol: float,
                          reveal: bool) -> list[str]:
    if type(got) is not float:
        fix = ""
        if isinstance(got, (np.generic, np.ndarray)):
            fix = " Convert it with float(...) before returning."
        shown = describe(got) if reveal or not isinstance(got, np.ndarray) else _kind_of(got)
        return [f"{where} should be a Python float; got {shown}.{fix}"]
    if not np.isclose(got, expected, rtol=rtol, atol=atol):
        return [_wrong_number(where, expected, got, reveal)]
    return []


def _compare_scalar(expected: float, got: Any, where: str, rtol: float, atol: float,
                    reveal: bool) -> list[str]:
    if isinstance(got, np.ndarray) and got.shape != ():
        shown = describe(got) if reveal else _kind_of(got)
        return [
            f"{where} should be a single number (0-d); got {shown}. "
            "Squeeze it with np.squeeze(...) or take float(...)."
        ]
    if not isinstance(got, (float, int, np.number, np.ndarray)) or isinstance(got, (bool, np.bool_)):
        return [f"{where} should be a number; got {describe(got)}."]
    try:
        number = float(got)
    except (TypeError, ValueError):
        return [f"{where} should be a real number; got {describe(got)}."]
    if not np.isclose(number, expected, rtol=rtol, atol=atol):
        return [_wrong_number(where, expected, number, reveal)]
    return []


def shape_advice(expected: tuple, got: tuple) -> str:
    """What a wrong shape says about the mistake behind it, when it says something: a size-1
    axis dropped or put on the other axis is a sum or a mean over the wrong axis or without
    keepdims; swapped sizes are a transpose."""
    if len(got) == 2 and got == expected[::-1]:
        return " It is the transpose of the expected shape: look for a product or a .T the wrong way round."
    kept = [i for i, n in enumerate(expected) if n == 1]
    if not kept:
        return ""
    if got == ():
        return (f" It is a single number: the sum or mean ran over every entry. Take it over "
                f"axis={kept[-1]} only, with keepdims=True.")
    if len(got) == len(expected) - 1 and got == tuple(n for i, n in enumerate(expected) if i != kept[-1]):
        return (f" The axis of size 1 is missing: a sum or a mean drops the axis it runs over unless "
                f"you write keepdims=True (np.sum(..., axis={kept[-1]}, keepdims=True)).")
    misplaced = [i for i, n in enumerate(got) if n == 1 and expected[i] != 1]
    if len(got) == len(expected) and misplaced:
        return (f" The size-1 axis is axis {misplaced[0]} where it should be axis {kept[0]}: a sum or a "
                f"mean over axis={misplaced[0]} instead of axis={kept[0]}? Write np.sum(..., axis={kept[0]}, "
                "keepdims=True).")
    return ""


_DTYPE_KINDS = {"f": "a float", "b": "a boolean", "i": "an integer", "u": "an unsigned integer"}


def _compare_array(expected: np.ndarray, got: Any, where: str, rtol: float, atol: float,
                   reveal: bool) -> list[str]:
    if not isinstance(got, np.ndarray):
        shown = describe(got) if reveal else _kind_of(got)
        return [f"{where} should be a numpy array of shape {expected.shape}; got {shown}."]
    if got.shape != expected.shape:
        message = f"{where} has shape {got.shape}; expected shape {expected.shape}.{shape_advice(expected.shape, got.shape)}"
        if reveal:
            message += f"\n  expected: {describe(expected)}\n  got:      {describe(got)}"
        return [message]
    if got.dtype.kind != expected.dtype.kind and not (expected.dtype.kind == "f" and got.dtype.kind in "f"):
        wanted = _DTYPE_KINDS.get(expected.dtype.kind, str(expected.dtype))
        return [f"{where} has dtype {got.dtype}; expected {wanted} array ({expected.dtype})."]
    if expected.dtype.kind == "f":
        close = np.isclose(got, expected, rtol=rtol, atol=atol)
    else:
        close = got == expected
    if np.all(close):
        return []
    bad = tuple(int(i) for i in np.argwhere(~close)[0])
    count = f"{int(np.sum(~close))} of {expected.size} entries differ"
    if not reveal:
        return [f"{where} has the right shape but wrong values ({count})."]
    return [
        f"{where} has the right shape but wrong values ({count}; first at index {bad}: "
        f"expected {expected[bad].item()!r}, got {got[bad].item()!r}).\n"
        f"  expected: {describe(expected)}\n  got:      {describe(got)}"
    ]


# ----------------------------------------------------------------------------------------------
# Judging one case


def judge_case(exercise: Exercise, case: Case, outcome: Outcome, hidden: bool = False) -> CaseVerdict:
    """The status, the problems (as sentences) and the hints that apply to one outcome."""
    common = dict(label=case.label, hidden=hidden, warnings=outcome.warnings, printed=outcome.printed)
    if outcome.not_implemented is not None:
        return CaseVerdict(status=NOT_ATTEMPTED, problems=(outcome.not_implemented,), **common)
    if outcome.stopped == TIMED_OUT:
        problem = (f"It did not finish within {case.time_limit:g} s. Look for a loop that never "
                   "ends (a condition that never changes, a counter that is never increased) or "
                   "far more work than the inputs need.")
        return CaseVerdict(status=TIMED_OUT_STATUS, problems=(problem,), **common)
    if outcome.stopped == CRASHED:
        code = f" (exit code {outcome.exit_code})" if outcome.exit_code is not None else ""
        problem = (f"It stopped the Python process that was running it{code}. Look for a call "
                   "that ends the process, such as os._exit or sys.exit, or a crash in C code.")
        return CaseVerdict(status=CRASHED_STATUS, problems=(problem,), **common)
    if outcome.error is not None:
        problems = [f"It raised {outcome.error}"]
        status = RAISED
    else:
        observed = outcome
        if exercise.observe is not None:
            try:
                observed = replace(outcome, value=exercise.observe(outcome.value, outcome.printed))
            except Exception as exc:
                problem = f"What it returned could not be read as the check needs it ({type(exc).__name__}: {exc})."
                return CaseVerdict(status=WRONG, problems=(problem,), **common)
        where = "what it returned and printed" if exercise.observe else "the return value"
        problems = compare(case.expected, observed.value, where, case.rtol, case.atol, reveal=not hidden)
        for name in outcome.changed_inputs:
            problems.append(
                f"it changed its argument `{name}` in place. The caller's data must stay as it "
                f"was: work on a copy ({name} = {name}.copy()) or build new arrays."
            )
        outcome = observed
        status = WRONG
    if not problems:
        notes, note_ids = _judge_printing(exercise, case, outcome.printed, hidden)
        return CaseVerdict(status=PASSED, notes=notes, note_ids=note_ids, **common)
    hints = tuple(dict.fromkeys(h.id for h in exercise.hints if _hint_applies(h, case, outcome)))
    return CaseVerdict(status=status, problems=tuple(problems), hints=hints, **common)


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


def _judge_printing(exercise: Exercise, case: Case, printed: str,
                    hidden: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """How the printing of a case whose values are right differs from what was asked (sentences,
    empty when it does not), and the ids of the printing notes that apply."""
    printing = exercise.printing
    if printing is None or case.printed is None:
        return (), ()
    try:
        reading = printing.read(printed)
    except Exception as exc:
        return (f"{printing.what} could not be read ({type(exc).__name__}: {exc}).",), (PRINTING_DIFFERS,)
    if not compare(case.printed, reading, printing.what, case.rtol, printing.atol):
        return (), ()
    expected = "" if hidden else f"expected {_short_repr(case.printed)}, "
    difference = f"{printing.what}: {expected}got {_short_repr(reading)}."
    ids = tuple(dict.fromkeys(note.id for note in printing.notes
                              if _note_applies(note, reading, case.printed, case.inputs)))
    return (difference,), ids or (PRINTING_DIFFERS,)


def _note_applies(note: Hint, got: Any, expected: Any, inputs: Mapping[str, Any]) -> bool:
    try:
        return note.applies is not None and bool(note.applies(got, expected, inputs))
    except Exception:
        return False


def _note_messages(printing: Printing, ids: Sequence[str]) -> dict[str, str]:
    messages = {note.id: note.message for note in printing.notes}
    messages[PRINTING_DIFFERS] = f"{printing.what} differ from what the exercise asks."
    return {i: messages[i] for i in ids}


# ----------------------------------------------------------------------------------------------
# Judging a whole check


def judge(exercise: Exercise, outcomes: Sequence[Outcome | None], hidden: Exercise | None = None,
          hidden_outcomes: Sequence[Outcome | None] = (), kind: str = "self-check") -> Verdict:
    """The verdict on every case of a check: the public cases first, then the hidden ones.

    An outcome that is None (nothing readable came back for that case) fails the check. Judging
    stops at the first failing case, whose problems and hints make the message. A check that
    passes says so in one line, followed by a note when the first case with a printing slip (see
    `Printing`) printed something other than asked; the points stay.
    """
    runs = [(exercise, case, outcome, False) for case, outcome in _paired(exercise.cases, outcomes)]
    if hidden is not None:
        runs += [(hidden, case, outcome, True) for case, outcome in _paired(hidden.cases, hidden_outcomes)]
    passed = {False: 0, True: 0}
    noted = None  # (exercise, case, verdict, hidden) of the first passing case whose printing differs
    for owner, case, outcome, is_hidden in runs:
        if outcome is None:
            verdict = CaseVerdict(case.label, is_hidden, NO_RESULT, problems=(
                "No result came back for this case: the grader could not read what your "
                "function did. Run the notebook from the top and make sure every cell runs.",))
        else:
            verdict = judge_case(owner, case, outcome, hidden=is_hidden)
        if verdict.status != PASSED:
            hint_messages = {h.id: h.message for h in owner.hints if h.id in verdict.hints}
            return Verdict(exercise.function, verdict.status, passed[False], passed[True], verdict,
                           failure_message(owner, case, verdict, "hidden check" if is_hidden else kind),
                           hint_messages)
        if verdict.notes and noted is None:
            noted = (owner, case, verdict, is_hidden)
        passed[is_hidden] += 1
    message = success_message(exercise.function, passed[False], passed[True], kind)
    if noted is None:
        return Verdict(exercise.function, PASSED, passed[False], passed[True], message=message)
    owner, case, verdict, is_hidden = noted
    message += "\n" + note_message(owner, case, verdict, "hidden check" if is_hidden else kind)
    return Verdict(exercise.function, PASSED, passed[False], passed[True], message=message,
                   note_messages=_note_messages(owner.printing, verdict.note_ids))


def _paired(cases: Sequence[Case], outcomes: Sequence[Outcome | None]) -> list:
    padded = list(outcomes)[: len(cases)] + [None] * max(0, len(cases) - len(outcomes))
    return list(zip(cases, padded))


def success_message(function: str, public: int, hidden: int, kind: str = "self-check") -> str:
    parts = [f"{public} {kind}{'s' if public != 1 else ''}"]
    if hidden:
        parts.append(f"{hidden} hidden check{'s' if hidden != 1 else ''}")
    return f"{function}: {' and '.join(parts)} passed."


def describe_inputs(inputs: Mapping[str, Any], indent: int = 4) -> str:
    """The inputs of a case, one per line with its type and shape; the entries of a dict, a
    tuple or a list each on a line of their own, one level deeper."""
    return "\n".join(_input_lines(name, value, indent) for name, value in inputs.items())


def _input_lines(name: str, value: Any, indent: int, depth: int = 0) -> str:
    pad = " " * indent
    if isinstance(value, dict) and depth < 3:
        inner = "\n".join(_input_lines(f"{k!r}", v, indent + 4, depth + 1) for k, v in value.items())
        return f"{pad}{name}: dict of {len(value)}" + (f"\n{inner}" if value else "")
    if isinstance(value, (tuple, list)) and depth < 3 and any(isinstance(v, (np.ndarray, dict, tuple, list)) for v in value):
        inner = "\n".join(_input_lines(f"[{i}]", v, indent + 4, depth + 1) for i, v in enumerate(value))
        return f"{pad}{name}: {type(value).__name__} of {len(value)}\n{inner}"
    if isinstance(value, np.ndarray):
        head = f"{pad}{name}: ndarray of shape {value.shape}, dtype {value.dtype}"
        if value.size > 12:
            return head
        body = np.array2string(value, precision=6, separator=", ").replace("\n", "\n" + pad + "    ")
        return f"{head}\n{pad}    {body}"
    return f"{pad}{name}: {_short_repr(value)}"


def failure_message(exercise: Exercise, case: Case, verdict: CaseVerdict, kind: str) -> str:
    """The message a student reads when `case` fails."""
    if verdict.status == NOT_ATTEMPTED:
        return verdict.problems[0]
    problems = list(verdict.problems)
    problems += [f"Hint: {h.message}" for h in exercise.hints if h.id in verdict.hints]
    if verdict.warnings:
        problems.append("numpy warned while it ran: " + "; ".join(verdict.warnings))
    body = "\n".join(f"  - {p}" for p in problems)
    return (
        f"{exercise.signature} failed a {kind} on the case: {case.label}\n"
        f"  with inputs:\n{describe_inputs(case.inputs)}\n"
        f"{body}"
    )


def note_message(exercise: Exercise, case: Case, verdict: CaseVerdict, kind: str) -> str:
    """The note a student reads when a right answer printed something other than asked."""
    lines = [f"Note (no points lost): {exercise.function} returned the right values, but what it "
             f"printed is not what the exercise asks, on the {kind} case: {case.label}"]
    lines += [f"  - {difference}" for difference in verdict.notes]
    lines += [f"  - Hint: {note.message}" for note in exercise.printing.notes if note.id in verdict.note_ids]
    return "\n".join(lines)
