"""Hidden checks for assignment 3, a network with one hidden layer: used at autograde only.

The inputs are random, with sizes the public self-checks do not use (other numbers of features,
hidden units and examples, other seeds), so an answer written to fit the visible cases fails
here. Every expected value comes from an oracle written independently of the notebook's
solution: einsum for the layers, scipy's expit, scikit-learn's log loss, and finite differences
of the cost for the gradients. The hints are the public ones.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from scipy.special import expit
from sklearn.metrics import log_loss

from graders import a3_planar_classification as public
from graders.cases import Case
from graders.checking import make_check
from graders.gradcheck import GRAD_ATOL, GRAD_RTOL, numerical_gradient

NN_SEED = 3  # the spec: nn_model seeds np.random.seed(3) before it draws its weights
LEARNING_RATE = 1.2  # the spec's default for update_parameters, and so nn_model's rate
PRINT_EVERY = 1000  # nn_model prints its cost every 1000 iterations when asked to

# ----------------------------------------------------------------------------------------------
# Oracles


def oracle_layer_sizes(X, Y):
    return (int(np.shape(X)[0]), 4, int(np.shape(Y)[0]))


def oracle_initialize_parameters(n_x, n_h, n_y, seed):
    """The parameters drawn right after np.random.seed(seed), taken from a RandomState(seed)."""
    generator = np.random.RandomState(seed)
    return {"W1": 0.01 * generator.standard_normal((n_h, n_x)), "b1": np.zeros((n_h, 1)),
            "W2": 0.01 * generator.standard_normal((n_y, n_h)), "b2": np.zeros((n_y, 1))}


def oracle_forward_propagation(X, parameters):
    """Both layers written with einsum, the output with scipy's expit."""
    Z1 = np.einsum("hx,xm->hm", parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.einsum("yh,hm->ym", parameters["W2"], A1) + parameters["b2"]
    A2 = expit(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def oracle_compute_cost(A2, Y):
    """scikit-learn's log loss, the mean cross-entropy."""
    return float(log_loss(np.ravel(Y), np.ravel(A2), labels=[0, 1]))


def cost_of_parameters(parameters, X, Y):
    """J as a function of the parameters, in the log-sum-exp form of the output's logit Z2."""
    _, cache = oracle_forward_propagation(X, parameters)
    Z2, Y = cache["Z2"], np.asarray(Y, dtype=float)
    return float(np.mean(Y * np.logaddexp(0, -Z2) + (1 - Y) * np.logaddexp(0, Z2)))


def oracle_backward_propagation(parameters, X, Y):
    """The gradient of the cost measured by finite differences, one parameter array at a time."""
    grads = {}
    for name, value in parameters.items():
        def cost_at(trial, name=name):
            return cost_of_parameters({**parameters, name: trial}, X, Y)
        grads["d" + name] = numerical_gradient(cost_at, value)
    return grads


def analytic_gradients(parameters, cache, X, Y):
    """The gradient by the chain rule, written with einsum and means (it trains the oracle model;
    the tests hold it to the finite differences)."""
    delta2 = cache["A2"] - Y
    delta1 = np.einsum("yh,ym->hm", parameters["W2"], delta2) / np.cosh(cache["Z1"]) ** 2
    m = X.shape[1]
    return {"dW1": np.einsum("hm,xm->hx", delta1, X) / m, "db1": delta1.mean(axis=1, keepdims=True),
            "dW2": np.einsum("ym,hm->yh", delta2, cache["A1"]) / m, "db2": delta2.mean(axis=1, keepdims=True)}


def oracle_update_parameters(parameters, grads, learning_rate=LEARNING_RATE):
    return {name: np.subtract(value, np.multiply(learning_rate, grads["d" + name]))
            for name, value in parameters.items()}


def oracle_nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    """The trained parameters, and the (iteration, cost) pairs nn_model prints:
    {"parameters": ..., "printed costs": ((i, cost), ...)}."""
    parameters = oracle_initialize_parameters(X.shape[0], n_h, Y.shape[0], seed=NN_SEED)
    printed = []
    for i in range(num_iterations):
        A2, cache = oracle_forward_propagation(X, parameters)
        if print_cost and i % PRINT_EVERY == 0:
            printed.append((i, oracle_compute_cost(A2, Y)))
        parameters = oracle_update_parameters(parameters, analytic_gradients(parameters, cache, X, Y))
    return {"parameters": parameters, "printed costs": tuple(printed)}


def oracle_predict(parameters, X):
    """A2 > 0.5 exactly where the output's logit Z2 is positive."""
    _, cache = oracle_forward_propagation(X, parameters)
    return cache["Z2"] > 0


# ----------------------------------------------------------------------------------------------
# Random inputs

_rng = np.random.default_rng(20261203)


def _normal(*shape, scale=1.0):
    return _rng.normal(scale=scale, size=shape)


def _labels(m):
    """m labels 0/1 (uint8, as the flower's), both classes present when m > 1."""
    Y = (_rng.random((1, m)) < 0.5).astype(np.uint8)
    if m > 1:
        Y[0, :2] = (0, 1)
        _rng.shuffle(Y[0])
    return Y


def _network(n_x, n_h, n_y=1):
    return {"W1": _normal(n_h, n_x), "b1": _normal(n_h, 1, scale=0.5),
            "W2": _normal(n_y, n_h), "b2": _normal(n_y, 1, scale=0.5)}


def _size_label(n_x, n_h, m):
    return f"{n_x} -> {n_h} -> 1 network, X of shape ({n_x}, {m})"


def _backward_case(n_x, n_h, m):
    parameters, X, Y = _network(n_x, n_h), _normal(n_x, m), _labels(m)
    _, cache = oracle_forward_propagation(X, parameters)
    return Case(_size_label(n_x, n_h, m), {"parameters": parameters, "cache": cache, "X": X, "Y": Y},
                oracle_backward_propagation(parameters, X, Y), rtol=GRAD_RTOL, atol=GRAD_ATOL)


def _forward_case(n_x, n_h, m):
    parameters, X = _network(n_x, n_h), _normal(n_x, m)
    return Case(_size_label(n_x, n_h, m), {"X": X, "parameters": parameters},
                oracle_forward_propagation(X, parameters))


def _update_case(n_x, n_h, **rate):
    parameters, grads = _network(n_x, n_h), {"d" + k: 0.1 * v for k, v in _network(n_x, n_h).items()}
    label = f"{n_x} -> {n_h} -> 1 network, " + (
        f"learning_rate = {rate['learning_rate']}" if rate else "learning_rate left at its default")
    return Case(label, {"parameters": parameters, "grads": grads, **rate},
                oracle_update_parameters(parameters, grads, **rate))


def _predict_case(n_x, n_h, m, half=False):
    parameters, X = _network(n_x, n_h), _normal(n_x, m)
    label = _size_label(n_x, n_h, m)
    if half:
        parameters["W2"], parameters["b2"] = np.zeros((1, n_h)), np.zeros((1, 1))
        label += ", output weights and bias zero (every A2 is 0.5)"
    return Case(label, {"parameters": parameters, "X": X}, oracle_predict(parameters, X))


def _cost_case(m, dtype):
    A2, Y = _rng.uniform(0.05, 0.95, size=(1, m)), _labels(m).astype(dtype)
    return Case(f"A2 and Y of shape (1, {m}), Y of dtype {np.dtype(dtype).name}", {"A2": A2, "Y": Y},
                oracle_compute_cost(A2, Y))


def _nn_case(X, Y, n_h, seed, **options):
    described = ", ".join(f"{k} = {v}" for k, v in options.items())
    trained = oracle_nn_model(X, Y, n_h, **options)
    return Case(f"X of shape {X.shape}, n_h = {n_h}, {described}", {"X": X, "Y": Y, "n_h": n_h, **options},
                trained["parameters"], seed=seed, printed=trained["printed costs"])


def _nn_data():
    """Six points in 3-D for nn_model, from a generator of their own. Gradient descent with a
    rate of 1.2 can be chaotic (rounding differences between two correct answers then grow until
    they show); on these points it is not, which the nn_model variants in instructor.variants
    confirm."""
    generator = np.random.default_rng(1)
    return generator.normal(size=(3, 6)), (generator.random((1, 6)) < 0.5).astype(np.uint8)


_X_NN, _Y_NN = _nn_data()

HIDDEN = [
    replace(public.layer_sizes, cases=[
        Case(f"X of shape {x}, Y of shape {y}", {"X": _normal(*x), "Y": np.zeros(y, dtype=np.uint8)},
             oracle_layer_sizes(np.zeros(x), np.zeros(y)))
        for x, y in (((7, 2), (3, 2)), ((1, 9), (1, 9)), ((4, 1), (2, 1)))]),
    replace(public.initialize_parameters, cases=[
        Case(f"n_x = {n_x}, n_h = {n_h}, n_y = {n_y}, called right after np.random.seed({seed})",
             {"n_x": n_x, "n_h": n_h, "n_y": n_y}, oracle_initialize_parameters(n_x, n_h, n_y, seed), seed=seed)
        for n_x, n_h, n_y, seed in ((5, 3, 1, 202), (1, 6, 3, 203), (4, 1, 1, 204))]),
    replace(public.forward_propagation, cases=[
        _forward_case(4, 5, 6), _forward_case(1, 2, 3), _forward_case(3, 6, 1)]),
    replace(public.compute_cost, cases=[
        _cost_case(7, np.uint8), _cost_case(2, np.float64), _cost_case(1, np.uint8)]),
    # The single-example case comes first: on it the hints can tell which slope tanh' was given.
    replace(public.backward_propagation, cases=[
        _backward_case(3, 4, 1), _backward_case(2, 5, 6), _backward_case(4, 2, 3)]),
    replace(public.update_parameters, cases=[
        _update_case(4, 3, learning_rate=0.01), _update_case(1, 2), _update_case(2, 5, learning_rate=2.5)]),
    replace(public.nn_model, cases=[
        _nn_case(_X_NN, _Y_NN, 3, seed=2, num_iterations=0),
        _nn_case(_X_NN, _Y_NN, 5, seed=2, num_iterations=9, print_cost=False),
        _nn_case(_X_NN, _Y_NN, 2, seed=2, num_iterations=2001, print_cost=True)]),
    replace(public.predict, cases=[
        _predict_case(4, 3, 5), _predict_case(1, 6, 7), _predict_case(2, 2, 4, half=True)]),
]

check_hidden = make_check(HIDDEN, kind="hidden check")
