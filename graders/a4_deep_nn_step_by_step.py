"""Self-checks for assignment 4, the building blocks of an L-layer network (released to students).

Every expected value below is written out as a number, so this file holds no solution; the test
suite recomputes each one with an independent oracle (finite differences for the backward steps)
and with the reference solution. The inputs are small on purpose: two or three units per layer,
two to four examples, networks of one, two and three layers.

Hints recognise the usual wrong answers from what the function returned (or the error it raised):
a forgotten 0.01, a transposed weight matrix, caches in the wrong order, a layer index off by one,
the sign of dAL, the relu mask built from the wrong array, the caller's parameters changed in place.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit

from graders.cases import Case, Exercise, Hint, Scalar
from graders.checking import make_check

# ----------------------------------------------------------------------------------------------
# Comparing plain data inside hints


def _close(a, b) -> bool:
    """Same shape and close values (a hint's notion of "this is what the student returned")."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-6, atol=1e-9))


def _close_tree(a, b) -> bool:
    """`_close` through nested tuples and lists (caches are tuples of arrays)."""
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        return (isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)) and len(a) == len(b)
                and all(_close_tree(x, y) for x, y in zip(a, b)))
    return _close(a, b)


def _reordered(got, expected) -> bool:
    """True when `got` holds the same items as the tuple `expected`, in another order."""
    if not isinstance(got, (tuple, list)) or len(got) != len(expected) or _close_tree(got, expected):
        return False
    remaining = list(got)
    for item in expected:
        match = next((i for i, g in enumerate(remaining) if _close_tree(g, item)), None)
        if match is None:
            return False
        remaining.pop(match)
    return True


def _weights(expected: dict) -> list[str]:
    return [key for key in expected if key.startswith("W")]


def _same_shapes(got: dict, expected: dict) -> bool:
    return set(got) == set(expected) and all(np.shape(got[k]) == expected[k].shape for k in expected)


# ----------------------------------------------------------------------------------------------
# Initialisation

SCALE_FORGOTTEN = Hint(
    "your weights are 100 times too large: multiply np.random.randn(...) by 0.01 so that the "
    "network starts with small weights.",
    lambda got, expected, inputs: all(_close(got[k], 100 * expected[k]) for k in _weights(expected)),
)
W_TRANSPOSED = Hint(
    "a weight matrix is transposed: W[l] has shape (n[l], n[l-1]), one row per unit of layer l "
    "and one column per unit of the layer before.",
    lambda got, expected, inputs: any(
        np.shape(got[k]) == expected[k].shape[::-1] != expected[k].shape for k in _weights(expected)),
)
B_FLAT = Hint(
    "each b[l] is a column of shape (n[l], 1): pass the shape as a tuple, np.zeros((n, 1)).",
    lambda got, expected, inputs: any(np.ndim(got[k]) == 1 for k in expected if k.startswith("b")),
)
UNIFORM = Hint(
    "all your weights are positive: np.random.rand draws from [0, 1); the weights come from the "
    "standard normal distribution, np.random.randn.",
    lambda got, expected, inputs: _same_shapes(got, expected)
    and all(np.all(np.asarray(got[k]) >= 0) for k in _weights(expected)),
)


def _other_random_values(got, expected, inputs) -> bool:
    return (_same_shapes(got, expected)
            and all(np.max(np.abs(got[k])) < 0.1 for k in _weights(expected))
            and not all(_close(got[k], expected[k]) for k in _weights(expected)))


initialize_parameters = Exercise(
    "initialize_parameters",
    "initialize_parameters(n_x, n_h, n_y)",
    cases=[
        Case("n_x = 3, n_h = 2, n_y = 1", {"n_x": 3, "n_h": 2, "n_y": 1},
             {"W1": np.array([[0.0162434536366, -0.0061175641365, -0.00528171752263],
                              [-0.0107296862216, 0.00865407629325, -0.0230153869688]]),
              "b1": np.zeros((2, 1)),
              "W2": np.array([[0.0174481176422, -0.00761206900895]]),
              "b2": np.zeros((1, 1))}),
        Case("n_x = 2, n_h = 3, n_y = 2", {"n_x": 2, "n_h": 3, "n_y": 2},
             {"W1": np.array([[0.0162434536366, -0.0061175641365],
                              [-0.00528171752263, -0.0107296862216],
                              [0.00865407629325, -0.0230153869688]]),
              "b1": np.zeros((3, 1)),
              "W2": np.array([[0.0174481176422, -0.00761206900895, 0.00319039096057],
                              [-0.00249370375477, 0.0146210793704, -0.020601407095]]),
              "b2": np.zeros((2, 1))}),
    ],
    hints=[
        SCALE_FORGOTTEN,
        W_TRANSPOSED,
        B_FLAT,
        UNIFORM,
        Hint(
            "your weights have the right shapes and size but other values: keep "
            "np.random.seed(1) at the start, then draw W1 before W2, one np.random.randn call each.",
            _other_random_values,
        ),
    ],
)

