"""Assignment 4's checks: the reference passes them, wrong answers fail with their hint, the public
expected values agree with independent oracles, and the backward steps agree with finite
differences on networks of several depths."""

import re
import time

import numpy as np
import pytest
from sklearn.metrics import log_loss

from graders import a4_deep_nn_step_by_step as public
from graders.cases import Scalar
from graders.checking import CheckFailed
from graders.plaindata import identical
from graders.gradcheck import GRAD_RTOL, numerical_gradient
from instructor.hidden import a4_deep_nn_step_by_step as hidden
from helpers import activations
from instructor import course
from instructor.mistakes import a4_deep_nn_step_by_step as mistakes
from tests.conftest import executed_source_notebook, reference_namespace, values_agree

ASSIGNMENT = "a4_deep_nn_step_by_step"
FUNCTIONS = [e.function for e in public.EXERCISES]
SPEC_COST = 0.2797765635793422  # compute_cost(AL=[[.8, .9, .4]], Y=[[1, 1, 0]]), from the spec

# An oracle for each function, independent of the notebook's reference solution.
ORACLES = {
    "initialize_parameters": hidden.oracle_initialize_parameters,
    "initialize_parameters_deep": hidden.oracle_initialize_parameters_deep,
    "linear_forward": hidden.oracle_linear_forward,
    "linear_activation_forward": hidden.oracle_linear_activation_forward,
    "L_model_forward": hidden.oracle_L_model_forward,
    "compute_cost": lambda AL, Y: log_loss(np.ravel(Y), np.ravel(AL), labels=[0, 1]),
    "linear_backward": hidden.oracle_linear_backward,
    "linear_activation_backward": hidden.oracle_linear_activation_backward,
    "L_model_backward": hidden.oracle_L_model_backward,
    "update_parameters": hidden.oracle_update_parameters,
}


def _exercise(exercises, function):
    return next(e for e in exercises if e.function == function)


_agree = values_agree


def _as_checked(function, value):
    """What the checks compare: L_model_forward's list of caches becomes a tuple."""
    if function == "L_model_forward":
        return value[0], tuple(value[1])
    return value


@pytest.fixture(scope="module")
def reference():
    return reference_namespace(ASSIGNMENT)


def test_every_graded_function_has_public_and_hidden_checks_and_an_oracle():
    nb = course.read(course.source_notebook(ASSIGNMENT))
    graded = [g.grade_id.removeprefix("test_") for g in course.graded_cells(nb)]
    assert graded == FUNCTIONS
    assert sorted(FUNCTIONS) == sorted(e.function for e in hidden.HIDDEN) == sorted(ORACLES)


def test_the_activation_helpers_come_from_helpers(reference):
    for name in ("sigmoid", "relu", "sigmoid_backward", "relu_backward"):
        assert reference[name] is getattr(activations, name), name


@pytest.mark.parametrize("function", FUNCTIONS)
def test_reference_solution_passes_public_and_hidden_checks(reference, function, capsys):
    public.check(function, reference[function])
    hidden.check_hidden(function, reference[function])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{function}: ") and "self-check" in lines[0]
    assert lines[1].startswith(f"{function}: ") and "hidden check" in lines[1]


@pytest.mark.parametrize("function", FUNCTIONS)
def test_public_expected_values_agree_with_the_oracle_and_the_reference(reference, function):
    exercise = _exercise(public.EXERCISES, function)
    for case in exercise.cases:
        expected = getattr(case.expected, "value", case.expected)
        oracle = _as_checked(function, ORACLES[function](**case.inputs))
        solution = _as_checked(function, reference[function](**case.inputs))
        assert _agree(oracle, expected), case.label
        assert _agree(solution, expected), case.label


@pytest.mark.parametrize("function", FUNCTIONS)
def test_hidden_expected_values_agree_with_the_reference(reference, function):
    exercise = _exercise(hidden.HIDDEN, function)
    for case in exercise.cases:
        solution = _as_checked(function, reference[function](**case.inputs))
        assert _agree(solution, case.expected, rtol=case.rtol, atol=case.atol), case.label


def test_compute_cost_gives_the_spec_value(reference):
    AL, Y = np.array([[0.8, 0.9, 0.4]]), np.array([[1, 1, 0]])
    assert public.compute_cost.cases[0].expected == Scalar(SPEC_COST)
    assert public.compute_cost.cases[0].inputs["AL"].tolist() == AL.tolist()
    assert public.compute_cost.cases[0].inputs["Y"].tolist() == Y.tolist()
    cost = reference["compute_cost"](AL, Y)
    assert np.ndim(cost) == 0
    assert float(cost) == pytest.approx(SPEC_COST, rel=1e-12)
    assert log_loss(Y.ravel(), AL.ravel()) == pytest.approx(SPEC_COST, rel=1e-12)


