"""Assignment 2's checks and notebook: the reference passes, wrong answers fail with their hint,
the public expected values agree with independent oracles, the spec's numbers come back on the
original data, and what the notebook says about the default dataset is what it computes."""

from __future__ import annotations

import copy
import inspect
import os
import re
import subprocess
import sys
from functools import lru_cache

import numpy as np
import pytest
from PIL import Image

from graders import a2_logistic_regression as public
from graders.cases import Scalar
from graders.checking import CheckFailed
from graders.judging import compare
from graders.plaindata import identical
from graders.gradcheck import GRAD_ATOL, GRAD_RTOL
from instructor.hidden import a2_logistic_regression as hidden
from helpers.catvnoncat import ENV_VAR, load_dataset
from instructor import course
from instructor.mistakes import a2_logistic_regression as mistakes
from tests.conftest import (
    ROOT, copy_course, environment_without_original_data, executed_source_notebook,
    reference_namespace, run_notebook,
)

ASSIGNMENT = "a2_logistic_regression"
FUNCTIONS = [e.function for e in public.EXERCISES]
EXERCISES = {e.function: e for e in public.EXERCISES}
HIDDEN = {e.function: e for e in hidden.HIDDEN}
ORACLES = {f: getattr(hidden, f"oracle_{f}") for f in FUNCTIONS}
EXAMPLE_IMAGE = ROOT / "notebooks" / ASSIGNMENT / "images" / "my_cat.png"

# The signatures the spec fixes, defaults included.
SPEC_SIGNATURES = {
    "sigmoid": "(z)",
    "initialize_with_zeros": "(dim)",
    "propagate": "(w, b, X, Y)",
    "optimize": "(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False)",
    "predict": "(w, b, X)",
    "model": "(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False)",
}


@pytest.fixture(scope="module")
def reference():
    return reference_namespace(ASSIGNMENT)


def _plain(value):
    """An expected value with every Scalar replaced by its number, as a student would return it."""
    if isinstance(value, Scalar):
        return value.value
    if isinstance(value, (tuple, list)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _costs(function: str, value) -> list:
    """The costs recorded by optimize's or model's returned value."""
    return value[2] if function == "optimize" else value["costs"]


# ----------------------------------------------------------------------------------------------
# The checks


def test_every_graded_function_has_public_and_hidden_checks_and_an_oracle():
    assert FUNCTIONS == list(HIDDEN) == list(ORACLES)
    nb = course.read(course.source_notebook(ASSIGNMENT))
    assert [g.grade_id for g in course.graded_cells(nb)] == [f"test_{f}" for f in FUNCTIONS]


@pytest.mark.parametrize("function", FUNCTIONS)
def test_reference_has_the_spec_signature(reference, function):
    assert str(inspect.signature(reference[function])) == SPEC_SIGNATURES[function]
    assert EXERCISES[function].signature == function + SPEC_SIGNATURES[function]


@pytest.mark.parametrize("function", FUNCTIONS)
def test_reference_solution_passes_public_and_hidden_checks(reference, function, capsys):
    public.check(function, reference[function])
    hidden.check_hidden(function, reference[function])
    lines = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("Cost after")]
    assert lines == [f"{function}: {len(EXERCISES[function].cases)} self-checks passed.",
                     f"{function}: {len(HIDDEN[function].cases)} hidden checks passed."]


@pytest.mark.parametrize("function", FUNCTIONS)
def test_public_expected_values_agree_with_an_independent_oracle(function):
    for case in EXERCISES[function].cases:
        got = ORACLES[function](**copy.deepcopy(dict(case.inputs)))
        assert compare(case.expected, got, "the oracle's value", rtol=1e-9, atol=case.atol) == [], case.label
        if case.printed is not None:
            printed = public.printed_training(_costs(function, got), bool(case.inputs.get("print_cost")))
            assert compare(case.printed, printed, "the oracle's costs", rtol=1e-9) == [], case.label


def test_initial_parameters_are_float_zeros_and_a_python_float(reference):
    w, b = reference["initialize_with_zeros"](4)
    assert w.shape == (4, 1) and w.dtype == np.float64 and not w.any()
    assert type(b) is float and b == 0.0


@pytest.mark.parametrize("inputs", [c.inputs for c in public.propagate.cases + HIDDEN["propagate"].cases],
                         ids=lambda inputs: "n_x={}, m={}".format(*inputs["X"].shape))