initialize_parameters_deep = Exercise(
    "initialize_parameters_deep",
    "initialize_parameters_deep(layer_dims)",
    cases=[
        Case("layer_dims = [3, 2, 1] (2 layers)", {"layer_dims": [3, 2, 1]},
             {"W1": np.array([[0.0178862847343, 0.00436509850512, 0.00096497468072],
                              [-0.0186349270336, -0.00277388202514, -0.00354758979269]]),
              "b1": np.zeros((2, 1)),
              "W2": np.array([[-0.000827414814825, -0.00627000676824]]),
              "b2": np.zeros((1, 1))}),
        Case("layer_dims = [2, 4, 3, 1] (3 layers)", {"layer_dims": [2, 4, 3, 1]},
             {"W1": np.array([[0.0178862847343, 0.00436509850512],
                              [0.00096497468072, -0.0186349270336],
                              [-0.00277388202514, -0.00354758979269],
                              [-0.000827414814825, -0.00627000676824]]),
              "b1": np.zeros((4, 1)),
              "W2": np.array([[-0.000438181689759, -0.0047721803036, -0.0131386475336, 0.008846223805],
                              [0.00881318042208, 0.0170957306365, 0.000500336421769, -0.00404677414601],
                              [-0.0054535994762, -0.0154647731558, 0.00982367434258, -0.0110106763011]]),
              "b2": np.zeros((3, 1)),
              "W3": np.array([[-0.0118504652702, -0.00205649899423, 0.0148614835507]]),
              "b3": np.zeros((1, 1))}),
        Case("layer_dims = [4, 1] (1 layer)", {"layer_dims": [4, 1]},
             {"W1": np.array([[0.0178862847343, 0.00436509850512, 0.00096497468072, -0.0186349270336]]),
              "b1": np.zeros((1, 1))}),
    ],
    hints=[
        Hint(
            "your dict has the wrong layers (layer index off by one?): layer_dims lists the input "
            "layer too, so a network with L = len(layer_dims) - 1 layers has W1, b1, ..., WL, bL: "
            "loop over range(1, L + 1). There is no W0 or b0.",
            lambda got, expected, inputs: isinstance(got, dict) and set(got) != set(expected),
        ),
        SCALE_FORGOTTEN,
        W_TRANSPOSED,
        B_FLAT,
        UNIFORM,
        Hint(
            "your weights have the right shapes and size but other values: keep "
            "np.random.seed(3) once, before the loop, and draw W1, W2, ... in the order of l.",
            _other_random_values,
        ),
    ],
)

# ----------------------------------------------------------------------------------------------
# Forward module. Two layers used by several checks: 3 inputs -> 1 unit on 2 examples, and
# 2 inputs -> 3 units on 4 examples.

_A_3x2 = np.array([[1.0, -0.5], [0.2, 0.8], [-1.5, 0.3]])
_W_1x3 = np.array([[0.4, -0.7, 0.1]])
_b_1x1 = np.array([[0.25]])
_Z_1x2 = np.array([[0.36, -0.48]])

_A_2x4 = np.array([[0.5, -1.0, 2.0, 0.0], [1.5, 0.3, -0.4, 1.0]])
_W_3x2 = np.array([[0.2, -0.3], [1.1, 0.6], [-0.5, 0.9]])
_b_3x1 = np.array([[0.1], [-0.2], [0.05]])
_Z_3x4 = np.array([[-0.25, -0.19, 0.62, -0.2],
                   [1.25, -1.12, 1.76, 0.4],
                   [1.15, 0.82, -1.31, 0.95]])

linear_forward = Exercise(
    "linear_forward",
    "linear_forward(A, W, b)",
    cases=[
        Case("A (3, 2), W (1, 3), b (1, 1)", {"A": _A_3x2, "W": _W_1x3, "b": _b_1x1},
             (_Z_1x2, (_A_3x2, _W_1x3, _b_1x1))),
        Case("A (2, 4), W (3, 2), b (3, 1)", {"A": _A_2x4, "W": _W_3x2, "b": _b_3x1},
             (_Z_3x4, (_A_2x4, _W_3x2, _b_3x1))),
    ],
    hints=[
        Hint(
            "your Z is W A without the bias: add b (numpy broadcasts the column b across the m "
            "examples).",
            lambda got, expected, inputs: _close(got[0], expected[0] - inputs["b"]),
        ),
        Hint(
            "the matrix product is np.dot(W, A): W of shape (n[l], n[l-1]) on the left of A of "
            "shape (n[l-1], m) gives Z of shape (n[l], m).",
            raised="not aligned", id="product-order-dot",
        ),
        Hint(
            "the matrix product is np.dot(W, A): W of shape (n[l], n[l-1]) on the left of A of "
            "shape (n[l-1], m) gives Z of shape (n[l], m).",
            raised="mismatch in its core dimension", id="product-order-matmul",
        ),
        Hint(
            "W * A multiplies entry by entry; a layer needs the matrix product np.dot(W, A).",
            raised="could not be broadcast",
        ),
        Hint(
            "the cache holds the right arrays in the wrong order: it is (A, W, b), the order in "
            "which linear_backward unpacks it.",
            lambda got, expected, inputs: _reordered(got[1], expected[1]),
        ),
    ],
)


