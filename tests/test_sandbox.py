"""Student code that crashes, hangs or misbehaves costs only the case it runs on."""

import os
import sys

import numpy as np
import pytest

from graders import sandbox
from graders.checking import Case, CheckFailed, Exercise, make_check, run_case

pytestmark = pytest.mark.skipif(not sandbox.available(), reason="fork is not available here")

CASE = Case("x = 2.0", {"x": 2.0}, 4.0, time_limit=2)


def test_a_crash_of_the_process_is_reported_and_the_caller_survives():
    outcome = run_case(lambda x: os._exit(3), CASE)
    assert "stopped the Python process" in outcome.error and "exit code 3" in outcome.error


def test_an_endless_loop_is_stopped_after_the_time_limit():
    def loops(x):
        while True:
            x = x + 1

    outcome = run_case(loops, CASE)
    assert "did not finish within 2 s" in outcome.error


def test_sys_exit_is_a_failure_not_the_end_of_grading():
    outcome = run_case(lambda x: sys.exit("bye"), CASE)
    assert outcome.error == "it raised SystemExit: bye"


def test_a_value_that_cannot_be_sent_back_is_reported():
    outcome = run_case(lambda x: (i for i in range(3)), CASE)
    assert "cannot be checked" in outcome.error


def test_prints_are_shown_to_the_student(capsys):
    def chatty(x):
        print("cost after iteration 0: 0.69")
        return 2 * x

    outcome = run_case(chatty, CASE)
    assert outcome.value == 4.0 and outcome.printed == "cost after iteration 0: 0.69\n"
    assert capsys.readouterr().out == "cost after iteration 0: 0.69\n"


def test_the_stub_message_comes_back_as_not_implemented_error():
    def stub(x):
        raise NotImplementedError("square is not written yet: replace this line with your code.")

    with pytest.raises(NotImplementedError, match="square is not written yet"):
        run_case(stub, CASE)


def test_the_seed_of_a_case_is_set_just_before_the_call():
    case = Case("seeded", {"n": 3}, None, seed=7)
    np.random.seed(7)
    expected = np.random.randn(3)
    np.random.seed(0)
    outcome = run_case(lambda n: np.random.randn(n), case)
    assert np.array_equal(outcome.value, expected)


def test_a_crashing_case_fails_the_check_with_a_message(capsys):
    check = make_check([Exercise("square", "square(x)", [CASE])])
    with pytest.raises(CheckFailed, match="stopped the Python process"):
        check("square", lambda x: os._exit(1))
    check("square", lambda x: x * x)
    assert "square: 1 self-check passed." in capsys.readouterr().out


def test_in_process_mode_gives_the_same_outcome(monkeypatch):
    isolated = run_case(lambda x: x * x, CASE)
    monkeypatch.setenv(sandbox.IN_PROCESS_VAR, "1")
    assert not sandbox.available()
    assert run_case(lambda x: x * x, CASE) == isolated
