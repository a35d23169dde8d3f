"""The shared grader machinery: running, judging, and the student-facing check call."""

import numpy as np
import pytest

from graders.checking import (
    Case, CheckFailed, Exercise, Hint, Outcome, Scalar, compare, judge, make_check, run_case,
)


def test_python_float_is_not_a_numpy_scalar_nor_a_0d_array():
    assert compare(0.5, 0.5, "v") == []
    assert "Python float" in compare(0.5, np.float64(0.5), "v")[0]
    assert "Python float" in compare(0.5, np.array(0.5), "v")[0]


def test_scalar_accepts_any_0d_number_but_not_a_1x1_array():
    for got in (0.25, np.float64(0.25), np.array(0.25)):
        assert compare(Scalar(0.25), got, "cost") == []
    problems = compare(Scalar(0.25), np.array([[0.25]]), "cost")
    assert "np.squeeze" in problems[0] and "(1, 1)" in problems[0]


def test_array_shape_dtype_and_values_are_each_reported():
    expected = np.array([[1.0], [2.0]])
    assert "shape (2,)" in compare(expected, np.array([1.0, 2.0]), "v")[0]
    assert "dtype int64" in compare(expected, np.array([[1], [2]]), "v")[0]
    message = compare(expected, np.array([[1.0], [2.5]]), "v")[0]
    assert "1 of 2 entries differ" in message and "(1, 0)" in message
    assert "numpy array" in compare(expected, [[1.0], [2.0]], "v")[0]


def test_dicts_and_tuples_are_compared_item_by_item_with_their_path():
    expected = ({"dw": np.zeros((2, 1)), "db": 0.0}, Scalar(1.0))
    assert compare(expected, ({"dw": np.zeros((2, 1)), "db": 0.0}, 1.0), "result") == []
    assert "missing keys ['db']" in compare(expected, ({"dw": np.zeros((2, 1))}, 1.0), "result")[0]
    assert "result[0]['db']" in compare(expected, ({"dw": np.zeros((2, 1)), "db": 1.0}, 1.0), "result")[0]
    assert "tuple of 2" in compare(expected, [1, 2], "result")[0]


def test_run_case_records_in_place_changes_without_touching_the_case():
    x = np.array([1.0, 2.0])
    case = Case("x", {"x": x}, np.array([2.0, 4.0]))

    def doubles_in_place(x):
        x *= 2
        return x

    outcome = run_case(doubles_in_place, case)
    assert outcome.changed_inputs == ("x",)
    assert np.array_equal(case.inputs["x"], [1.0, 2.0])
    assert any("in place" in p for p in judge(Exercise("f", "f(x)", [case]), case, outcome))


def test_run_case_turns_exceptions_into_data_but_lets_not_implemented_through():
    case = Case("x", {"x": 1}, 1.0)
    outcome = run_case(lambda x: 1 / 0, case)
    assert outcome.error.startswith("ZeroDivisionError")

    def stub(x):
        raise NotImplementedError("f is not written yet")

    with pytest.raises(NotImplementedError, match="f is not written yet"):
        run_case(stub, case)


def test_warnings_are_recorded_not_printed_and_do_not_fail_a_right_answer(capsys):
    case = Case("x", {"x": np.array([1000.0])}, np.array([0.0]))
    outcome = run_case(lambda x: 1 / (1 + np.exp(x)), case)
    assert outcome.warnings and "overflow" in outcome.warnings[0]
    assert capsys.readouterr().err == ""
    assert judge(Exercise("f", "f(x)", [case]), case, outcome) == []


def test_judge_is_a_pure_function_of_plain_data():
    case = Case("x = 2", {"x": 2}, 4.0)
    exercise = Exercise("square", "square(x)", [case], hints=[
        Hint("you doubled instead of squaring", lambda got, expected, inputs: got == 2 * inputs["x"]),
        Hint("you used the wrong operator", raised="unsupported operand"),
    ])
    assert judge(exercise, case, Outcome(value=4.0)) == []
    wrong = judge(exercise, case, Outcome(value=4.5))
    assert wrong[0] == "the return value: expected 4.0, got 4.5." and len(wrong) == 1
    assert judge(exercise, Case("x = 3", {"x": 3}, 9.0), Outcome(value=6.0))[-1] == (
        "Hint: you doubled instead of squaring")
    raised = judge(exercise, case, Outcome(error="TypeError: unsupported operand type(s)"))
    assert raised[-1] == "Hint: you used the wrong operator"


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


def test_observe_lets_a_check_compare_what_the_function_printed(capsys):
    def observe(value, printed):
        return {"value": value, "lines": len(printed.splitlines())}

    exercise = Exercise("train", "train(n)", [Case("n = 2", {"n": 2}, {"value": 2.0, "lines": 2})],
                        hints=[Hint("print one line per step", lambda got, e, i: got["lines"] != e["lines"])],
                        observe=observe)
    check = make_check([exercise])

    def train(n):
        for step in range(n):
            print(f"step {step}")
        return float(n)

    check("train", train)
    assert capsys.readouterr().out.endswith("train: 1 self-check passed.\n")
    with pytest.raises(CheckFailed) as failure:
        check("train", lambda n: float(n))
    assert "what it returned and printed['lines']" in str(failure.value)
    assert "Hint: print one line per step" in str(failure.value)
