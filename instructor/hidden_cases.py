"""The hidden cases, computed once and kept as instructor-only data.

A hidden module (instructor.hidden.<assignment>) builds its cases' inputs and expected values with
independent oracles: scikit-learn, scipy, numerical derivatives. That takes a second or two and
those libraries, so it is done once, when the course is released (or by the first grading run
that finds nothing stored), and the cases are written as plain data (graders.plaindata, JSON) to
`hidden_cases/<assignment>.json` in the course folder. The course folder is never mounted in a
sandbox, and `hidden_cases/` is neither released nor bundled.

Each file carries a fingerprint of what its numbers come from: the hidden and public modules'
source, the check machinery's, and the versions of the libraries the oracles use. A file whose
fingerprint differs from the current one is stale and is computed again, so an edited check
never grades with old numbers.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import json
from dataclasses import replace
from pathlib import Path

from graders import plaindata
from graders.cases import Case, Exercise, Scalar
from instructor import course
from instructor.files import write_atomically

FOLDER = "hidden_cases"
ORACLE_LIBRARIES = ("numpy", "scipy", "scikit-learn")
_SOURCES = ("graders/cases.py", "graders/gradcheck.py", "instructor/hidden/__init__.py")


def path(assignment: str) -> Path:
    return course.ROOT / FOLDER / f"{assignment}.json"


def fingerprint(assignment: str) -> str:
    """A digest of everything the assignment's hidden cases are computed from."""
    checkout = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for name in (*_SOURCES, f"graders/{assignment}.py", f"instructor/hidden/{assignment}.py"):
        source = checkout / name
        digest.update(name.encode() + b"\0" + (source.read_bytes() if source.is_file() else b"") + b"\0")
    for library in ORACLE_LIBRARIES:
        digest.update(f"{library}=={importlib.metadata.version(library)}\0".encode())
    return digest.hexdigest()


def computed(assignment: str) -> list[Exercise] | None:
    """The hidden exercises, computed by the assignment's hidden module (None if it has none)."""
    try:
        return list(importlib.import_module(f"instructor.hidden.{assignment}").HIDDEN)
    except ModuleNotFoundError:
        return None


def store(assignment: str, exercises: list[Exercise]) -> Path:
    """Write the exercises' cases as plain data (the file is replaced whole or not at all)."""
    data = {"assignment": assignment, "fingerprint": fingerprint(assignment),
            "cases": {e.function: [_case_to_plain(c) for c in e.cases] for e in exercises}}
    for e in exercises:  # a value plain data cannot hold exactly is not stored: it would grade differently
        for case, plain in zip(e.cases, data["cases"][e.function]):
            if not same_cases(case, _case_from_plain(json.loads(json.dumps(plain)))):
                raise ValueError(f"{e.function}: the hidden case {case.label!r} cannot be stored as plain data")
    target = path(assignment)
    write_atomically(target, json.dumps(data).encode())
    return target


def load(assignment: str, public: list[Exercise]) -> list[Exercise] | None:
    """The hidden exercises from the stored cases and the public exercises (whose hints, printing
    and observation they share); None when nothing current is stored."""
    try:
        data = json.loads(path(assignment).read_text())
        if data.get("fingerprint") != fingerprint(assignment):
            return None
        cases = {function: [_case_from_plain(c) for c in stored] for function, stored in data["cases"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, plaindata.PlainDataError):
        return None  # missing, cut short or not ours: computed again
    return [replace(e, cases=cases[e.function]) for e in public if e.function in cases]


def hidden_exercises(assignment: str, public: list[Exercise]) -> list[Exercise] | None:
    """The assignment's hidden exercises: stored ones when current, else computed and stored."""
    exercises = load(assignment, public)
    if exercises is None:
        exercises = computed(assignment)
        if exercises is not None:
            try:
                store(assignment, exercises)
            except (OSError, ValueError):  # a read-only course folder, or a value JSON cannot hold:
                pass  # grade with what was computed
    return exercises


def ensure_stored(assignment: str) -> None:
    """Compute and store the assignment's hidden cases unless what is stored is current."""
    try:
        public = importlib.import_module(f"graders.{assignment}").EXERCISES
    except ModuleNotFoundError:
        return
    hidden_exercises(assignment, list(public))


def _case_to_plain(case: Case) -> dict:
    return {"label": case.label, "inputs": plaindata.encode(dict(case.inputs)), "expected": _encode(case.expected),
            "rtol": case.rtol, "atol": case.atol, "seed": case.seed, "time_limit": case.time_limit,
            "printed": _encode(case.printed)}


def _case_from_plain(data: dict) -> Case:
    return Case(str(data["label"]), plaindata.decode(data["inputs"]), _decode(data["expected"]),
                rtol=float(data["rtol"]), atol=float(data["atol"]), seed=data["seed"],
                time_limit=float(data["time_limit"]), printed=_decode(data["printed"]))


def _encode(value) -> dict:
    """An expected value as plain data; Scalar, the one class of graders.cases that expected
    values hold, may sit anywhere in it."""
    if isinstance(value, Scalar):
        return {"scalar": plaindata.encode(value.value)}
    if type(value) in (tuple, list):
        return {type(value).__name__: [_encode(v) for v in value]}
    if type(value) is dict:
        return {"dict": [[plaindata.encode(k), _encode(v)] for k, v in value.items()]}
    return {"value": plaindata.encode(value)}


def _decode(data: dict):
    (kind, content), = data.items()
    if kind == "scalar":
        return Scalar(plaindata.decode(content))
    if kind == "tuple":
        return tuple(_decode(v) for v in content)
    if kind == "list":
        return [_decode(v) for v in content]
    if kind == "dict":
        return {plaindata.decode(k): _decode(v) for k, v in content}
    if kind == "value":
        return plaindata.decode(content)
    raise plaindata.PlainDataError(f"unknown kind of stored value {kind!r}")


def _same(a, b) -> bool:
    """Two expected values are the same, Scalars and all (arrays: same shape, dtype and bits)."""
    if isinstance(a, Scalar) or isinstance(b, Scalar):
        return isinstance(a, Scalar) and isinstance(b, Scalar) and plaindata.identical(a.value, b.value)
    if type(a) in (tuple, list) or type(b) in (tuple, list):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    if type(a) is dict or type(b) is dict:
        return type(a) is type(b) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return plaindata.identical(a, b)


def same_cases(a: Case, b: Case) -> bool:
    """Whether two cases would grade alike: same label, inputs, expected values and settings."""
    return (a.label, a.rtol, a.atol, a.seed, a.time_limit) == (b.label, b.rtol, b.atol, b.seed, b.time_limit) \
        and _same(dict(a.inputs), dict(b.inputs)) and _same(a.expected, b.expected) and _same(a.printed, b.printed)
