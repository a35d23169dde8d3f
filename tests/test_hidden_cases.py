"""Hidden cases are computed once and stored as instructor-only data; what is read back grades
exactly like what the hidden modules compute, and nothing stale or broken is ever read."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import textwrap
from dataclasses import replace

import pytest

from instructor import course, hidden_cases

ASSIGNMENTS = course.assignments()


@pytest.fixture
def store_in(tmp_path, monkeypatch):
    monkeypatch.setattr(course, "ROOT", tmp_path)
    return tmp_path


def _public(assignment):
    return list(importlib.import_module(f"graders.{assignment}").EXERCISES)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_stored_cases_are_those_the_hidden_module_computes(store_in, assignment):
    computed = hidden_cases.computed(assignment)
    hidden_cases.store(assignment, computed)
    loaded = hidden_cases.load(assignment, _public(assignment))
    assert [e.function for e in loaded] == [e.function for e in computed]
    for ours, theirs in zip(loaded, computed):
        assert replace(ours, cases=theirs.cases) == theirs  # hints, printing, observation: the public ones
        assert len(ours.cases) == len(theirs.cases)
        for a, b in zip(ours.cases, theirs.cases):
            assert hidden_cases.same_cases(a, b), (assignment, ours.function, b.label)


def test_same_cases_tells_a_changed_expected_value_apart(store_in):
    case = hidden_cases.computed("a2_logistic_regression")[2].cases[0]  # propagate: dicts with Scalars
    assert hidden_cases.same_cases(case, case)
    grads, cost = case.expected
    nudged = replace(case, expected=(grads, replace(cost, value=cost.value + 1e-12)))
    assert not hidden_cases.same_cases(case, nudged)
    assert not hidden_cases.same_cases(case, replace(case, expected=(grads, cost.value)))  # a Scalar is not a float


def test_a_stale_or_broken_file_is_computed_again(store_in):
    assignment = "a1_numpy_basics"
    computed = hidden_cases.computed(assignment)
    target = hidden_cases.store(assignment, computed)
    data = json.loads(target.read_text())
    data["fingerprint"] = "an older version of the checks"
    target.write_text(json.dumps(data))
    assert hidden_cases.load(assignment, _public(assignment)) is None
    again = hidden_cases.hidden_exercises(assignment, _public(assignment))
    assert all(hidden_cases.same_cases(a, b) for e, f in zip(again, computed) for a, b in zip(e.cases, f.cases))
    assert json.loads(target.read_text())["fingerprint"] == hidden_cases.fingerprint(assignment)
    target.write_text('{"fingerprint": ')  # cut short
    assert hidden_cases.load(assignment, _public(assignment)) is None


def test_a_case_plain_data_cannot_hold_is_not_stored(store_in):
    exercise = hidden_cases.computed("a1_numpy_basics")[0]
    odd = replace(exercise, cases=[replace(exercise.cases[0], expected={1.5j})])
    with pytest.raises(ValueError, match="cannot be stored"):
        hidden_cases.store("a1_numpy_basics", [odd])


def test_a_grading_run_reads_the_stored_cases_without_the_oracles(tmp_path):
    script = textwrap.dedent("""
        import sys
        from instructor import course, hidden_cases
        from instructor.exercises import graded_functions
        if sys.argv[1] == "store":
            for a in course.assignments():
                hidden_cases.ensure_stored(a)
        else:
            assert all(f.hidden is not None for a in course.assignments() for f in graded_functions(a).values())
            print(sorted(m for m in sys.modules if m.startswith(("sklearn", "instructor.hidden."))))
    """)
    env = {**os.environ, "COURSE_ROOT": str(tmp_path)}
    (tmp_path / "notebooks").symlink_to(course.SOURCE)
    for step in ("store", "grade"):
        done = subprocess.run([sys.executable, "-c", script, step], env=env, capture_output=True, text=True,
                              cwd=course.SOURCE.parent)
        assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert sorted(p.name for p in (tmp_path / "hidden_cases").iterdir()) == [f"{a}.json" for a in course.assignments()]
