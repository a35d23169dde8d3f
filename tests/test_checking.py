"""The student-facing self-check: one success line, or a failure a student can read."""

import numpy as np
import pytest

from graders.cases import Case, Exercise
from graders.checking import CheckFailed, make_check


def test_check_prints_one_success_line_and_raises_a_readable_failure(capsys):
    check = make_check([Exercise("double", "double(x)", [
        Case("x = 1.5", {"x": 1.5}, 3.0), Case("x = -2.0", {"x": -2.0}, -4.0)])])
    check("double", lambda x: 2 * x)
    assert capsys.readouterr().out == "double: 2 self-checks passed.\n"
    with pytest.raises(CheckFailed) as failure:
        check("double", lambda x: x + x + 1)
    text = str(failure.value)
    assert text.startswith("double(x) failed a self-check on the case: x = 1.5")
    assert "x = 1.5" in text and "expected 3.0, got 4.0" in text


def test_check_refuses_a_value_in_place_of_a_function_and_an_unknown_name():
    check = make_check([Exercise("double", "double(x)", [Case("x", {"x": 1.0}, 2.0)])])
    with pytest.raises(CheckFailed, match="expected a function"):
        check("double", 2.0)
    with pytest.raises(KeyError, match="double"):
        check("triple", lambda x: 3 * x)


def test_an_unwritten_function_raises_the_stub_message(capsys):
    check = make_check([Exercise("double", "double(x)", [Case("x", {"x": 1.0}, 2.0)])])

    def stub(x):
        raise NotImplementedError("double is not written yet: replace this line with your code.")

    with pytest.raises(NotImplementedError, match="double is not written yet"):
        check("double", stub)


def test_what_the_function_printed_is_shown_in_the_cell(capsys):
    check = make_check([Exercise("double", "double(x)", [Case("x", {"x": 1.0}, 2.0)])])

    def chatty(x):
        print("doubling", x)
        return 2 * x

    check("double", chatty)
    assert capsys.readouterr().out == "doubling 1.0\ndouble: 1 self-check passed.\n"


def test_a_crash_fails_the_check_and_the_caller_goes_on(capsys):
    import os

    check = make_check([Exercise("double", "double(x)", [Case("x", {"x": 1.0}, 2.0, time_limit=5)])])
    with pytest.raises(CheckFailed, match="stopped the Python process"):
        check("double", lambda x: os._exit(1))
    check("double", lambda x: x * 2)
    assert "double: 1 self-check passed." in capsys.readouterr().out


def test_warnings_do_not_fail_a_right_answer():
    check = make_check([Exercise("f", "f(x)", [Case("x", {"x": np.array([1000.0])}, np.array([0.0]))])])
    check("f", lambda x: 1 / (1 + np.exp(x)))


def test_a_failing_check_shows_its_message_and_no_grader_frames():
    from IPython.core.interactiveshell import InteractiveShell

    check = make_check([Exercise("double", "double(x)", [Case("x = 1.5", {"x": 1.5}, 3.0)])])
    shell = InteractiveShell.instance()
    shell.user_ns.update(check=check)
    shown = []
    shell._showtraceback = lambda etype, value, stb: shown.append(stb)
    shell.run_cell("check('double', lambda x: x)")
    shell.run_cell("def stub(x):\n    raise NotImplementedError('double is not written yet')\ncheck('double', stub)")
    failed, stub = ("\n".join(stb) for stb in shown)
    assert failed.startswith("double(x) failed a self-check on the case: x = 1.5")
    assert "graders" not in failed and "Traceback" not in failed
    assert stub == "NotImplementedError: double is not written yet"


def test_the_summary_lists_every_function_with_its_mark_points_and_what_is_left(tmp_path, monkeypatch):
    import json

    check = make_check([Exercise("double", "double(x)", [Case("x", {"x": 1.0}, 2.0)]),
                        Exercise("triple", "triple(x)", [Case("x", {"x": 1.0}, 3.0)]),
                        Exercise("half", "half(x)", [Case("x", {"x": 1.0}, 0.5)])], assignment="a0_demo")
    cells = [{"cell_type": "code", "metadata": {"nbgrader": {"grade": True, "solution": False,
                                                               "grade_id": f"test_{f}", "points": p}}}
             for f, p in (("double", 1), ("triple", 2), ("half", 1))]
    (tmp_path / "a0_demo.ipynb").write_text(json.dumps({"cells": cells}))
    monkeypatch.chdir(tmp_path)

    def stub(x):
        raise NotImplementedError("half is not written yet")

    lines = check.summary({"double": lambda x: 2 * x, "triple": lambda x: x, "half": stub},
                          {"double": 1, "triple": 2, "half": 1}).splitlines()
    assert lines[0].split()[:4] == ["✓", "double", "1", "point"]
    assert lines[1].split()[:4] == ["✗", "triple", "2", "points"] and "failed a self-check" in lines[1]
    assert lines[2].split()[:2] == ["·", "half"] and "not written yet" in lines[2]
    assert lines[3] == "1 of 3 functions pass their self-checks (1 of 4 points). Still to do: triple, half."
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    check.all({"double": lambda x: 2 * x})  # reads the points from a0_demo.ipynb in this folder
