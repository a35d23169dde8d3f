"""Hidden checks for assignment 4, the building blocks of an L-layer network: autograde only.

The inputs are random, with layer sizes, numbers of examples and depths (up to five layers) that
the public self-checks do not use, so an answer written to fit the visible cases fails here.
Every expected value comes from an oracle written another way than the notebook's solutions:
- the initialisers: one draw of all the weights from numpy's legacy generator, then split;
- the forward steps: np.einsum for the products, scipy's expit and np.clip for the activations;
- the cost: the mean of -log(probability given to the true label);
- the backward steps: finite differences (graders.gradcheck) of the cost, or of a weighted sum of
  the layer's outputs, with respect to every input and parameter.
The hints are the public ones.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from scipy.special import expit

from graders import a4_deep_nn_step_by_step as public
from graders.cases import Case, Scalar
from graders.checking import make_check
from graders.gradcheck import numerical_gradient

_rng = np.random.default_rng(20260412)

# The expected gradients are centred differences (graders.gradcheck), accurate to about 1e-10
# here, so the hidden cases can keep a tight tolerance.
GRAD_RTOL, GRAD_ATOL = 1e-5, 1e-8


# ----------------------------------------------------------------------------------------------
# Oracles


def _split_normal_draws(seed: int, shapes: list[tuple[int, int]]) -> list[np.ndarray]:
    """Standard normal numbers drawn in one go from RandomState(seed), cut into `shapes`."""
    sizes = [rows * cols for rows, cols in shapes]
    draws = np.random.RandomState(seed).standard_normal(sum(sizes))
    pieces = np.split(draws, np.cumsum(sizes)[:-1])
    return [piece.reshape(shape) for piece, shape in zip(pieces, shapes)]


def oracle_initialize_parameters(n_x, n_h, n_y):
    W1, W2 = _split_normal_draws(1, [(n_h, n_x), (n_y, n_h)])
    return {"W1": W1 / 100, "b1": np.zeros((n_h, 1)), "W2": W2 / 100, "b2": np.zeros((n_y, 1))}


def oracle_initialize_parameters_deep(layer_dims):
    shapes = [(layer_dims[l], layer_dims[l - 1]) for l in range(1, len(layer_dims))]
    parameters = {}
    for l, W in enumerate(_split_normal_draws(3, shapes), start=1):
        parameters[f"W{l}"] = W / 100
        parameters[f"b{l}"] = np.zeros((W.shape[0], 1))
    return parameters


def _affine(A, W, b):
    return np.einsum("uk,ke->ue", W, A) + b


def _activate(Z, activation):
    return expit(Z) if activation == "sigmoid" else np.clip(Z, 0.0, None)


def oracle_linear_forward(A, W, b):
    return _affine(A, W, b), (A, W, b)


def oracle_linear_activation_forward(A_prev, W, b, activation):
    Z = _affine(A_prev, W, b)
    return _activate(Z, activation), ((A_prev, W, b), Z)


def _depth(parameters) -> int:
    return sum(key.startswith("W") for key in parameters)


def oracle_L_model_forward(X, parameters):
    """(AL, caches), caches being the list of (linear_cache, Z) of layers 1..L."""
    L = _depth(parameters)
    A, caches = X, []
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = _affine(A, W, b)
        caches.append(((A, W, b), Z))
        A = _activate(Z, "sigmoid" if l == L else "relu")
    return A, caches


def _total_loss(AL, Y) -> float:
    """Sum over the examples of -log(the probability AL gives to the true label)."""
    given_to_truth = np.where(np.asarray(Y) == 1, AL, 1 - AL)
    return float(-np.sum(np.log(given_to_truth)))


def oracle_compute_cost(AL, Y) -> float:
    return _total_loss(AL, Y) / np.shape(Y)[1]


def oracle_linear_backward(dZ, cache):
    """dA_prev, dW, db as gradients of sum(dZ * Z): dZ weighs each output, dW and db are means."""
    A_prev, W, b = cache
    m = A_prev.shape[1]

    def weighted(A_, W_, b_):
        return np.sum(dZ * _affine(A_, W_, b_))

    return (numerical_gradient(lambda A_: weighted(A_, W, b), A_prev),
            numerical_gradient(lambda W_: weighted(A_prev, W_, b), W) / m,
            numerical_gradient(lambda b_: weighted(A_prev, W, b_), b) / m)


def oracle_linear_activation_backward(dA, cache, activation):
    """The same, for sum(dA * g(W A_prev + b)) with the layer's activation g."""
    (A_prev, W, b), _ = cache
    m = A_prev.shape[1]

    def weighted(A_, W_, b_):
        return np.sum(dA * _activate(_affine(A_, W_, b_), activation))

    return (numerical_gradient(lambda A_: weighted(A_, W, b), A_prev),
            numerical_gradient(lambda W_: weighted(A_prev, W_, b), W) / m,
            numerical_gradient(lambda b_: weighted(A_prev, W, b_), b) / m)