def _other_activation(got, expected, inputs) -> bool:
    Z = expected[1][1]
    other = np.maximum(Z, 0.0) if inputs["activation"] == "sigmoid" else expit(Z)
    return _close(got[0], other)


linear_activation_forward = Exercise(
    "linear_activation_forward",
    "linear_activation_forward(A_prev, W, b, activation)",
    cases=[
        Case('activation = "sigmoid", A_prev (3, 2), W (1, 3)',
             {"A_prev": _A_3x2, "W": _W_1x3, "b": _b_1x1, "activation": "sigmoid"},
             (np.array([[0.589040434059, 0.382252125231]]),
              ((_A_3x2, _W_1x3, _b_1x1), _Z_1x2))),
        Case('activation = "relu", A_prev (3, 2), W (1, 3)',
             {"A_prev": _A_3x2, "W": _W_1x3, "b": _b_1x1, "activation": "relu"},
             (np.array([[0.36, 0.0]]),
              ((_A_3x2, _W_1x3, _b_1x1), _Z_1x2))),
        Case('activation = "relu", A_prev (2, 4), W (3, 2)',
             {"A_prev": _A_2x4, "W": _W_3x2, "b": _b_3x1, "activation": "relu"},
             (np.array([[0.0, 0.0, 0.62, 0.0],
                        [1.25, 0.0, 1.76, 0.4],
                        [1.15, 0.82, 0.0, 0.95]]),
              ((_A_2x4, _W_3x2, _b_3x1), _Z_3x4))),
        Case('activation = "sigmoid", A_prev (2, 4), W (3, 2)',
             {"A_prev": _A_2x4, "W": _W_3x2, "b": _b_3x1, "activation": "sigmoid"},
             (np.array([[0.437823499114, 0.452642381857, 0.650218548574, 0.450166002688],
                        [0.777299861175, 0.246011283551, 0.853209660199, 0.598687660112],
                        [0.759510916949, 0.694236340108, 0.212486844123, 0.721115178023]]),
              ((_A_2x4, _W_3x2, _b_3x1), _Z_3x4))),
    ],
    hints=[
        Hint(
            'your A is the other activation of Z: use sigmoid when activation == "sigmoid" and '
            'relu when activation == "relu".',
            _other_activation,
        ),
        Hint(
            "your A equals Z: pass Z through the activation, A, activation_cache = sigmoid(Z) "
            "(or relu(Z)).",
            lambda got, expected, inputs: _close(got[0], expected[1][1])
            and not _close(expected[0], expected[1][1]),
        ),
        Hint(
            "activation_cache must be Z, the second value that sigmoid(Z) and relu(Z) return: the "
            "backward step rebuilds the activation's slope from Z, not from A.",
            lambda got, expected, inputs: _close(got[1][1], expected[0])
            and not _close(expected[0], expected[1][1]),
        ),
        Hint(
            "the cache is (linear_cache, activation_cache), in this order: linear_activation_backward "
            "unpacks it that way.",
            lambda got, expected, inputs: _reordered(got[1], expected[1]),
        ),
    ],
)

# Three networks: 3 -> 2 -> 1 on 4 examples, 2 -> 3 -> 2 -> 1 on 3 examples, 3 -> 1 on 2 examples.
_X_2 = np.array([[1.0, -0.4, 0.6, 0.0], [0.5, 1.2, -1.0, 0.3], [-0.8, 0.3, 0.2, 1.1]])
_PARAMS_2 = {
    "W1": np.array([[0.5, -0.6, 0.3], [-0.2, 0.8, 0.7]]), "b1": np.array([[0.1], [-0.3]]),
    "W2": np.array([[1.2, -0.9]]), "b2": np.array([[0.2]]),
}
_Z1_2 = np.array([[0.06, -0.73, 1.06, 0.25],
                  [-0.66, 0.95, -1.08, 0.71]])
_A1_2 = np.array([[0.06, 0.0, 1.06, 0.25],
                  [0.0, 0.95, 0.0, 0.71]])
_Z2_2 = np.array([[0.272, -0.655, 1.472, -0.139]])
_AL_2 = np.array([[0.56758383601, 0.341863684952, 0.813361185863, 0.465305842505]])
_CACHES_2 = [((_X_2, _PARAMS_2["W1"], _PARAMS_2["b1"]), _Z1_2),
             ((_A1_2, _PARAMS_2["W2"], _PARAMS_2["b2"]), _Z2_2)]

