"""What a check declares: the graded function, the inputs to try, the expected values, the hints.

Each assignment's module builds its `Exercise`s from these frozen dataclasses. They hold data and
small pure predicates only; running a function is graders.running's job, judging what it did is
graders.judging's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

TIME_LIMIT = 10.0  # seconds one call of student code may take before it counts as endless
RTOL = 1e-6  # relative tolerance for float values: loose enough for another correct formula
ATOL = 1e-9  # absolute tolerance, for values near zero


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
    printed: Any = None  # what the exercise's Printing reads from a right answer's output; None: not judged


@dataclass(frozen=True)
class Hint:
    """Advice shown when a wrong answer looks like a known mistake.

    Either `applies(got, expected, inputs)`, on plain data only, returns True when the returned
    value `got` matches the mistake (an exception inside it counts as "does not apply"), or
    `raised` is a fragment of the error message that the mistake makes the function raise.

    `id` names the hint in verdicts and in the class report. Left out, it is made from the
    message's first words, so it stays the same from run to run; give one to keep it through a
    rewording.
    """

    message: str
    applies: Callable[[Any, Any, Mapping[str, Any]], bool] | None = None
    raised: str | None = None
    id: str = field(default="")

    def __post_init__(self):
        if not self.id:
            object.__setattr__(self, "id", _slug(self.message))


def _slug(text: str, words: int = 8) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:words])


@dataclass(frozen=True)
class Printing:
    """What a function must print while it runs, judged apart from what it returns.

    `read(text)` turns what the function printed into plain data (for a training loop, the
    iterations and costs of its cost lines); a case's `printed` is what `read` gives for a right
    answer. Printing is how a function reports, not what it computes: when everything it returned
    is right and only the printing differs (an extra line, a missing one, another number format),
    the case still passes, and the student reads a note saying what to change. `what` names the
    reading in that note; `notes` are hints on the two readings, `applies(got, expected, inputs)`
    with got and expected what `read` gave; `atol` compares printed numbers, which carry fewer
    digits than returned ones.
    """

    read: Callable[[str], Any]
    what: str
    notes: Sequence[Hint] = ()
    atol: float = 1e-6


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
    printing: Printing | None = None


# ----------------------------------------------------------------------------------------------
# Reading what a training loop printed (for `observe` functions)

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