def oracle_L_model_backward(AL, Y, caches):
    """Finite differences of the cost, layer by layer.

    dW{l}, db{l} are gradients of the cost J (a mean over the m examples); dA{l} is the gradient
    of m J (the summed loss) with respect to the input of layer l+1, the convention in which
    dAL = -(Y/AL - (1-Y)/(1-AL)).
    """
    L = len(caches)
    m = np.shape(Y)[1]
    inputs = [cache[0][0] for cache in caches]  # inputs[l-1] is A[l-1], the input of layer l
    weights = [cache[0][1] for cache in caches]
    biases = [cache[0][2] for cache in caches]

    def summed_loss_from(l, A, W=None, b=None):
        """The summed loss when layer l gets input A (and, if given, weights W and bias b)."""
        for k in range(l, L + 1):
            Wk = W if (k == l and W is not None) else weights[k - 1]
            bk = b if (k == l and b is not None) else biases[k - 1]
            A = _activate(_affine(A, Wk, bk), "sigmoid" if k == L else "relu")
        return _total_loss(A, Y)

    grads = {}
    for l in range(1, L + 1):
        A_in = inputs[l - 1]
        grads[f"dA{l - 1}"] = numerical_gradient(lambda A_: summed_loss_from(l, A_), A_in)
        grads[f"dW{l}"] = numerical_gradient(lambda W_: summed_loss_from(l, A_in, W=W_), weights[l - 1]) / m
        grads[f"db{l}"] = numerical_gradient(lambda b_: summed_loss_from(l, A_in, b=b_), biases[l - 1]) / m
    return grads


def oracle_update_parameters(params, grads, learning_rate):
    return {key: np.subtract(value, np.multiply(learning_rate, grads["d" + key]))
            for key, value in params.items()}


# ----------------------------------------------------------------------------------------------
# Random inputs


def _normal(*shape, scale=1.0):
    return _rng.normal(scale=scale, size=shape)


def _network(layer_dims, m):
    """Input X (n0, m) and parameters of sizes layer_dims, scaled so every layer stays lively."""
    X = _normal(layer_dims[0], m)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = _normal(layer_dims[l], layer_dims[l - 1], scale=1 / np.sqrt(layer_dims[l - 1]))
        parameters[f"b{l}"] = _normal(layer_dims[l], 1, scale=0.3)
    return X, parameters


def _labels(m):
    Y = _rng.integers(0, 2, (1, m)).astype(float)
    Y[0, :2] = [0.0, 1.0]  # both classes present
    return Y


# Layers (n[l-1] -> n[l], m examples) none of which is square or has m = n[l-1], so that a
# transposed or elementwise product fails instead of passing by luck.
_LAYERS = [(5, 4, 7), (6, 2, 3), (3, 1, 5)]
_ACTIVATIONS = ["relu", "sigmoid", "relu"]
_layers = [(_normal(n_prev, m), _normal(n, n_prev), _normal(n, 1)) for n_prev, n, m in _LAYERS]

_SHAPES_2_LAYERS = [(4, 5, 2), (1, 3, 6), (7, 2, 1)]
_DEPTHS = [[4, 5, 3, 2, 1], [6, 3, 1], [2, 7, 4, 1], [5, 4, 4, 3, 2, 1]]
_networks = [_network(dims, m) for dims, m in zip(_DEPTHS, [5, 3, 6, 4])]
_forward = [oracle_L_model_forward(X, p) for X, p in _networks]
_labels_per_network = [_labels(X.shape[1]) for X, _ in _networks]