_X_3 = np.array([[0.8, -1.2, 0.4], [-0.3, 0.5, 1.5]])
_PARAMS_3 = {
    "W1": np.array([[0.6, -0.4], [-0.9, 0.2], [0.3, 0.8]]), "b1": np.array([[0.05], [0.1], [-0.2]]),
    "W2": np.array([[0.7, -0.5, 0.4], [-0.3, 0.6, 0.9]]), "b2": np.array([[-0.1], [0.2]]),
    "W3": np.array([[1.1, -0.8]]), "b3": np.array([[0.3]]),
}
_Z1_3 = np.array([[0.65, -0.87, -0.31],
                  [-0.68, 1.28, 0.04],
                  [-0.2, -0.16, 1.12]])
_A1_3 = np.array([[0.65, 0.0, 0.0],
                  [0.0, 1.28, 0.04],
                  [0.0, 0.0, 1.12]])
_Z2_3 = np.array([[0.355, -0.74, 0.328],
                  [0.005, 0.968, 1.232]])
_A2_3 = np.array([[0.355, 0.0, 0.328],
                  [0.005, 0.968, 1.232]])
_Z3_3 = np.array([[0.6865, -0.4744, -0.3248]])
_AL_3 = np.array([[0.665187882585, 0.383575352746, 0.419506398551]])
_CACHES_3 = [((_X_3, _PARAMS_3["W1"], _PARAMS_3["b1"]), _Z1_3),
             ((_A1_3, _PARAMS_3["W2"], _PARAMS_3["b2"]), _Z2_3),
             ((_A2_3, _PARAMS_3["W3"], _PARAMS_3["b3"]), _Z3_3)]

_X_1 = np.array([[0.9, -0.6], [0.2, 0.4], [-1.0, 0.7]])
_PARAMS_1 = {"W1": np.array([[0.5, -1.0, 0.3]]), "b1": np.array([[-0.1]])}
_Z1_1 = np.array([[-0.15, -0.59]])
_AL_1 = np.array([[0.462570154656, 0.356634854306]])
_CACHES_1 = [((_X_1, _PARAMS_1["W1"], _PARAMS_1["b1"]), _Z1_1)]


def _hidden_layer_not_relu(got, expected, inputs) -> bool:
    got_caches, expected_caches = got[1], expected[1]
    return any(_close(got_caches[l + 1][0][0], expit(expected_caches[l][1]))
               for l in range(len(expected_caches) - 1))


L_model_forward = Exercise(
    "L_model_forward",
    "L_model_forward(X, parameters)",
    cases=[
        Case("2 layers, 3 -> 2 -> 1, X (3, 4)", {"X": _X_2, "parameters": _PARAMS_2},
             (_AL_2, _CACHES_2)),
        Case("3 layers, 2 -> 3 -> 2 -> 1, X (2, 3)", {"X": _X_3, "parameters": _PARAMS_3},
             (_AL_3, _CACHES_3)),
        Case("1 layer, 3 -> 1, X (3, 2)", {"X": _X_1, "parameters": _PARAMS_1},
             (_AL_1, _CACHES_1)),
    ],
    hints=[
        Hint(
            "your AL is relu(Z[L]): the output layer uses sigmoid, so that AL is a probability "
            "between 0 and 1.",
            lambda got, expected, inputs: _close(got[0], np.maximum(expected[1][-1][1], 0.0))
            and not _close(expected[0], np.maximum(expected[1][-1][1], 0.0)),
        ),
        Hint(
            "a hidden layer used sigmoid: layers l = 1, ..., L-1 use relu, only layer L uses sigmoid.",
            _hidden_layer_not_relu,
        ),
        Hint(
            "the caches are in the wrong order: caches[0] is layer 1's cache, ..., caches[L-1] is "
            "layer L's. Append each layer's cache to the list right after computing the layer.",
            lambda got, expected, inputs: _reordered(got[1], expected[1]),
        ),
        Hint(
            "there must be one cache per layer, L in all: the output layer's cache goes in the "
            "list too.",
            lambda got, expected, inputs: len(got[1]) != len(expected[1]),
        ),
        Hint(
            "parameters has no such key (layer index off by one?): the network has "
            "L = len(parameters) // 2 layers, the relu layers are l = 1, ..., L-1 (range(1, L)) "
            "and the sigmoid layer is l = L.",
            raised="KeyError",
        ),
        Hint(
            "a layer got an input of the wrong size: layer l takes the A that layer l-1 returned "
            "(X for layer 1) with W{l} and b{l}.",
            raised="not aligned",
        ),
    ],
)

# ----------------------------------------------------------------------------------------------
# Cost

_AL_SPEC = np.array([[0.8, 0.9, 0.4]])
_Y_SPEC = np.array([[1, 1, 0]])
_AL_5 = np.array([[0.3, 0.6, 0.1, 0.95, 0.5]])
_Y_5 = np.array([[0.0, 1.0, 0.0, 1.0, 1.0]])