def test_propagate_gradients_agree_with_finite_differences_of_the_cost(reference, inputs):
    grads, cost = reference["propagate"](**copy.deepcopy(dict(inputs)))
    numerical, numerical_cost = hidden.numerical_propagate(**inputs)
    assert np.allclose(grads["dw"], numerical["dw"], rtol=GRAD_RTOL, atol=GRAD_ATOL)
    assert np.isclose(grads["db"], numerical["db"], rtol=GRAD_RTOL, atol=GRAD_ATOL)
    assert np.shape(cost) == () and np.isclose(cost, numerical_cost, rtol=1e-12)


def test_the_cases_vary_every_argument():
    """A function that ignores an argument (or a default) must meet a case that shows it."""
    optimize_cases = public.optimize.cases
    assert len({len(c.expected[2]) for c in optimize_cases}) == len(optimize_cases)
    assert len({c.inputs.get("learning_rate", 0.009) for c in optimize_cases}) == len(optimize_cases)
    assert any("num_iterations" not in c.inputs and "learning_rate" not in c.inputs for c in optimize_cases)
    model_cases = public.model.cases
    assert len({len(c.expected["costs"]) for c in model_cases}) == len(model_cases)
    assert len({c.inputs.get("learning_rate", 0.5) for c in model_cases}) == len(model_cases)
    assert any("num_iterations" not in c.inputs and "learning_rate" not in c.inputs for c in model_cases)
    for exercise in (*public.EXERCISES, *hidden.HIDDEN):
        if "print_cost" in exercise.signature:
            assert any(c.inputs.get("print_cost") for c in exercise.cases), exercise.function
            assert any(not c.inputs.get("print_cost") for c in exercise.cases), exercise.function
    for exercise in (public.propagate, public.optimize, public.predict):
        assert len({c.inputs["X"].shape for c in exercise.cases}) == len(exercise.cases), exercise.function
    assert len({c.inputs["X_train"].shape for c in model_cases}) == len(model_cases)


@pytest.mark.parametrize("function, fixed", [
    ("optimize", {"num_iterations": 100}),
    ("optimize", {"learning_rate": 0.009}),
    ("model", {"num_iterations": 2000}),
    ("model", {"learning_rate": 0.5}),
    ("model", {"num_iterations": 100, "learning_rate": 0.009}),
], ids=str)
def test_a_function_that_ignores_an_argument_fails(reference, function, fixed, capsys):
    def ignoring(**inputs):
        with_defaults = {**inputs, **fixed}
        return reference[function](**with_defaults)

    for check in (public.check, hidden.check_hidden):
        with pytest.raises(CheckFailed):
            check(function, ignoring)
    capsys.readouterr()


@pytest.mark.parametrize("function", ["optimize", "model"])
@pytest.mark.parametrize("print_cost", [False, True])
def test_a_function_that_ignores_print_cost_keeps_its_points_with_a_note(reference, function, print_cost, capsys):
    """print_cost only changes what is printed: ignoring it is a printing slip, noted, not failed."""
    def ignoring(**inputs):
        return reference[function](**{**inputs, "print_cost": print_cost})

    for check in (public.check, hidden.check_hidden):
        check(function, ignoring)
        assert "Note (no points lost)" in capsys.readouterr().out


@pytest.mark.parametrize("function", ["optimize", "model"])
def test_print_cost_prints_every_recorded_cost_and_returns_the_same(reference, function, capsys):
    case = next(c for c in EXERCISES[function].cases if c.inputs.get("print_cost"))
    quiet = reference[function](**{**copy.deepcopy(dict(case.inputs)), "print_cost": False})
    assert capsys.readouterr().out == ""
    loud = reference[function](**copy.deepcopy(dict(case.inputs)))
    printed = capsys.readouterr().out.splitlines()
    costs = _costs(function, quiet)
    assert printed == [f"Cost after iteration {100 * i}: {float(c):f}" for i, c in enumerate(costs)]
    assert identical(quiet, loud)
    assert EXERCISES[function].printing.read("\n".join(printed)) == tuple(
        (100 * i, round(float(c), 6)) for i, c in enumerate(costs))


def _callers(reference, function: str) -> set[str]:
    """The graded functions whose reference solution calls `function`."""
    return {f for f in FUNCTIONS if f != function
            and function in reference[f].__code__.co_names}


def test_the_sample_mistakes_and_the_sabotaged_function_cost_only_their_own_points(reference):
    assert set(mistakes.IN_SAMPLE) < set(FUNCTIONS)
    assert not getattr(mistakes, "ALSO_LOSES", ())
    for function in mistakes.IN_SAMPLE:
        assert _callers(reference, function) <= set(mistakes.IN_SAMPLE), function
    assert mistakes.ISOLATED_FUNCTION in FUNCTIONS
    assert _callers(reference, mistakes.ISOLATED_FUNCTION) == set()
    assert _callers(reference, "sigmoid") == {"propagate", "predict"}