_probabilities = [expit(_normal(1, m, scale=2)) for m in (6, 9, 2)]
_cost_pairs = [(AL, _labels(AL.shape[1])) for AL in _probabilities]

_backward_layers = []
for (A_prev, W, b), activation in zip(_layers, _ACTIVATIONS):
    dZ_or_dA = _normal(W.shape[0], A_prev.shape[1])
    _backward_layers.append((dZ_or_dA, (A_prev, W, b), activation))

_updates = []
for (X, parameters), lr in zip(_networks[:3], [0.05, 0.75, 0.0075]):
    grads = {f"d{key}": _normal(*value.shape) for key, value in parameters.items()}
    grads["dA0"] = _normal(*X.shape)
    _updates.append((parameters, grads, lr))


def _describe_network(X, parameters) -> str:
    sizes = [X.shape[0]] + [parameters[f"W{l}"].shape[0] for l in range(1, _depth(parameters) + 1)]
    return f"{_depth(parameters)} layers, {' -> '.join(map(str, sizes))}, {X.shape[1]} examples"


def _grad_case(label, inputs, expected):
    return Case(label, inputs, expected, rtol=GRAD_RTOL, atol=GRAD_ATOL)


HIDDEN = [
    replace(public.initialize_parameters, cases=[
        Case(f"n_x = {n_x}, n_h = {n_h}, n_y = {n_y}", {"n_x": n_x, "n_h": n_h, "n_y": n_y},
             oracle_initialize_parameters(n_x, n_h, n_y))
        for n_x, n_h, n_y in _SHAPES_2_LAYERS]),
    replace(public.initialize_parameters_deep, cases=[
        Case(f"layer_dims = {dims}", {"layer_dims": dims}, oracle_initialize_parameters_deep(dims))
        for dims in _DEPTHS]),
    replace(public.linear_forward, cases=[
        Case(f"A {A.shape}, W {W.shape}, b {b.shape}", {"A": A, "W": W, "b": b},
             oracle_linear_forward(A, W, b))
        for A, W, b in _layers]),
    replace(public.linear_activation_forward, cases=[
        Case(f'activation = "{activation}", A_prev {A.shape}, W {W.shape}',
             {"A_prev": A, "W": W, "b": b, "activation": activation},
             oracle_linear_activation_forward(A, W, b, activation))
        for (A, W, b), activation in zip(_layers, ["sigmoid", "relu", "sigmoid"])]),
    replace(public.L_model_forward, cases=[
        Case(_describe_network(X, p), {"X": X, "parameters": p}, forward)
        for (X, p), forward in zip(_networks, _forward)]),
    replace(public.compute_cost, cases=[
        Case(f"AL and Y of shape {AL.shape}", {"AL": AL, "Y": Y}, Scalar(oracle_compute_cost(AL, Y)))
        for AL, Y in _cost_pairs]),
    replace(public.linear_backward, cases=[
        _grad_case(f"dZ {dZ.shape}, A_prev {cache[0].shape}, W {cache[1].shape}",
                   {"dZ": dZ, "cache": cache}, oracle_linear_backward(dZ, cache))
        for dZ, cache, _ in _backward_layers]),
    replace(public.linear_activation_backward, cases=[
        _grad_case(f'activation = "{activation}", dA {dA.shape}, A_prev {cache[0].shape}',
                   {"dA": dA, "cache": (cache, _affine(*cache)), "activation": activation},
                   oracle_linear_activation_backward(dA, (cache, _affine(*cache)), activation))
        for dA, cache, activation in _backward_layers]),
    replace(public.L_model_backward, cases=[
        _grad_case(_describe_network(X, p), {"AL": AL, "Y": Y, "caches": list(caches)},
                   oracle_L_model_backward(AL, Y, list(caches)))
        for (X, p), (AL, caches), Y in zip(_networks, _forward, _labels_per_network)]),
    replace(public.update_parameters, cases=[
        Case(f"{_depth(p)} layers, learning_rate = {lr}", {"params": p, "grads": g, "learning_rate": lr},
             oracle_update_parameters(p, g, lr))
        for p, g, lr in _updates]),
]

check_hidden = make_check(HIDDEN, kind="hidden check")