compute_cost = Exercise(
    "compute_cost",
    "compute_cost(AL, Y)",
    cases=[
        Case("AL = [[.8, .9, .4]], Y = [[1, 1, 0]]", {"AL": _AL_SPEC, "Y": _Y_SPEC},
             Scalar(0.2797765635793422)),
        Case("AL = [[.3, .6, .1, .95, .5]], Y = [[0, 1, 0, 1, 1]]", {"AL": _AL_5, "Y": _Y_5},
             Scalar(0.3434603116620091)),
    ],
    hints=[
        Hint(
            "your cost is negative: the logarithms of probabilities are negative, so the cost "
            "carries a minus sign in front of the mean.",
            lambda got, expected, inputs: _close(got, -expected),
        ),
        Hint(
            "your cost is m times the answer: average over the m examples, with m = Y.shape[1] "
            "(the number of columns; Y.shape[0] is 1).",
            lambda got, expected, inputs: _close(got, inputs["Y"].shape[1] * expected),
        ),
        Hint(
            "your cost only has the y log(a) term: add (1 - y) log(1 - a), which is what the "
            "examples with y = 0 contribute.",
            lambda got, expected, inputs: _close(got, -np.mean(inputs["Y"] * np.log(inputs["AL"]))),
        ),
        Hint(
            "your cost is in base-10 logarithms: the cross-entropy uses the natural log, np.log.",
            lambda got, expected, inputs: _close(got, expected / np.log(10)),
        ),
    ],
)

# ----------------------------------------------------------------------------------------------
# Backward module. Two layers: 3 inputs -> 2 units on 4 examples, 2 inputs -> 1 unit on 3.

_A_PREV_3x4 = np.array([[1.0, 0.5, -0.3, 0.2], [-1.4, 0.9, 0.6, -0.8], [0.3, -0.1, 1.2, 0.7]])
_W_2x3 = np.array([[0.6, -0.2, 0.4], [-0.5, 0.9, 0.1]])
_b_2x1 = np.array([[0.05], [-0.1]])
_LINEAR_CACHE_A = (_A_PREV_3x4, _W_2x3, _b_2x1)
_dZ_2x4 = np.array([[0.3, -1.2, 0.5, 0.8], [-0.7, 0.4, 1.1, -0.2]])

_A_PREV_2x3 = np.array([[0.7, -1.1, 0.2], [0.4, 0.6, -0.9]])
_W_1x2 = np.array([[1.3, -0.6]])
_b_1x1_B = np.array([[0.2]])
_LINEAR_CACHE_B = (_A_PREV_2x3, _W_1x2, _b_1x1_B)
_dZ_1x3 = np.array([[0.9, -0.4, 0.25]])


def _examples(inputs) -> int:
    return np.shape(inputs["dZ"])[1]


linear_backward = Exercise(
    "linear_backward",
    "linear_backward(dZ, cache)",
    cases=[
        Case("dZ (2, 4), A_prev (3, 4), W (2, 3)", {"dZ": _dZ_2x4, "cache": _LINEAR_CACHE_A},
             (np.array([[0.53, -0.92, -0.25, 0.58],
                        [-0.69, 0.6, 0.89, -0.34],
                        [0.05, -0.44, 0.31, 0.3]]),
              np.array([[-0.0725, -0.46, 0.3425],
                        [-0.2175, 0.54, 0.2325]]),
              np.array([[0.1],
                        [0.15]]))),
        Case("dZ (1, 3), A_prev (2, 3), W (1, 2)", {"dZ": _dZ_1x3, "cache": _LINEAR_CACHE_B},
             (np.array([[1.17, -0.52, 0.325],
                        [-0.54, 0.24, -0.15]]),
              np.array([[0.373333333333, -0.035]]),
              np.array([[0.25]]))),
    ],
    hints=[
        Hint(
            "db lost its column shape: np.sum(dZ, axis=1, keepdims=True) keeps it (n[l], 1), "
            "the shape of b.",
            lambda got, expected, inputs: np.ndim(got[2]) == 1,
        ),
        Hint(
            "db has one entry per example: sum over the examples (axis=1) to get one entry per "
            "unit of the layer.",
            lambda got, expected, inputs: np.shape(got[2]) == (1, _examples(inputs))
            != expected[2].shape,
        ),
        Hint(
            "dW and db are averages over the m examples: divide the sums by m = A_prev.shape[1].",
            lambda got, expected, inputs: _close(got[1], _examples(inputs) * expected[1])
            or _close(got[2], _examples(inputs) * expected[2]),
        ),
        Hint(
            "dA_prev = W^T dZ has no 1/m: only dW and db average over the examples.",
            lambda got, expected, inputs: _close(got[0], expected[0] / _examples(inputs)),
        ),
        Hint(
            "dW must have the shape of W, (n[l], n[l-1]): it is dZ times A_prev transposed, "
            "divided by m.",
            lambda got, expected, inputs: np.shape(got[1]) == expected[1].shape[::-1]
            != expected[1].shape,
        ),
        Hint(
            "a product has its factors in the wrong order, or one of them untransposed: dW is "
            "dZ A_prev^T / m and dA_prev is W^T dZ.",
            raised="not aligned",
        ),
    ],
)

