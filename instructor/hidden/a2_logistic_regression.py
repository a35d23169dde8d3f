"""Hidden checks for assignment 2, logistic regression: used at autograde only, never released.

The inputs are random, with sizes the public self-checks do not use, so an answer written to fit
the visible cases fails here. Every expected value comes from an oracle written another way than
the notebook's solution: the bias is folded into the weights as one more feature (a row of ones
under X), the sums are np.einsum, the sigmoid and the cost come from scipy.special, a prediction
is "the score is positive", and one case takes its gradients from finite differences of the cost.
The hints are the public ones.
"""

from dataclasses import replace

import numpy as np
from scipy.special import expit, xlogy

from graders import a2_logistic_regression as public
from graders.cases import Case, Scalar
from graders.checking import make_check
from graders.gradcheck import GRAD_ATOL, GRAD_RTOL, numerical_gradient

_rng = np.random.default_rng(20261122)


# ----------------------------------------------------------------------------------------------
# Oracles


def _augmented(X):
    """X with a row of ones appended: the bias becomes the weight of that constant feature."""
    return np.vstack([X, np.ones((1, X.shape[1]))])


def _theta(w, b):
    return np.vstack([np.asarray(w, dtype=float), [[float(b)]]])


def _probabilities(theta, Xa):
    return expit(np.einsum("kj,km->jm", theta, Xa))


def oracle_cost(w, b, X, Y) -> float:
    """The mean cross-entropy of the labels Y under the probabilities sigmoid(w^T X + b)."""
    A = _probabilities(_theta(w, b), _augmented(X))
    return float(-np.mean(xlogy(Y, A) + xlogy(1 - Y, 1 - A)))


def _gradient(theta, Xa, Y):
    return np.einsum("km,jm->kj", Xa, _probabilities(theta, Xa) - Y) / Xa.shape[1]


def oracle_sigmoid(z):
    return expit(z)


def oracle_initialize_with_zeros(dim):
    return np.zeros((dim, 1)), 0.0


def oracle_propagate(w, b, X, Y):
    gradient = _gradient(_theta(w, b), _augmented(X), Y)
    return {"dw": gradient[:-1], "db": float(gradient[-1, 0])}, oracle_cost(w, b, X, Y)


def numerical_propagate(w, b, X, Y):
    """propagate's values with the gradients measured by finite differences of the cost."""
    dw = numerical_gradient(lambda v: oracle_cost(v, b, X, Y), w)
    db = numerical_gradient(lambda v: oracle_cost(w, v[0], X, Y), np.array([float(b)]))
    return {"dw": dw, "db": float(db[0])}, oracle_cost(w, b, X, Y)


def oracle_optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    theta, Xa = _theta(w, b), _augmented(X)
    costs = []
    for i in range(num_iterations):
        if i % 100 == 0:
            costs.append(oracle_cost(theta[:-1], theta[-1, 0], X, Y))
        gradient = _gradient(theta, Xa, Y)
        theta = theta - learning_rate * gradient
    return ({"w": theta[:-1], "b": float(theta[-1, 0])},
            {"dw": gradient[:-1], "db": float(gradient[-1, 0])},
            costs)


def oracle_predict(w, b, X):
    """sigmoid(z) > 1/2 exactly when z > 0."""
    return (np.einsum("kj,km->jm", _theta(w, b), _augmented(X)) > 0).astype(float)


def oracle_model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    params, _, costs = oracle_optimize(np.zeros((X_train.shape[0], 1)), 0.0, X_train, Y_train,
                                       num_iterations, learning_rate)
    return {
        "costs": costs,
        "Y_prediction_test": oracle_predict(params["w"], params["b"], X_test),
        "Y_prediction_train": oracle_predict(params["w"], params["b"], X_train),
        "w": params["w"],
        "b": params["b"],
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }


# ----------------------------------------------------------------------------------------------
# Expected values in the checks' format: 0-d numbers as Scalar


def expected_grads(grads):
    return {"dw": grads["dw"], "db": Scalar(grads["db"])}


def expected_propagate(result):
    grads, cost = result
    return expected_grads(grads), Scalar(cost)


def expected_optimize(result):
    params, grads, costs = result
    return ({"w": params["w"], "b": Scalar(params["b"])}, expected_grads(grads), [Scalar(c) for c in costs])


def expected_model(result):
    return {**result, "costs": [Scalar(c) for c in result["costs"]], "b": Scalar(result["b"])}


# ----------------------------------------------------------------------------------------------
# Random inputs


