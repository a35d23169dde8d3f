"""Judging is a pure function of plain data: comparisons, statuses, hints, and messages that keep
hidden expected values to the grader."""

import numpy as np

from graders.cases import Case, Exercise, Hint, Printing, Scalar
from graders.judging import (
    CRASHED_STATUS, NO_RESULT, NOT_ATTEMPTED, PASSED, PRINTING_DIFFERS, RAISED, TIMED_OUT_STATUS, WRONG,
    compare, judge, judge_case,
)
from graders.plaindata import Unsupported
from graders.running import CRASHED, TIMED_OUT, Outcome


def test_python_float_is_not_a_numpy_scalar_nor_a_0d_array():
    assert compare(0.5, 0.5, "v") == []
    assert "Python float" in compare(0.5, np.float64(0.5), "v")[0]
    assert "Python float" in compare(0.5, np.array(0.5), "v")[0]


def test_scalar_accepts_any_0d_number_but_not_a_1x1_array():
    for got in (0.25, np.float64(0.25), np.array(0.25), np.float32(0.25)):
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


def test_hidden_comparisons_never_show_the_expected_values():
    expected = np.array([[0.123456], [0.654321]])
    for got in (np.array([[0.1], [0.2]]), np.array([0.1, 0.2]), 0.5, [0.1]):
        text = " ".join(compare(expected, got, "v", reveal=False))
        assert "0.123456" not in text and "0.654321" not in text, text
    text = " ".join(compare(Scalar(0.7310585786), 0.5, "v", reveal=False) + compare(0.7310585786, 0.5, "v", reveal=False))
    assert "0.731" not in text and "0.5" in text


def test_a_value_the_checks_cannot_compare_is_named():
    assert "generator" in compare(1.0, Unsupported("generator"), "the return value")[0]


EXERCISE = Exercise("square", "square(x)", [Case("x = 2", {"x": 2}, 4.0), Case("x = 3", {"x": 3}, 9.0)], hints=[
    Hint("you doubled instead of squaring", lambda got, expected, inputs: got == 2 * inputs["x"]),
    Hint("you used the wrong operator", raised="unsupported operand", id="operator"),
])


def test_judge_case_gives_a_status_problems_and_hint_ids():
    case = EXERCISE.cases[1]
    assert judge_case(EXERCISE, case, Outcome(value=9.0)).status == PASSED
    wrong = judge_case(EXERCISE, case, Outcome(value=6.0))
    assert wrong.status == WRONG and wrong.problems == ("the return value: expected 9.0, got 6.0.",)
    assert wrong.hints == ("you-doubled-instead-of-squaring",)
    raised = judge_case(EXERCISE, case, Outcome(error="TypeError: unsupported operand type(s)"))
    assert raised.status == RAISED and raised.hints == ("operator",)


def test_crashes_time_outs_and_stubs_read_as_sentences():
    case = EXERCISE.cases[0]
    crashed = judge_case(EXERCISE, case, Outcome(stopped=CRASHED, exit_code=1))
    assert crashed.status == CRASHED_STATUS and crashed.problems[0].startswith("It stopped the Python process")
    timed = judge_case(EXERCISE, case, Outcome(stopped=TIMED_OUT))
    assert timed.status == TIMED_OUT_STATUS and timed.problems[0].startswith("It did not finish within 10 s.")
    stub = judge_case(EXERCISE, case, Outcome(not_implemented="square is not written yet"))
    assert stub.status == NOT_ATTEMPTED


def test_judge_stops_at_the_first_failure_and_counts_what_passed():
    hidden = Exercise("square", "square(x)", [Case("x = 5", {"x": 5}, 25.0)], hints=EXERCISE.hints)
    verdict = judge(EXERCISE, [Outcome(value=4.0), Outcome(value=9.0)], hidden, [Outcome(value=10.0)])
    assert verdict.status == WRONG and (verdict.passed_public, verdict.passed_hidden) == (2, 0)
    assert verdict.failure.hidden and "failed a hidden check on the case: x = 5" in verdict.message
    assert "25" not in verdict.message and "Hint: you doubled instead of squaring" in verdict.message
    assert verdict.hint_messages == {"you-doubled-instead-of-squaring": "you doubled instead of squaring"}
    ok = judge(EXERCISE, [Outcome(value=4.0), Outcome(value=9.0)], hidden, [Outcome(value=25.0)])
    assert ok.passed and ok.message == "square: 2 self-checks and 1 hidden check passed."


def test_a_missing_outcome_fails_the_check():
    verdict = judge(EXERCISE, [Outcome(value=4.0)])
    assert verdict.status == NO_RESULT and verdict.passed_public == 1