_Z_2x4 = np.array([[1.05, 0.13, 0.23, 0.61],
                   [-1.83, 0.45, 0.71, -0.85]])
_Z_1x3 = np.array([[0.87, -1.59, 1.0]])
_dA_2x4 = np.array([[-0.6, 1.4, 0.2, -0.9], [1.0, -0.3, 0.7, 0.5]])
_dA_1x3 = np.array([[-1.5, 0.8, 2.0]])


def _other_backward(got, expected, inputs) -> bool:
    dA, Z = inputs["dA"], inputs["cache"][1]
    if inputs["activation"] == "relu":
        other = dA * expit(Z) * (1 - expit(Z))
    else:
        other = dA * (Z > 0)
    return _close(got[2], np.mean(other, axis=1, keepdims=True))


linear_activation_backward = Exercise(
    "linear_activation_backward",
    "linear_activation_backward(dA, cache, activation)",
    cases=[
        Case('activation = "sigmoid", dA (1, 3), A_prev (2, 3), W (1, 2)',
             {"dA": _dA_1x3, "cache": (_LINEAR_CACHE_B, _Z_1x3), "activation": "sigmoid"},
             (np.array([[-0.405754438345, 0.146320712089, 0.511191026428],
                        [0.187271279236, -0.0675326363489, -0.23593431989]]),
              np.array([[-0.0878827397062, -0.137072120992]]),
              np.array([[0.0645531538903]]))),
        Case('activation = "relu", dA (2, 4), A_prev (3, 4), W (2, 3)',
             {"dA": _dA_2x4, "cache": (_LINEAR_CACHE_A, _Z_2x4), "activation": "relu"},
             (np.array([[-0.36, 0.99, -0.23, -0.54],
                        [0.12, -0.55, 0.59, 0.18],
                        [-0.24, 0.53, 0.15, -0.36]]),
              np.array([[-0.035, 0.735, -0.1775],
                        [-0.09, 0.0375, 0.2175]]),
              np.array([[0.025],
                        [0.1]]))),
        Case('activation = "sigmoid", dA (2, 4), A_prev (3, 4), W (2, 3)',
             {"dA": _dA_2x4, "cache": (_LINEAR_CACHE_A, _Z_2x4), "activation": "sigmoid"},
             (np.array([[-0.128694107754, 0.244779087104, -0.0477304836803, -0.175624505643],
                        [0.130258901453, -0.133900000215, 0.129338062858, 0.135458203046],
                        [-0.0341737422014, 0.132277393281, 0.035205255783, -0.0716322258007]]),
              np.array([[0.000795609855141, 0.167206094162, -0.0384788885529],
                        [0.0145098919394, -0.0555198087837, 0.075475271438]]),
              np.array([[0.0193378264746],
                        [0.0768403967561]]))),
    ],
    hints=[
        Hint(
            'your gradients are those of the other activation: use relu_backward when activation '
            '== "relu" and sigmoid_backward when it is "sigmoid".',
            _other_backward,
        ),
        Hint(
            "dA went straight into linear_backward: first turn it into dZ with the activation's "
            "backward step, relu_backward(dA, activation_cache) or sigmoid_backward(dA, "
            "activation_cache).",
            lambda got, expected, inputs: _close(got[2], np.mean(inputs["dA"], axis=1, keepdims=True)),
        ),
        Hint(
            "the relu mask comes from Z, the activation cache: dZ is dA where Z > 0 and 0 "
            "elsewhere. A_prev in the linear cache is the layer's input, another array (of "
            "another shape); relu_backward(dA, activation_cache) builds the right mask.",
            raised="could not be broadcast",
        ),
        Hint(
            "cache is (linear_cache, activation_cache): relu_backward and sigmoid_backward take "
            "activation_cache (Z), linear_backward takes linear_cache (A_prev, W, b).",
            raised="'tuple'",
        ),
    ],
)

_Y_2 = np.array([[1.0, 0.0, 1.0, 0.0]])
_Y_3 = np.array([[0.0, 1.0, 1.0]])
_Y_1 = np.array([[1.0, 0.0]])


def _output_layer(inputs) -> int:
    return len(inputs["caches"])


def _output_layer_right(got, expected, inputs) -> bool:
    L = _output_layer(inputs)
    return all(_close(got[k], expected[k]) for k in (f"dW{L}", f"db{L}", f"dA{L - 1}"))