def _problem(n_x, m, scale=1.0):
    """Weights, a bias, inputs and 0/1 labels (both labels present) of the given sizes."""
    w = _rng.normal(scale=0.5, size=(n_x, 1))
    b = float(_rng.normal())
    X = _rng.normal(scale=scale, size=(n_x, m))
    Y = np.zeros((1, m), dtype=np.int64)
    Y[0, _rng.permutation(m)[: max(1, m // 2)]] = 1
    return {"w": w, "b": b, "X": X, "Y": Y}


def _with_a_probability_of_one_half(problem):
    """The problem with its first example placed exactly on the boundary: z = 0 in floats."""
    w, X = problem["w"].copy(), problem["X"].copy()
    w[0, 0] = 0.5
    X[:, 0] = 0.0
    X[0, 0] = -0.75
    return {"w": w, "b": 0.375, "X": X}


def _inputs_without_labels(problem):
    return {k: v for k, v in problem.items() if k != "Y"}


def _model_inputs(n_x, m_train, m_test, **arguments):
    train, test = _problem(n_x, m_train), _problem(n_x, m_test)
    return {"X_train": train["X"], "Y_train": train["Y"], "X_test": test["X"], "Y_test": test["Y"],
            **arguments}


_z_values = [_rng.normal(scale=3.0, size=4), _rng.normal(scale=3.0, size=(3, 5)),
             _rng.normal(scale=3.0, size=(2, 1, 3))]
_dims = [3, 7, 64]
_propagate_inputs = [_problem(4, 7), _problem(1, 5), _problem(6, 2)]
_gradcheck_inputs = _problem(3, 4)
_optimize_inputs = [
    {**_problem(2, 8)},
    {**_problem(3, 10), "num_iterations": 250, "learning_rate": 0.02},
    {**_problem(5, 6), "num_iterations": 150, "learning_rate": 0.3},
    {**_problem(1, 4), "num_iterations": 401, "learning_rate": 0.05, "print_cost": True},
]
_predict_inputs = [
    _inputs_without_labels(_problem(3, 9, scale=0.5)),
    _with_a_probability_of_one_half(_problem(4, 6, scale=0.5)),
    _inputs_without_labels(_problem(1, 5)),
]
_model_inputs_list = [
    _model_inputs(3, 8, 5, num_iterations=250, learning_rate=0.05),
    _model_inputs(4, 5, 7, num_iterations=120, learning_rate=1.0, print_cost=True),
    _model_inputs(2, 6, 3),
]


def _shape(inputs):
    return f"n_x = {inputs['X'].shape[0]}, m = {inputs['X'].shape[1]}"


_SETTINGS = ("num_iterations", "learning_rate", "print_cost")


def _settings(inputs):
    return (", ".join(f"{k}={inputs[k]}" for k in _SETTINGS if k in inputs)
            or "the default num_iterations and learning_rate")


def _training_case(label, inputs, expected, costs):
    """A case of optimize or model, with the (iteration, cost) pairs a right answer prints."""
    return Case(label, inputs, expected, printed=public.printed_training(costs, bool(inputs.get("print_cost"))))


HIDDEN = [
    replace(public.sigmoid, cases=[
        Case(f"an array of shape {z.shape}", {"z": z}, oracle_sigmoid(z)) for z in _z_values]
        + [Case("the number z = -0.75", {"z": -0.75}, Scalar(float(oracle_sigmoid(-0.75))))]),
    replace(public.initialize_with_zeros, cases=[
        Case(f"dim = {dim}", {"dim": dim}, oracle_initialize_with_zeros(dim)) for dim in _dims]),
    replace(public.propagate, cases=[
        Case(f"random inputs, {_shape(p)}", p, expected_propagate(oracle_propagate(**p)))
        for p in _propagate_inputs]
        + [Case(f"random inputs, {_shape(_gradcheck_inputs)} (gradients by finite differences)",
                _gradcheck_inputs, expected_propagate(numerical_propagate(**_gradcheck_inputs)),
                rtol=GRAD_RTOL, atol=GRAD_ATOL)]),
    replace(public.optimize, cases=[
        _training_case(f"random inputs, {_shape(p)}, {_settings(p)}", p, expected_optimize(result), result[2])
        for p, result in ((p, oracle_optimize(**p)) for p in _optimize_inputs)]),
    replace(public.predict, cases=[
        Case(f"random inputs, {_shape(p)}", p, oracle_predict(**p)) for p in _predict_inputs]),
    replace(public.model, cases=[
        _training_case(f"random data, n_x = {p['X_train'].shape[0]}, m_train = {p['X_train'].shape[1]}, "
                       f"m_test = {p['X_test'].shape[1]}, {_settings(p)}",
                       p, expected_model(result), result["costs"])
        for p, result in ((p, oracle_model(**p)) for p in _model_inputs_list)]),
]

check_hidden = make_check(HIDDEN, kind="hidden check")
