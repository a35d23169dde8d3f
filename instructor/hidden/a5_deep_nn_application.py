"""Hidden checks for assignment 5, deep networks on cat pictures: used at autograde only.

The inputs are random, with sizes, depths, learning rates and numbers of iterations the public
self-checks do not use, so a model written to fit the visible cases fails here. The expected
values come from an oracle written independently of the notebook and of the building blocks in
deep_blocks.py: the layers are a list of (W, b) pairs with 1-D biases, products are np.einsum,
the output layer's gradient is taken directly as (A - Y) / m, and the cost is built from
scipy's xlogy. The hints are the public ones.
"""

from dataclasses import replace

import numpy as np
from scipy.special import expit, xlogy

from graders import a5_deep_nn_application as public
from graders.checking import make_check

_rng = np.random.default_rng(20260517)


def _small_weights(fan_in):
    """The factor of the 2-layer initialiser: every weight is randn * 0.01."""
    return 0.01


def _scaled_weights(fan_in):
    """The factor of the deep initialiser: every weight is randn / sqrt(n[l-1])."""
    return 1 / np.sqrt(fan_in)


def _train(X, Y, layers_dims, learning_rate, num_iterations, weight_factor):
    """Batch gradient descent on a ReLU network with a sigmoid output, seeded as the spec says.

    Returns the parameters in the course's dict format and the costs at i = 0, 100, 200, ...
    """
    draws = np.random.RandomState(1)  # the same stream as np.random.seed(1) then randn
    pairs = [
        (draws.randn(n_out, n_in) * weight_factor(n_in), np.zeros(n_out))
        for n_in, n_out in zip(layers_dims[:-1], layers_dims[1:])
    ]
    depth, m = len(pairs), X.shape[1]
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
    costs = []
    for i in range(num_iterations):
        inputs, sums = [X], []
        for k, (W, b) in enumerate(pairs):
            z = np.einsum("ij,jm->im", W, inputs[-1]) + b[:, np.newaxis]
            sums.append(z)
            inputs.append(expit(z) if k == depth - 1 else np.maximum(z, 0.0))
        output = inputs[-1]
        if i % 100 == 0:
            costs.append(-float(np.mean(xlogy(Y, output) + xlogy(1 - Y, 1 - output))))
        delta = (output - Y) / m  # dJ/dz of the output layer, sigmoid and cross-entropy together
        for k in range(depth - 1, -1, -1):
            W, b = pairs[k]
            grad_W = np.einsum("im,jm->ij", delta, inputs[k])
            grad_b = delta.sum(axis=1)
            if k > 0:
                delta = np.einsum("ij,im->jm", W, delta) * (sums[k - 1] > 0)
            pairs[k] = (W - learning_rate * grad_W, b - learning_rate * grad_b)
    parameters = {}
    for l, (W, b) in enumerate(pairs, start=1):
        parameters[f"W{l}"] = W
        parameters[f"b{l}"] = b[:, np.newaxis]
    return parameters, costs


def oracle_two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000):
    """(parameters, costs) of the 2-layer model: weights randn * 0.01 after seeding 1."""
    return _train(X, Y, tuple(layers_dims), learning_rate, num_iterations, _small_weights)


def oracle_L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000):
    """(parameters, costs) of the L-layer model: weights randn / sqrt(n[l-1]) after seeding 1."""
    return _train(X, Y, tuple(layers_dims), learning_rate, num_iterations, _scaled_weights)


def _labels(m):
    """m random 0/1 labels, shape (1, m), holding both classes."""
    y = _rng.integers(0, 2, size=(1, m))
    y[0, :2] = (0, 1)
    return _rng.permutation(y, axis=1)


def _case(oracle, label, n_x, m, layers_dims, learning_rate, num_iterations, print_cost=False):
    X = _rng.normal(scale=1.5, size=(n_x, m))
    Y = _labels(m)
    inputs = {"X": X, "Y": Y, "layers_dims": layers_dims, "learning_rate": learning_rate,
              "num_iterations": num_iterations, "print_cost": print_cost}
    parameters, costs = oracle(X, Y, layers_dims, learning_rate, num_iterations)
    # Training amplifies rounding differences a little: a slightly looser tolerance than default.
    return public.model_case(label, inputs, parameters, costs, rtol=1e-5, atol=1e-8)


_two = oracle_two_layer_model
_deep = oracle_L_layer_model

HIDDEN = [
    replace(public.two_layer_model, cases=[
        _case(_two, "learning_rate = 0, X of shape (6, 3), layers_dims (6, 2, 1)", 6, 3, (6, 2, 1), 0.0, 201),
        _case(_two, "X of shape (5, 7), layers_dims (5, 4, 1), print_cost=True", 5, 7, (5, 4, 1), 0.6, 230,
              print_cost=True),
        _case(_two, "X of shape (4, 9), layers_dims [4, 6, 1]", 4, 9, [4, 6, 1], 1.1, 140),
        _case(_two, "a single iteration, print_cost=True", 3, 5, (3, 5, 1), 0.5, 1, print_cost=True),
    ]),
    replace(public.L_layer_model, cases=[
        _case(_deep, "learning_rate = 0, X of shape (5, 4), layers_dims [5, 4, 3, 1]", 5, 4, [5, 4, 3, 1],
              0.0, 101),
        _case(_deep, "one layer (logistic regression): X of shape (4, 6), layers_dims [4, 1], print_cost=True",
              4, 6, [4, 1], 0.3, 210, print_cost=True),
        _case(_deep, "five layers: X of shape (6, 8), layers_dims [6, 5, 4, 4, 3, 1], print_cost=True",
              6, 8, [6, 5, 4, 4, 3, 1], 0.25, 300, print_cost=True),
        _case(_deep, "a single iteration, print_cost=True", 3, 5, [3, 4, 1], 0.5, 1, print_cost=True),
    ]),
]

check_hidden = make_check(HIDDEN, kind="hidden check")