def test_costs_come_back_as_a_list_from_the_reference(reference):
    case = public.optimize.cases[1]
    assert type(reference["optimize"](**copy.deepcopy(dict(case.inputs)))[2]) is list
    case = public.model.cases[0]
    assert type(reference["model"](**copy.deepcopy(dict(case.inputs)))["costs"]) is list
    assert type(public.optimize.cases[0].expected[2]) is list


@pytest.mark.parametrize("function", FUNCTIONS)
def test_an_answer_hard_coded_to_the_visible_cases_fails_the_hidden_checks(function, capsys):
    exercise = EXERCISES[function]

    def memorised(**inputs):
        for case in exercise.cases:
            if inputs.keys() == case.inputs.keys() and all(
                    np.array_equal(inputs[k], v) for k, v in case.inputs.items()):
                for iteration, cost in case.printed or ():
                    print(f"Cost after iteration {iteration}: {cost:f}")
                return copy.deepcopy(_plain(case.expected))
        return 0.0

    public.check(function, memorised)
    with pytest.raises(CheckFailed):
        hidden.check_hidden(function, memorised)


# ----------------------------------------------------------------------------------------------
# The spec's numbers on the original course data


@lru_cache(maxsize=1)
def _original_sets(directory: str):
    """The original pictures, flattened and scaled as the notebook does: X (12288, m), Y (1, m)."""
    previous = os.environ.get(ENV_VAR)
    os.environ[ENV_VAR] = directory
    try:
        train_x, train_y, test_x, test_y, _ = load_dataset()
    finally:
        if previous is None:
            del os.environ[ENV_VAR]
        else:
            os.environ[ENV_VAR] = previous
    flatten = lambda x: x.reshape(x.shape[0], -1).T / 255.0  # noqa: E731
    return flatten(train_x), train_y, flatten(test_x), test_y


def _accuracy(Y_prediction, Y) -> float:
    """The notebook's accuracy: the percentage of labels predicted right."""
    return 100 * np.count_nonzero(Y_prediction == Y) / Y.shape[1]


@pytest.mark.slow
def test_reference_model_reproduces_the_spec_on_the_original_data(reference, original_data):
    X_train, Y_train, X_test, Y_test = _original_sets(str(original_data))
    d = reference["model"](X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.005)
    assert len(d["costs"]) == 20
    assert abs(float(d["costs"][0]) - 0.693147) < 1e-6
    assert abs(float(d["costs"][-1]) - 0.140872) < 1e-6
    assert _accuracy(d["Y_prediction_train"], Y_train) == 99.04306220095694
    assert _accuracy(d["Y_prediction_test"], Y_test) == 70.0


@pytest.mark.slow
@pytest.mark.parametrize("learning_rate, train, test", [
    (0.01, 99.52, 68.0), (0.001, 88.995, 64.0), (0.0001, 68.42, 36.0),
])
def test_learning_rate_comparison_reproduces_the_spec(reference, original_data, learning_rate, train, test):
    X_train, Y_train, X_test, Y_test = _original_sets(str(original_data))
    d = reference["model"](X_train, Y_train, X_test, Y_test, num_iterations=1500, learning_rate=learning_rate)
    assert _accuracy(d["Y_prediction_train"], Y_train) == pytest.approx(train, abs=0.01)
    assert _accuracy(d["Y_prediction_test"], Y_test) == pytest.approx(test, abs=0.01)


# ----------------------------------------------------------------------------------------------
# The notebook on the default dataset


def _text(cell) -> str:
    """Everything a code cell printed."""
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.output_type == "stream")


def _images(cell) -> int:
    return sum("image/png" in o.get("data", {}) for o in cell.get("outputs", []))


def _cell_printing(nb, fragment: str):
    cells = [c for c in nb.cells if c.cell_type == "code" and fragment in _text(c)]
    assert len(cells) == 1, f"{len(cells)} cells print {fragment!r}"
    return cells[0]


def _markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _printed(nb) -> str:
    return "\n".join(_text(c) for c in nb.cells if c.cell_type == "code" and not course.is_test_cell(c))


# Figures the notebook's text quotes for the dataset it runs on, and the line that prints each.
QUOTED = {
    "`m_train = 209`": "m_train = 209",
    "`m_test = 50`": "m_test = 50",
    "`num_px = 64`": "num_px = 64",
    "`(12288, 209)`": "train_set_x_flatten shape: (12288, 209)",
    "`(12288, 50)`": "test_set_x_flatten shape:  (12288, 50)",
    "`Cost after iteration 0: 0.693147`": "Cost after iteration 0: 0.693147",
}