L_model_backward = Exercise(
    "L_model_backward",
    "L_model_backward(AL, Y, caches)",
    cases=[
        Case("2 layers, 3 -> 2 -> 1, 4 examples", {"AL": _AL_2, "Y": _Y_2, "caches": _CACHES_2},
             {"dA0": np.array([[-0.259449698394, 0.0615354632914, -0.111983288482, 0.362938557154],
                               [0.311339638073, -0.246141853165, 0.134379946179, -0.670040413207],
                               [-0.155669819036, -0.21537412152, -0.0671899730893, -0.125632577476]]),
              "dA1": np.array([[-0.518899396788, 0.410236421942, -0.223966576964, 0.558367011006],
                               [0.389174547591, -0.307677316457, 0.167974932723, -0.418775258255]]),
              "dW1": np.array([[-0.163319835742, 0.033006745468, 0.246132478536],
                               [0.0307677316457, -0.123711339306, -0.138238994754]]),
              "db1": np.array([[-0.0461247406865],
                               [-0.181613143678]]),
              "dW2": np.array([[-0.0268639130495, 0.163784412221]]),
              "db2": np.array([[0.0470286373325]])}),
        Case("3 layers, 2 -> 3 -> 2 -> 1, 3 examples", {"AL": _AL_3, "Y": _Y_3, "caches": _CACHES_3},
             {"dA0": np.array([[0.403103856846, -0.266295447614, -0.489356106022],
                               [-0.268735904564, 0.0591767661364, 0.249612248623]]),
              "dA1": np.array([[0.671839761411, -0.147941915341, -0.586298537464],
                               [-0.685143519062, 0.295883830682, 0.597908409493],
                               [-0.186252607124, 0.443825746023, 0.162538208406]]),
              "dA2": np.array([[0.731706670843, -0.678067111979, -0.638542961594],
                               [-0.532150306068, 0.493139717803, 0.464394881159]]),
              "dW1": np.array([[0.179157269709, -0.0671839761411],
                               [-0.0386324110071, 0.348268176527],
                               [0.0216717611208, 0.0812691042029]]),
              "db1": np.array([[0.223946587137],
                               [0.297930746725],
                               [0.0541794028019]]),
              "dW2": np.array([[0.158536445349, -0.00851390615459, -0.238389372328],
                               [-0.115299232981, 0.216598211345, 0.173374088966]]),
              "db2": np.array([[0.0310545697497],
                               [0.141794764298]]),
              "dW3": np.array([[0.0152465990141, -0.436180412038]]),
              "db3": np.array([[-0.177243455373]])}),
        Case("1 layer, 3 -> 1, 2 examples", {"AL": _AL_1, "Y": _Y_1, "caches": _CACHES_1},
             {"dA0": np.array([[-0.268714922672, 0.178317427153],
                               [0.537429845344, -0.356634854306],
                               [-0.161228953603, 0.106990456292]]),
              "dW1": np.array([[-0.348833886697, 0.0175839863268, 0.393537121679]]),
              "db1": np.array([[-0.0903974955191]])}),
    ],
    hints=[
        Hint(
            "the gradients are stored under the wrong names (layer index off by one?): layer l's "
            "backward step gives dA{l-1}, dW{l} and db{l}, so the keys run dA0, ..., dA{L-1} and "
            "dW1, db1, ..., dW{L}, db{L}.",
            lambda got, expected, inputs: isinstance(got, dict) and set(got) != set(expected),
        ),
        Hint(
            "every gradient has the opposite sign: dAL = -(Y / AL - (1 - Y) / (1 - AL)), with the "
            "minus sign in front.",
            lambda got, expected, inputs: all(_close(got[k], -expected[k]) for k in expected),
        ),
        Hint(
            "the output layer's gradients are already wrong: start from dAL = -(Y / AL - (1 - Y) "
            "/ (1 - AL)) (AL - Y is dZ, the gradient after the sigmoid) and go back through the "
            'sigmoid with caches[L-1] and activation "sigmoid".',
            lambda got, expected, inputs: not _output_layer_right(got, expected, inputs),
        ),
        Hint(
            "the output layer is right but a hidden layer is not: layers l = L-1, ..., 1 go back "
            'through relu ("relu"), each with caches[l-1] and the dA{l} that layer l+1 just gave.',
            lambda got, expected, inputs: _output_layer_right(got, expected, inputs)
            and not all(_close(got[k], expected[k]) for k in expected),
        ),
        Hint(
            "caches holds one cache per layer, caches[0] for layer 1 to caches[L-1] for layer L: "
            "layer l's cache is caches[l-1].",
            raised="list index out of range",
        ),
    ],
)

# ----------------------------------------------------------------------------------------------
# Update

_UPDATE_PARAMS_2 = {
    "W1": np.array([[0.5, -0.2, 0.1], [0.3, 0.8, -0.6]]), "b1": np.array([[0.1], [-0.2]]),
    "W2": np.array([[-0.7, 0.4]]), "b2": np.array([[0.05]]),
}
_UPDATE_GRADS_2 = {
    "dA0": np.array([[0.2, -0.1], [0.4, 0.3], [-0.5, 0.1]]), "dA1": np.array([[0.3, -0.2], [0.1, 0.6]]),
    "dW1": np.array([[0.3, -0.1, 0.2], [-0.4, 0.5, 0.1]]), "db1": np.array([[0.2], [-0.3]]),
    "dW2": np.array([[0.6, -0.2]]), "db2": np.array([[0.4]]),
}
_UPDATE_PARAMS_1 = {"W1": np.array([[1.0, -0.5, 0.25]]), "b1": np.array([[0.5]])}
_UPDATE_GRADS_1 = {"dA0": np.array([[0.1], [0.2], [0.3]]), "dW1": np.array([[0.2, 0.4, -0.6]]),
                   "db1": np.array([[-0.1]])}