# ----------------------------------------------------------------------------------------------
# The backward steps against finite differences, on networks of several depths


def _random_network(rng, layer_dims, m):
    X = rng.normal(size=(layer_dims[0], m))
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.normal(scale=1 / np.sqrt(layer_dims[l - 1]), size=(layer_dims[l], layer_dims[l - 1]))
        parameters[f"b{l}"] = rng.normal(scale=0.2, size=(layer_dims[l], 1))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    return X, Y, parameters


@pytest.mark.parametrize("layer_dims", [[3, 1], [4, 3, 1], [3, 5, 2, 1], [6, 4, 4, 3, 1], [2, 3, 3, 3, 3, 1]],
                         ids=lambda dims: f"{len(dims) - 1} layers")
def test_L_model_backward_agrees_with_numerical_gradients_of_the_cost(reference, layer_dims):
    rng = np.random.default_rng(len(layer_dims))
    X, Y, parameters = _random_network(rng, layer_dims, m=5)
    AL, caches = reference["L_model_forward"](X, parameters)
    grads = reference["L_model_backward"](AL, Y, caches)
    L = len(layer_dims) - 1
    assert set(grads) == {f"dA{l}" for l in range(L)} | {f"{g}{l}" for g in ("dW", "db") for l in range(1, L + 1)}

    def cost_with(name, value):
        changed = {**parameters, name: value}
        return float(reference["compute_cost"](reference["L_model_forward"](X, changed)[0], Y))

    for name, value in parameters.items():
        measured = numerical_gradient(lambda v: cost_with(name, v), value)
        np.testing.assert_allclose(grads["d" + name], measured, rtol=GRAD_RTOL, atol=1e-6, err_msg=name)
    # dA0 is the gradient of the summed loss (m times the cost) with respect to the input X.
    m = X.shape[1]
    measured = numerical_gradient(
        lambda v: m * float(reference["compute_cost"](reference["L_model_forward"](v, parameters)[0], Y)), X)
    np.testing.assert_allclose(grads["dA0"], measured, rtol=GRAD_RTOL, atol=1e-6)


@pytest.mark.parametrize("activation", ["relu", "sigmoid"])
def test_one_layer_backward_agrees_with_numerical_gradients(reference, activation):
    rng = np.random.default_rng(7)
    A_prev, W, b = rng.normal(size=(4, 6)), rng.normal(size=(3, 4)), rng.normal(size=(3, 1))
    weights = rng.normal(size=(3, 6))  # dA (or dZ): how much each output counts
    m = A_prev.shape[1]
    A, cache = reference["linear_activation_forward"](A_prev, W, b, activation)
    gradients = reference["linear_activation_backward"](weights, cache, activation)
    linear = reference["linear_backward"](weights, cache[0])

    def weighted_output(A_, W_, b_, through_activation):
        Z = W_ @ A_ + b_
        out = (activations.sigmoid(Z)[0] if activation == "sigmoid" else activations.relu(Z)[0]) \
            if through_activation else Z
        return float(np.sum(weights * out))

    for result, through in ((gradients, True), (linear, False)):
        measured = (numerical_gradient(lambda v: weighted_output(v, W, b, through), A_prev),
                    numerical_gradient(lambda v: weighted_output(A_prev, v, b, through), W) / m,
                    numerical_gradient(lambda v: weighted_output(A_prev, W, v, through), b) / m)
        for got, want in zip(result, measured):
            np.testing.assert_allclose(got, want, rtol=GRAD_RTOL, atol=1e-6)


def test_hidden_gradient_oracle_is_accurate_enough_for_its_tolerance():
    """The centred differences behind the hidden backward cases are far inside their tolerance."""
    rng = np.random.default_rng(11)
    X, Y, parameters = _random_network(rng, [4, 3, 2, 1], m=5)
    AL, caches = hidden.oracle_L_model_forward(X, parameters)
    grads = hidden.oracle_L_model_backward(AL, Y, list(caches))
    # Analytic gradient of the output layer: dZ = AL - Y, dW3 = dZ A2^T / m.
    A2 = caches[2][0][0]
    np.testing.assert_allclose(grads["dW3"], (AL - Y) @ A2.T / 5, rtol=hidden.GRAD_RTOL / 100, atol=1e-10)