def test_observe_turns_printed_text_into_data_the_cases_compare():
    def observe(value, printed):
        return {"value": value, "lines": len(printed.splitlines())}

    exercise = Exercise("train", "train(n)", [Case("n = 2", {"n": 2}, {"value": 2.0, "lines": 2})],
                        hints=[Hint("print one line per step", lambda got, e, i: got["lines"] != e["lines"])],
                        observe=observe)
    assert judge(exercise, [Outcome(value=2.0, printed="a\nb\n")]).passed
    verdict = judge(exercise, [Outcome(value=2.0)])
    assert "what it returned and printed['lines']" in verdict.message
    assert "Hint: print one line per step" in verdict.message


# A function that returns n and prints the step numbers 0, ..., n-1, one per line.
MISSING_STEP = Hint("print every step, starting at 0", lambda got, e, i: len(got) < len(e), id="missing-step")
COUNTING = Printing(lambda text: tuple(int(word) for word in text.split()), "the step numbers it printed",
                    notes=[MISSING_STEP])
COUNT = Exercise("count", "count(n)", [Case("n = 2", {"n": 2}, 2, printed=(0, 1)),
                                       Case("n = 1", {"n": 1}, 1, printed=(0,))], printing=COUNTING)


def test_a_printing_slip_earns_a_note_and_keeps_the_points():
    right = judge(COUNT, [Outcome(value=2, printed="0\n1\n"), Outcome(value=1, printed="0\n")])
    assert right.passed and right.message == "count: 2 self-checks passed." and not right.note_messages
    slip = judge(COUNT, [Outcome(value=2, printed="0\n"), Outcome(value=1, printed="")])
    assert slip.passed and (slip.passed_public, slip.passed_hidden) == (2, 0)
    first, *rest = slip.message.splitlines()
    assert first == "count: 2 self-checks passed."
    assert rest[0] == ("Note (no points lost): count returned the right values, but what it printed is "
                       "not what the exercise asks, on the self-check case: n = 2")
    assert "  - Hint: print every step, starting at 0" in rest
    assert slip.note_messages == {"missing-step": "print every step, starting at 0"}


def test_printing_is_judged_only_once_the_values_are_right():
    verdict = judge(COUNT, [Outcome(value=3, printed="0\n")])
    assert verdict.status == WRONG and "Note" not in verdict.message and not verdict.note_messages
    assert judge_case(COUNT, COUNT.cases[0], Outcome(value=3, printed="")).notes == ()


def test_an_unforeseen_slip_gets_the_general_note_and_an_unreadable_print_is_a_note_too():
    extra = judge(COUNT, [Outcome(value=2, printed="0\n1\n7\n"), Outcome(value=1, printed="0\n")])
    assert extra.passed and extra.note_messages == {
        PRINTING_DIFFERS: "the step numbers it printed differ from what the exercise asks."}
    unreadable = judge_case(COUNT, COUNT.cases[1], Outcome(value=1, printed="zero\n"))
    assert unreadable.status == PASSED and unreadable.note_ids == (PRINTING_DIFFERS,)
    assert "could not be read (ValueError" in unreadable.notes[0]


def test_a_note_on_a_hidden_case_keeps_its_expected_printing_secret():
    expected = tuple(range(41)) + (4141,)
    hidden = Exercise("count", "count(n)", [Case("n = 42", {"n": 42}, 42, printed=expected)], printing=COUNTING)
    printed = " ".join(map(str, range(41))) + " 4140"
    verdict = judge(COUNT, [Outcome(value=2, printed="0 1"), Outcome(value=1, printed="0")], hidden,
                    [Outcome(value=42, printed=printed)])
    assert verdict.passed and "on the hidden check case: n = 42" in verdict.message
    assert "4140" in verdict.message and "4141" not in verdict.message


def test_a_wrong_shape_from_a_sum_names_the_axis_and_keepdims():
    expected = np.zeros((4, 1))
    assert "keepdims=True" in compare(expected, np.zeros(4), "db1")[0]
    wrong_axis = compare(expected, np.zeros((1, 3)), "db1")[0]
    assert "axis=0 instead of axis=1" in wrong_axis and "keepdims=True" in wrong_axis
    assert "every entry" in compare(expected, np.zeros(()), "db1")[0]
    assert "transpose" in compare(np.zeros((2, 3)), np.zeros((3, 2)), "W")[0]
    assert "axis" not in compare(np.zeros((2, 3)), np.zeros((2, 4)), "W")[0].split("\n")[0]


def test_inputs_are_laid_out_one_per_line_with_their_shapes():
    from graders.judging import describe_inputs

    text = describe_inputs({"parameters": {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))},
                            "X": np.zeros((2, 30)), "learning_rate": 1.2})
    lines = text.splitlines()
    assert lines[0].strip() == "parameters: dict of 2"
    assert lines[1].strip() == "'W1': ndarray of shape (2, 2), dtype float64"
    assert "X: ndarray of shape (2, 30), dtype float64" in text and "learning_rate: 1.2" in text