_UPDATE_PARAMS_3 = {
    "W1": np.array([[0.2, -0.4], [0.6, 0.1]]), "b1": np.array([[0.0], [0.1]]),
    "W2": np.array([[0.3, 0.3], [-0.8, 0.5]]), "b2": np.array([[-0.2], [0.0]]),
    "W3": np.array([[0.9, -0.1]]), "b3": np.array([[0.3]]),
}
_UPDATE_GRADS_3 = {
    "dA0": np.array([[0.1], [-0.1]]), "dA1": np.array([[0.2], [0.0]]), "dA2": np.array([[0.3], [0.4]]),
    "dW1": np.array([[1.0, -2.0], [0.5, 0.5]]), "db1": np.array([[0.5], [-1.0]]),
    "dW2": np.array([[-1.5, 2.5], [3.0, 0.5]]), "db2": np.array([[2.0], [-0.5]]),
    "dW3": np.array([[4.0, -3.0]]), "db3": np.array([[1.5]]),
}


def _step_taken(got, inputs) -> float | None:
    """The step size s if every parameter moved by -s times its gradient (one s for all), else None."""
    params, grads = inputs["params"], inputs["grads"]
    steps = []
    for key in params:
        moved = np.asarray(params[key]) - np.asarray(got[key])
        gradient = np.asarray(grads["d" + key])
        step = float(np.sum(moved * gradient) / np.sum(gradient * gradient))
        if not _close(moved, step * gradient):
            return None
        steps.append(step)
    return steps[0] if np.allclose(steps, steps[0]) else None


def _took_step(got, inputs, size: float) -> bool:
    step = _step_taken(got, inputs)
    return step is not None and bool(np.isclose(step, size))


update_parameters = Exercise(
    "update_parameters",
    "update_parameters(params, grads, learning_rate)",
    cases=[
        Case("2 layers, learning_rate = 0.1",
             {"params": _UPDATE_PARAMS_2, "grads": _UPDATE_GRADS_2, "learning_rate": 0.1},
             {"W1": np.array([[0.47, -0.19, 0.08],
                              [0.34, 0.75, -0.61]]),
              "b1": np.array([[0.08],
                              [-0.17]]),
              "W2": np.array([[-0.76, 0.42]]),
              "b2": np.array([[0.01]])}),
        Case("1 layer, learning_rate = 0.5",
             {"params": _UPDATE_PARAMS_1, "grads": _UPDATE_GRADS_1, "learning_rate": 0.5},
             {"W1": np.array([[0.9, -0.7, 0.55]]),
              "b1": np.array([[0.55]])}),
        Case("3 layers, learning_rate = 0.01",
             {"params": _UPDATE_PARAMS_3, "grads": _UPDATE_GRADS_3, "learning_rate": 0.01},
             {"W1": np.array([[0.19, -0.38],
                              [0.595, 0.095]]),
              "b1": np.array([[-0.005],
                              [0.11]]),
              "W2": np.array([[0.315, 0.275],
                              [-0.83, 0.495]]),
              "b2": np.array([[-0.22],
                              [0.005]]),
              "W3": np.array([[0.86, -0.07]]),
              "b3": np.array([[0.285]])}),
    ],
    hints=[
        Hint(
            "your parameters moved uphill: gradient descent subtracts learning_rate times the "
            "gradient.",
            lambda got, expected, inputs: _took_step(got, inputs, -inputs["learning_rate"]),
        ),
        Hint(
            "your step is not learning_rate times the gradient: use the learning_rate argument, "
            "whatever value the caller passes.",
            lambda got, expected, inputs: _step_taken(got, inputs) is not None
            and not _took_step(got, inputs, inputs["learning_rate"])
            and not _took_step(got, inputs, -inputs["learning_rate"]),
        ),
        Hint(
            "a layer was left as it was (layer index off by one?): update every layer "
            "l = 1, ..., L, which is range(1, L + 1) with L = len(params) // 2.",
            lambda got, expected, inputs: set(got) == set(expected) and any(
                _close(got[k], inputs["params"][k]) for k in expected),
        ),
        Hint(
            "params holds a W and a b for each layer: the network has L = len(params) // 2 "
            "layers, numbered l = 1, ..., L.",
            raised="KeyError",
        ),
    ],
)

EXERCISES = [
    initialize_parameters, initialize_parameters_deep,
    linear_forward, linear_activation_forward, L_model_forward,
    compute_cost,
    linear_backward, linear_activation_backward, L_model_backward,
    update_parameters,
]

check = make_check(EXERCISES, assignment="a4_deep_nn_step_by_step")
check_all = check.all  # the last cell of the notebook: where the student stands