def test_hidden_checks_use_depths_and_shapes_the_public_ones_do_not():
    def depths(exercises, function, key):
        return {len(case.inputs[key]) // (2 if key == "parameters" else 1)
                for case in _exercise(exercises, function).cases}

    for function, key in (("L_model_forward", "parameters"), ("L_model_backward", "caches"),
                          ("initialize_parameters_deep", "layer_dims")):
        extra = depths(hidden.HIDDEN, function, key) - depths(public.EXERCISES, function, key)
        assert extra, f"{function}: the hidden checks should try depths the public ones do not"
    for function in FUNCTIONS:
        seen = [case.inputs for case in _exercise(public.EXERCISES, function).cases]
        for case in _exercise(hidden.HIDDEN, function).cases:
            assert not any(identical(dict(case.inputs), dict(inputs)) for inputs in seen), case.label


@pytest.mark.parametrize("function", FUNCTIONS)
def test_each_hidden_check_is_fast(reference, function):
    start = time.perf_counter()
    hidden.check_hidden(function, reference[function])
    assert time.perf_counter() - start < 1.0


def test_L_model_forward_may_return_its_caches_as_a_list_or_a_tuple(reference):
    def as_tuple(X, parameters):
        AL, caches = reference["L_model_forward"](X, parameters)
        return AL, tuple(caches)

    public.check("L_model_forward", reference["L_model_forward"])
    public.check("L_model_forward", as_tuple)


def test_update_parameters_that_changes_its_argument_fails_even_with_the_right_values(reference):
    def in_place(params, grads, learning_rate):
        for key in params:
            params[key] -= learning_rate * grads["d" + key]
        return {key: value.copy() for key, value in params.items()}

    with pytest.raises(CheckFailed, match="changed its argument `params` in place"):
        public.check("update_parameters", in_place)


# ----------------------------------------------------------------------------------------------
# Wrong versions


def test_the_typical_mistakes_of_the_issue_are_covered():
    mistakes_seen = " / ".join(w.mistake for w in mistakes.WRONG_VERSIONS)
    for wanted in ("caches stored in the wrong order", "layer index off by one", "dAL with the wrong sign",
                   "relu mask built from A instead of Z", "the caller's params modified in place",
                   "forgot the 0.01 scale"):
        assert wanted in mistakes_seen, wanted


def _solution_sources() -> dict[str, str]:
    nb = course.read(course.source_notebook(ASSIGNMENT))
    return {course.nbgrader_meta(c)["grade_id"]: c.source for c in nb.cells if course.is_solution_cell(c)}


def test_sample_mistakes_and_sabotage_hit_functions_no_other_graded_function_calls():
    sources = _solution_sources()
    for function in (*mistakes.IN_SAMPLE, mistakes.ISOLATED_FUNCTION):
        callers = [name for name, source in sources.items()
                   if name != function and re.search(rf"\b{function}\(", source)]
        assert callers == [], f"{function} is called by {callers}"
    # The sabotaged function must not run in any other cell while autograding either.
    nb = course.read(course.source_notebook(ASSIGNMENT))
    isolated = mistakes.ISOLATED_FUNCTION
    for cell in nb.cells:
        if cell.cell_type == "code" and not course.is_solution_cell(cell) and not course.is_test_cell(cell):
            assert not re.search(rf"\b{isolated}\(", cell.source), cell.source[:80]


@pytest.mark.parametrize("function", FUNCTIONS)
def test_an_answer_hard_coded_to_the_visible_cases_fails_the_hidden_checks(function):
    exercise = _exercise(public.EXERCISES, function)

    def memorised(**inputs):
        for case in exercise.cases:
            if identical(dict(inputs), dict(case.inputs)):
                return getattr(case.expected, "value", case.expected)
        return exercise.cases[0].expected

    public.check(function, memorised)
    with pytest.raises(CheckFailed):
        hidden.check_hidden(function, memorised)


# ----------------------------------------------------------------------------------------------
# What the notebook prints on a full run


def _printed(nb) -> str:
    return "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.slow
def test_notebook_figures_match_its_prose():
    """The prose says the gradient check gives tiny differences and the training starts at log 2."""
    text = _printed(executed_source_notebook(ASSIGNMENT))
    differences = [float(x) for x in re.findall(r"relative difference (\S+)", text)]
    assert len(differences) == 6 and max(differences) < 1e-6
    first_cost = float(re.search(r"Cost after iteration 0: (\S+)", text).group(1))
    assert first_cost == pytest.approx(np.log(2), abs=1e-3)
    assert re.search(r"^Training accuracy: \d+\.\d\d %$", text, flags=re.MULTILINE), text
