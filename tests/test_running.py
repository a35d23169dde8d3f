"""Running a student's function: outcomes as plain data, one child for all cases, and a crash or
a hang that costs only the case it happened in."""

import os
import sys

import numpy as np
import pytest

from graders.cases import Case
from graders.running import CRASHED, IN_PROCESS_VAR, TIMED_OUT, Outcome, isolation_available, run_cases

needs_fork = pytest.mark.skipif(not isolation_available(), reason="fork is not available here")

CASE = Case("x = 2.0", {"x": 2.0}, 4.0, time_limit=2)


def run_one(func, case=CASE) -> Outcome:
    (outcome,) = run_cases(func, [case])
    return outcome


def test_in_place_changes_are_recorded_and_the_case_keeps_its_inputs():
    x = np.array([1.0, 2.0])
    case = Case("x", {"x": x}, None)

    def doubles_in_place(x):
        x *= 2
        return x

    outcome = run_one(doubles_in_place, case)
    assert outcome.changed_inputs == ("x",)
    assert np.array_equal(outcome.value, [2.0, 4.0]) and np.array_equal(case.inputs["x"], [1.0, 2.0])


def test_exceptions_and_the_release_stub_become_data():
    assert run_one(lambda x: 1 / 0).error.startswith("ZeroDivisionError")

    def stub(x):
        raise NotImplementedError("square is not written yet: replace this line with your code.")

    outcome = run_one(stub)
    assert outcome.not_implemented.startswith("square is not written yet") and outcome.error is None


def test_warnings_and_prints_are_recorded_not_shown(capsys):
    def noisy(x):
        print("cost after iteration 0: 0.69")
        return 1 / (1 + np.exp(np.array([1000.0])))

    outcome = run_one(noisy)
    assert outcome.printed == "cost after iteration 0: 0.69\n"
    assert outcome.warnings and "overflow" in outcome.warnings[0]
    assert capsys.readouterr() == ("", "")


def test_types_survive_the_trip_back():
    value = (1.5, np.float64(1.5), np.array(1.5), [1, 2], {"W1": np.eye(2, dtype=np.float32)}, True)
    got = run_one(lambda x: value).value
    assert [type(v) for v in got] == [float, np.float64, np.ndarray, list, dict, bool]
    assert got[4]["W1"].dtype == np.float32 and got[2].shape == ()


@needs_fork
def test_a_crash_of_the_process_is_recorded_and_ends_the_run():
    cases = [Case(f"x = {x}", {"x": x}, None, time_limit=5) for x in (1, 2, 3)]

    def crashes_on_two(x):
        if x == 2:
            os._exit(3)
        return x * 10

    outcomes = run_cases(crashes_on_two, cases)
    assert [o.value for o in outcomes] == [10, None]
    assert outcomes[1].stopped == CRASHED and outcomes[1].exit_code == 3


@needs_fork
def test_an_endless_loop_is_stopped_after_the_time_limit():
    cases = [Case("returns", {"x": 1}, None, time_limit=5), Case("loops", {"x": 0}, None, time_limit=1),
             Case("not run", {"x": 2}, None)]

    def loops_on_zero(x):
        while x == 0:
            pass
        return x

    outcomes = run_cases(loops_on_zero, cases)
    assert outcomes[0].value == 1 and outcomes[1].stopped == TIMED_OUT and len(outcomes) == 2


@needs_fork
def test_sys_exit_is_an_error_of_the_case_not_the_end_of_the_run():
    assert run_one(lambda x: sys.exit("bye")).error.startswith("SystemExit: bye")


def test_a_value_without_a_plain_form_is_named():
    outcome = run_one(lambda x: (i for i in range(3)))
    assert outcome.value.kind == "generator"


def test_each_case_starts_from_the_callers_random_state_unless_it_is_seeded():
    np.random.seed(5)
    expected = np.random.randn(3)
    np.random.seed(5)
    cases = [Case("a", {"n": 3}, None), Case("b", {"n": 3}, None), Case("seeded", {"n": 3}, None, seed=7)]
    outcomes = run_cases(lambda n: np.random.randn(n), cases)
    assert np.array_equal(outcomes[0].value, expected) and np.array_equal(outcomes[1].value, expected)
    np.random.seed(7)
    assert np.array_equal(outcomes[2].value, np.random.randn(3))


def test_in_process_mode_gives_the_same_outcome(monkeypatch):
    isolated = run_one(lambda x: x * x)
    monkeypatch.setenv(IN_PROCESS_VAR, "1")
    assert not isolation_available()
    assert run_one(lambda x: x * x).value == isolated.value == 4.0


def test_an_outcome_round_trips_through_plain_data_and_rejects_tampering():
    outcome = Outcome(value={"a": (1, np.arange(3))}, changed_inputs=("x",), printed="hi\n", seconds=0.5)
    back = Outcome.from_plain(outcome.to_plain())
    assert back.changed_inputs == ("x",) and back.printed == "hi\n" and np.array_equal(back.value["a"][1], [0, 1, 2])
    from graders.plaindata import PlainDataError
    for bad in ([], {"stopped": "won"}, {"changed_inputs": "x"}, {"seconds": "fast"}, {"value": {"$": "eval"}}):
        with pytest.raises(PlainDataError):
            Outcome.from_plain(bad)