@pytest.mark.slow
def test_every_figure_the_text_quotes_is_what_the_notebook_computes():
    nb = executed_source_notebook(ASSIGNMENT)
    text, printed = _markdown(nb), _printed(nb)
    for quote, line in QUOTED.items():
        assert quote in text, f"the text no longer quotes {quote}: update QUOTED"
        assert line in printed, f"the text quotes {quote}, the notebook does not print {line!r}"
    # Any shape quoted with numbers, like `(12288, 209)`, is a figure of the dataset: listed above.
    for quote in re.findall(r"`\(\d{2,}, \d+\)`", text):
        assert quote in QUOTED, f"{quote} is quoted but not checked against the outputs"


@pytest.mark.slow
def test_the_training_run_prints_accuracies_and_draws_the_learning_curve():
    nb = executed_source_notebook(ASSIGNMENT)
    training = _cell_printing(nb, "train accuracy:")
    output = _text(training)
    recorded = re.findall(r"Cost after iteration (\d+): ", output)
    assert recorded == [str(i) for i in range(0, 2000, 100)]
    # Percentages with two decimals.
    train = float(re.search(r"train accuracy: (\d+\.\d\d) %\n", output).group(1))
    test = float(re.search(r"test accuracy: +(\d+\.\d\d) %\n", output).group(1))
    # The text says the model fits the training pictures better than the test pictures.
    assert train > test
    curves = [c for c in nb.cells if c.cell_type == "code" and "plot_costs(" in c.source]
    assert len(curves) == 1 and _images(curves[0]) == 1


@pytest.mark.slow
def test_the_learning_rate_comparison_prints_three_runs_and_draws_one_plot():
    nb = executed_source_notebook(ASSIGNMENT)
    cell = _cell_printing(nb, "learning rate 0.01:")
    lines = _text(cell).splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "learning rate 0.01", "learning rate 0.001", "learning rate 0.0001"]
    # Costs with six decimals, accuracies as percentages with two.
    for line in lines:
        assert re.fullmatch(r"learning rate [\d.]+: final cost \d\.\d{6}, "
                            r"train accuracy \d+\.\d\d %, test accuracy \d+\.\d\d %", line), line
    assert _images(cell) == 1 and "plot_cost_curves" in cell.source


@pytest.mark.slow
def test_a_wrongly_classified_picture_is_shown():
    nb = executed_source_notebook(ASSIGNMENT)
    cell = _cell_printing(nb, "test pictures are classified wrongly")
    wrong = int(re.search(r"(\d+) of 50 test pictures", _text(cell)).group(1))
    assert _images(cell) == (1 if wrong else 0)
    if wrong:
        assert "but the model says" in _text(cell)


@pytest.mark.slow
def test_the_example_picture_is_classified():
    nb = executed_source_notebook(ASSIGNMENT)
    cell = _cell_printing(nb, "my_x shape:")
    assert "my_x shape: (12288, 1)" in _text(cell)
    assert re.search(r"probability of a cat: [\d.]+; the model says '(cat|non-cat)'", _text(cell))
    assert _images(cell) == 1


def test_the_example_picture_is_a_small_png_drawn_by_the_project():
    assert EXAMPLE_IMAGE.stat().st_size < 150_000
    with Image.open(EXAMPLE_IMAGE) as picture:
        assert picture.format == "PNG" and picture.size == (256, 256) and picture.mode == "RGB"
    nb = course.read(course.source_notebook(ASSIGNMENT))
    assert any('my_image = "images/my_cat.png"' in c.source for c in nb.cells)


@pytest.mark.slow
def test_autograding_skips_the_long_runs_and_nothing_else_fails():
    path = course.source_notebook(ASSIGNMENT)
    env = {**environment_without_original_data(), "NBGRADER_EXECUTION": "autograde"}
    nb = run_notebook(course.read(path), path.parent, env=env)
    skipped = [c for c in nb.cells if "Skipped while autograding" in _text(c)]
    guarded = [c for c in nb.cells if c.cell_type == "code" and "NBGRADER_EXECUTION" in c.source]
    assert skipped == guarded and len(guarded) == 8
    assert "train accuracy" not in _printed(nb)
    for cell in nb.cells:
        if course.is_test_cell(cell):
            assert "passed." in _text(cell)


@pytest.mark.slow
def test_the_release_carries_the_example_picture(tmp_path):
    root = copy_course(tmp_path)
    script = ("from instructor.nbgrader_api import open_api\n"
              "from instructor.release import release\n"
              f"release(open_api(), {ASSIGNMENT!r})\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True,
                            env={**os.environ, "COURSE_ROOT": str(root)})
    assert result.returncode == 0, result.stderr
    released = root / "release" / ASSIGNMENT / "images" / "my_cat.png"
    assert released.read_bytes() == EXAMPLE_IMAGE.read_bytes()
