"""Self-checks for assignment 3, a network with one hidden layer (released to students).

Every expected value below is written out as a number, so this file holds no solution; the test
suite recomputes each one with an independent oracle (finite differences for the gradients,
scipy and scikit-learn for the rest) and with the reference solution. The inputs are small: two
or three features, one to five examples, one to four hidden units.

Two functions draw random numbers, so their cases set numpy's global generator first
(`Case.seed`): initialize_parameters must use the state it is given (it does not seed itself),
and nn_model must seed np.random.seed(3) itself (its cases start from another state, so that
forgetting the seed, or seeding after the weights are drawn, shows). What nn_model prints is
judged on its own (graders.cases.Printing): the check reads the (iteration, cost) pairs from the
lines that mention a cost, and a right answer that prints otherwise keeps its points with a note.

Hints recognise the usual wrong answers from what the function returned (or the error it raised):
tanh's slope written with Z1 instead of A1, db without keepdims, an update that writes into the
caller's dict, a cost returned as an array, a seed in the wrong place.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit

from graders.cases import Case, Exercise, Hint, Printing, printed_costs
from graders.checking import make_check

# ----------------------------------------------------------------------------------------------
# Comparing plain data inside hints


def _close(a, b, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
    """Same shape and close values (a hint's notion of "this is what the student returned")."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def _near(a, b) -> bool:
    """`_close` loose enough for values measured by finite differences (the hidden gradients)."""
    return _close(a, b, rtol=1e-4, atol=1e-6)


def _all_close(got, expected, keys=None, close=_close) -> bool:
    """True when the dicts `got` and `expected` agree on `keys` (default: all of expected's)."""
    return isinstance(got, dict) and all(close(got[k], expected[k]) for k in (keys or expected))


def _same_shapes(got, expected) -> bool:
    return (isinstance(got, dict) and set(got) == set(expected)
            and all(np.shape(got[k]) == np.shape(expected[k]) for k in expected))


# ----------------------------------------------------------------------------------------------
# Inputs shared by several checks. Two small networks: 2 -> 3 -> 1 (parameters _P_A) on three
# examples _X_A or on the single example _X_C, and 3 -> 2 -> 1 (_P_B) on four examples _X_B.

_X_A = np.array([[1.62, -0.61, -0.53], [-1.07, 0.87, -2.3]])
_Y_A = np.array([[1, 0, 1]], dtype=np.uint8)
_X_B = np.array([[0.3, -1.2, 0.8, 1.5], [1.1, 0.4, -0.7, -0.2], [-0.5, 0.9, 1.3, -1.0]])
_Y_B = np.array([[0, 1, 1, 0]], dtype=np.uint8)
_X_C = np.array([[0.9], [-1.4]])
_Y_C = np.array([[1]], dtype=np.uint8)
_P_A = {"W1": np.array([[0.5, -1.2], [1.1, 0.3], [-0.4, 0.8]]), "b1": np.array([[0.1], [-0.2], [0.3]]),
        "W2": np.array([[1.5, -0.9, 0.7]]), "b2": np.array([[-0.1]])}
_P_B = {"W1": np.array([[0.2, -0.5, 0.9], [-1.3, 0.4, 0.6]]), "b1": np.array([[0.05], [-0.15]]),
        "W2": np.array([[-1.1, 2.0]]), "b2": np.array([[0.25]])}
# Same hidden layer as _P_A, output weights zero: every A2 is exactly 0.5.
_P_HALF = {"W1": _P_A["W1"], "b1": _P_A["b1"], "W2": np.zeros((1, 3)), "b2": np.zeros((1, 1))}
_G_A = {"dW1": np.array([[0.02, -0.01], [0.005, 0.03], [-0.04, 0.015]]),
        "db1": np.array([[0.01], [-0.02], [0.003]]),
        "dW2": np.array([[-0.05, 0.025, 0.01]]), "db2": np.array([[0.07]])}
_G_B = {"dW1": np.array([[-0.1, 0.2, 0.05], [0.3, -0.15, 0.0]]), "db1": np.array([[0.04], [-0.06]]),
        "dW2": np.array([[0.12, -0.08]]), "db2": np.array([[-0.2]])}
# Five points for nn_model.
_X_N = np.array([[0.5, -1.0, 1.5, -0.3, 0.8], [1.2, 0.4, -0.9, -1.5, 0.1]])
_Y_N = np.array([[1, 0, 1, 0, 1]], dtype=np.uint8)

# ----------------------------------------------------------------------------------------------
# Expected values, written out

_INIT_2_4_1 = {
    "W1": np.array([[0.02706849839399938, 0.006281327087844596],
                    [0.009079694464765432, 0.005038257538223936],
                    [0.006511179479432686, -0.0031931804459303325],
                    [-0.008480769834036315, 0.006059653494949337]]),
    "b1": np.zeros((4, 1)),
    "W2": np.array([[-0.020181682440373917, 0.007401220570561068, 0.0052881349408935956, -0.0058900053328658246]]),
    "b2": np.zeros((1, 1)),
}
_INIT_3_2_2 = {
    "W1": np.array([[0.01668068295330041, 0.009258618159721243, 0.01057996774523021],
                    [-0.009203390137491349, 0.012997484656980808, 0.0033118301243782043]]),
    "b1": np.zeros((2, 1)),
    "W2": np.array([[-0.005098449678999923, -0.009030989185419763],
                    [-0.0013001637272238066, -0.02238203491279593]]),
    "b2": np.zeros((2, 1)),
}
_CACHE_A = {
    "Z1": np.array([[2.1940000000000004, -1.2489999999999999, 2.5949999999999998],
                    [1.2610000000000003, -0.6100000000000001, -1.473],
                    [-1.2040000000000002, 1.24, -1.3279999999999998]]),
    "A1": np.array([[0.9754538880820981, -0.8480029871116658, 0.9889177368161453],
                    [0.8513395650271905, -0.5441270988535675, -0.9001481928496388],
                    [-0.834870625553722, 0.8454555957266802, -0.8687596713316803]]),
    "Z2": np.array([[0.012565785711070337, -0.2904711746906118, 1.5853782088567165]]),
    "A2": np.array([[0.5031414050924905, 0.42788851961809166, 0.8299648554676338]]),
}
_CACHE_B = {
    "Z1": np.array([[-0.89, 0.42000000000000004, 1.7300000000000002, -0.45],
                    [-0.3999999999999999, 2.1100000000000003, -0.6900000000000001, -2.7800000000000002]]),
    "A1": np.array([[-0.7113937318189626, 0.39693043200507755, 0.9390559334707117, -0.4218990052500079],
                    [-0.3799489622552248, 0.9710285520050662, -0.5979820004989412, -0.9923319597770052]]),
    "Z2": np.array([[0.27263518049040936, 1.7554336288045471, -1.9789255278156652, -1.2705750137790015]]),
    "A2": np.array([[0.5677397232010252, 0.8526368315513239, 0.12143342385904285, 0.2191588351014336]]),
}
_CACHE_C = {
    "Z1": np.array([[2.23],
                    [0.37000000000000005],
                    [-1.18]]),
    "A1": np.array([[0.9771395937470586],
                    [0.353991712477046],
                    [-0.8274516110081666]]),
    "Z2": np.array([[0.4679007216855299]]),
    "A2": np.array([[0.614886765168074]]),
}
_COST_1 = 0.2797765635793423
_COST_2 = 0.3207540029165972
_GRADS_C = {
    "dW1": np.array([[-0.02349868121544468, 0.03655350411291394],
                     [0.2728522619208249, -0.42443685187683866],
                     [-0.07650428986963442, 0.11900667313054243]]),
    "db1": np.array([[-0.026109645794938532],
                     [0.30316917991202763],
                     [-0.08500476652181603]]),
    "dW2": np.array([[-0.3763093898302838, -0.13632689349572827, 0.31866256658224357]]),
    "db2": np.array([[-0.38511323483192605]]),
}
_GRADS_A = {
    "dW1": np.array([[-0.05517971700889266, 0.06948220136091891],
                     [0.1164488698951442, -0.1447693907457989],
                     [-0.06911811421273818, 0.08473923275357953]]),
    "db1": np.array([[0.04617480513094516],
                     [-0.03965835493436335],
                     [-0.01638235057789545]]),
    "dW2": np.array([[-0.33855472044220747, -0.16758809693646123, 0.30809768849309]]),
    "db2": np.array([[-0.07966840660726136]]),
}
_GRADS_B = {
    "dW1": np.array([[-0.11557264896484044, -0.08124813107524892, 0.15594131339231979],
                     [-0.145335518182153, 0.4627035615193863, -0.49377010830976326]]),
    "db1": np.array([[-0.06396417845339439],
                     [-0.04184662432113529]]),
    "dW2": np.array([[-0.3449663643247678, -0.012729320076317732]]),
    "db2": np.array([[-0.05975779657179362]]),
}
_UPDATED_A = {
    "W1": np.array([[0.476, -1.188],
                    [1.094, 0.264],
                    [-0.35200000000000004, 0.782]]),
    "b1": np.array([[0.08800000000000001],
                    [-0.17600000000000002],
                    [0.2964]]),
    "W2": np.array([[1.56, -0.93, 0.688]]),
    "b2": np.array([[-0.184]]),
}
_UPDATED_B = {
    "W1": np.array([[0.25, -0.6, 0.875],
                    [-1.45, 0.47500000000000003, 0.6]]),
    "b1": np.array([[0.030000000000000002],
                    [-0.12]]),
    "W2": np.array([[-1.1600000000000001, 2.04]]),
    "b2": np.array([[0.35]]),
}
_NN_0 = {
    "W1": np.array([[0.017886284734303187, 0.004365098505119894],
                    [0.0009649746807200863, -0.01863492703364491]]),
    "b1": np.zeros((2, 1)),
    "W2": np.array([[-0.0027738820251439907, -0.0035475897926898676]]),
    "b2": np.zeros((1, 1)),
}
_NN_5 = {
    "W1": np.array([[0.06489685822211909, 0.02352504421707019],
                    [-0.03777542488110305, -0.034197595153349566],
                    [-0.014957790140294951, -0.008491547893274528]]),
    "b1": np.array([[0.004207352921137561],
                    [-0.004144128758287259],
                    [-0.0011562000873493422]]),
    "W2": np.array([[0.06860413110432609, -0.04806473729413836, -0.016998379703075116]]),
    "b2": np.array([[0.3335609433859539]]),
}
_NN_1001 = {
    "W1": np.array([[2.2039830019657374, 0.902320910395493],
                    [-2.0381207873967018, -0.8383091237997425]]),
    "b1": np.array([[-0.081360295997219],
                    [0.07545501085384847]]),
    "W2": np.array([[4.342391472544255, -3.723217207084416]]),
    "b2": np.array([[0.20781994229544873]]),
}
_NN_1001_PRINTED = ((0, 0.6931608273940699), (1000, 0.00042871589292641))
_NN_DEFAULT = {
    "W1": np.array([[3.0407060771172945, 1.2396738258910096]]),
    "b1": np.array([[-0.10269090372850917]]),
    "W2": np.array([[9.445474017026463]]),
    "b2": np.array([[0.2012429463184579]]),
}
_PREDICT_A = np.array([[True, False, True]])
_PREDICT_B = np.array([[True, True, False, False]])
_PREDICT_HALF = np.array([[False, False, False]])


# ----------------------------------------------------------------------------------------------
# 1. Layer sizes


def _counts_examples(got, expected, inputs) -> bool:
    X, Y = inputs["X"], inputs["Y"]
    return (got[0] == X.shape[1] != X.shape[0]) or (got[2] == Y.shape[1] != Y.shape[0])


layer_sizes = Exercise(
    "layer_sizes",
    "layer_sizes(X, Y)",
    cases=[
        Case("X of shape (5, 3), Y of shape (2, 3)",
             {"X": np.zeros((5, 3)), "Y": np.zeros((2, 3))}, (5, 4, 2)),
        Case("X of shape (2, 7), Y of shape (1, 7) (uint8 labels, like the flower's)",
             {"X": np.linspace(-1, 1, 14).reshape(2, 7), "Y": np.array([[0, 1, 1, 0, 1, 0, 0]], dtype=np.uint8)},
             (2, 4, 1)),
    ],
    hints=[
        Hint("return the three sizes as a tuple, (n_x, n_h, n_y), not as a list.",
             lambda got, expected, inputs: isinstance(got, list)),
        Hint("X.shape[1] and Y.shape[1] count the examples (m). The layer sizes are the numbers "
             "of rows: n_x = X.shape[0] and n_y = Y.shape[0].", _counts_examples),
        Hint("read n_y from Y.shape[0] rather than writing 1: the function must work for any number "
             "of output rows.",
             lambda got, expected, inputs: got[2] == 1 != inputs["Y"].shape[0]),
        Hint("n_h is 4 in this function (nn_model takes its own n_h as an argument).",
             lambda got, expected, inputs: len(got) == 3 and got[1] != 4),
        Hint("return exactly three sizes: (n_x, n_h, n_y).",
             lambda got, expected, inputs: len(got) != 3),
    ],
)

# ----------------------------------------------------------------------------------------------
# 2. Initialisation. Each case seeds the global generator first, as nn_model will.

_COMMON_SEEDS = (*range(11), 42, 1234)


def _seeded_inside(got, expected, inputs) -> bool:
    W1 = np.asarray(got["W1"], dtype=float)
    return not _close(W1, expected["W1"]) and any(
        _close(W1, 0.01 * np.random.RandomState(seed).randn(*W1.shape)) for seed in _COMMON_SEEDS)


initialize_parameters = Exercise(
    "initialize_parameters",
    "initialize_parameters(n_x, n_h, n_y)",
    cases=[
        Case("n_x = 2, n_h = 4, n_y = 1, called right after np.random.seed(101)",
             {"n_x": 2, "n_h": 4, "n_y": 1}, _INIT_2_4_1, seed=101),
        Case("n_x = 3, n_h = 2, n_y = 2, called right after np.random.seed(102)",
             {"n_x": 3, "n_h": 2, "n_y": 2}, _INIT_3_2_2, seed=102),
    ],
    hints=[
        Hint("your weights come from a seed set inside initialize_parameters. Do not seed here: "
             "the caller seeds once (nn_model calls np.random.seed(3) before it calls this "
             "function), and a second seed would make every call draw the same numbers.",
             _seeded_inside),
        Hint("your weights are 100 times too large: multiply np.random.randn(...) by 0.01, so "
             "that tanh starts in its steep, nearly linear part.",
             lambda got, expected, inputs: _all_close(
                 got, {k: 100 * expected[k] for k in ("W1", "W2")})),
        Hint("a weight matrix is transposed: W1 has shape (n_h, n_x) and W2 shape (n_y, n_h), one "
             "row per unit of the layer it feeds.",
             lambda got, expected, inputs: any(
                 np.shape(got[k]) == expected[k].shape[::-1] != expected[k].shape for k in ("W1", "W2"))),
        Hint("each bias is a column: np.zeros((n_h, 1)) and np.zeros((n_y, 1)), with the shape "
             "passed as a tuple.",
             lambda got, expected, inputs: any(np.ndim(got[k]) != 2 for k in ("b1", "b2"))),
        Hint("all your weights are zero: every hidden unit would then compute the same thing and "
             "get the same update forever. Draw them with np.random.randn(...) * 0.01.",
             lambda got, expected, inputs: all(not np.any(got[k]) for k in ("W1", "W2"))),
        Hint("all your weights are positive: np.random.rand draws from [0, 1); the weights come "
             "from the standard normal distribution, np.random.randn.",
             lambda got, expected, inputs: _same_shapes(got, expected)
             and all(np.all(np.asarray(got[k]) >= 0) for k in ("W1", "W2"))),
    ],
)

# ----------------------------------------------------------------------------------------------
# 3. Forward propagation


def _cache_of(got) -> dict:
    return got[1] if isinstance(got, tuple) and isinstance(got[1], dict) else {}


forward_propagation = Exercise(
    "forward_propagation",
    "forward_propagation(X, parameters)",
    cases=[
        Case("2 -> 3 -> 1 network, X of shape (2, 3)", {"X": _X_A, "parameters": _P_A},
             (_CACHE_A["A2"], _CACHE_A)),
        Case("3 -> 2 -> 1 network, X of shape (3, 4)", {"X": _X_B, "parameters": _P_B},
             (_CACHE_B["A2"], _CACHE_B)),
        Case("2 -> 3 -> 1 network, one example, X of shape (2, 1)", {"X": _X_C, "parameters": _P_A},
             (_CACHE_C["A2"], _CACHE_C)),
    ],
    hints=[
        Hint("return the pair (A2, cache), in this order.",
             lambda got, expected, inputs: isinstance(got, tuple) and isinstance(got[0], dict)),
        Hint('the cache is a dict with exactly the keys "Z1", "A1", "Z2" and "A2" (capital '
             "letters, no other keys): backward_propagation reads them by name.",
             lambda got, expected, inputs: isinstance(got[1], dict) and set(got[1]) != set(expected[1])),
        Hint("your A1 is sigmoid(Z1): the hidden layer uses tanh, A1 = np.tanh(Z1).",
             lambda got, expected, inputs: _close(_cache_of(got)["A1"], expit(expected[1]["Z1"]))),
        Hint("your A2 is tanh(Z2): the output layer uses the sigmoid, A2 = 1 / (1 + np.exp(-Z2)), "
             "so that A2 is a probability.",
             lambda got, expected, inputs: _close(got[0], np.tanh(expected[1]["Z2"]))),
        Hint("a bias is missing: Z1 = W1 X + b1 and Z2 = W2 A1 + b2 (numpy broadcasts each "
             "column b across the m examples).",
             lambda got, expected, inputs: _close(_cache_of(got)["Z1"], expected[1]["Z1"] - inputs["parameters"]["b1"])
             or (_close(_cache_of(got)["Z1"], expected[1]["Z1"])
                 and _close(_cache_of(got)["Z2"], expected[1]["Z2"] - inputs["parameters"]["b2"]))),
        Hint("W1 * X multiplies entry by entry; a layer needs the matrix product np.dot(W1, X), "
             "of shape (n_h, m).",
             raised="could not be broadcast"),
        Hint("the matrix product is np.dot(W1, X): W1 of shape (n_h, n_x) on the left of X of "
             "shape (n_x, m).",
             raised="not aligned"),
    ],
)

# ----------------------------------------------------------------------------------------------
# 4. Cost


def _one_term(got, expected, inputs) -> bool:
    A2, Y = inputs["A2"], inputs["Y"]
    return _close(got, -np.mean(Y * np.log(A2))) or _close(got, -np.mean((1 - Y) * np.log(1 - A2)))


compute_cost = Exercise(
    "compute_cost",
    "compute_cost(A2, Y)",
    cases=[
        Case("A2 = [[0.8, 0.1, 0.6]], Y = [[1, 0, 1]] (uint8)",
             {"A2": np.array([[0.8, 0.1, 0.6]]), "Y": _Y_A}, _COST_1),
        Case("A2 = [[0.3, 0.9, 0.55, 0.2]], Y = [[0., 1., 1., 0.]] (float)",
             {"A2": np.array([[0.3, 0.9, 0.55, 0.2]]), "Y": np.array([[0.0, 1.0, 1.0, 0.0]])}, _COST_2),
    ],
    hints=[
        Hint("your cost is an array of shape (1, 1) (np.dot of a row and a column keeps both "
             "dimensions): turn it into a number with float(np.squeeze(cost)).",
             lambda got, expected, inputs: np.shape(got) == (1, 1)),
        Hint("np.sum and np.mean return a numpy float; the spec asks for a Python float: return "
             "float(cost).",
             lambda got, expected, inputs: isinstance(got, np.generic) and _close(got, expected)),
        Hint("you returned one loss per example: add them up (np.sum) and divide by m.",
             lambda got, expected, inputs: np.shape(got) == np.shape(inputs["Y"]) != (1, 1)),
        Hint("your cost is negative: the cross-entropy is -(1/m) times the sum, so keep the "
             "minus sign in front.",
             lambda got, expected, inputs: _close(got, -expected)),
        Hint("divide the sum by m, the number of examples (m = Y.shape[1]).",
             lambda got, expected, inputs: _close(got, expected * inputs["Y"].shape[1])),
        Hint("the cost has two terms per example: y log(a) for the label 1 and (1 - y) log(1 - a) "
             "for the label 0.", _one_term),
    ],
)

# ----------------------------------------------------------------------------------------------
# 5. Backward propagation. The first case has a single example: then db1 is dZ1 itself, so the
# ratio of the student's db1 to the right one is the ratio of the two slopes used for tanh'.


def _slope_used(slope):
    """Hint test: db1 on one example equals the right one times slope / (1 - A1^2)."""
    def applies(got, expected, inputs) -> bool:
        if inputs["X"].shape[1] != 1:
            return False
        A1, Z1 = inputs["cache"]["A1"], inputs["cache"]["Z1"]
        db1 = np.reshape(np.asarray(got["db1"], dtype=float), (-1, 1))
        return _near(db1, expected["db1"] * slope(A1, Z1) / (1 - A1 ** 2))
    return applies


_OUTPUT_GRADS_RIGHT = ("dW2", "db2")

backward_propagation = Exercise(
    "backward_propagation",
    "backward_propagation(parameters, cache, X, Y)",
    cases=[
        Case("2 -> 3 -> 1 network, one example, X of shape (2, 1)",
             {"parameters": _P_A, "cache": _CACHE_C, "X": _X_C, "Y": _Y_C}, _GRADS_C),
        Case("2 -> 3 -> 1 network, X of shape (2, 3)",
             {"parameters": _P_A, "cache": _CACHE_A, "X": _X_A, "Y": _Y_A}, _GRADS_A),
        Case("3 -> 2 -> 1 network, X of shape (3, 4)",
             {"parameters": _P_B, "cache": _CACHE_B, "X": _X_B, "Y": _Y_B}, _GRADS_B),
    ],
    hints=[
        Hint("your hidden-layer gradients use 1 - Z1**2: the slope of tanh is 1 - tanh(Z1)^2, "
             "which is 1 - A1**2 written with A1 = tanh(Z1), not with Z1.",
             _slope_used(lambda A1, Z1: 1 - Z1 ** 2)),
        Hint("your hidden-layer gradients use A1 * (1 - A1), the sigmoid's slope: the hidden layer "
             "is tanh, whose slope is 1 - A1**2.",
             _slope_used(lambda A1, Z1: A1 * (1 - A1))),
        Hint("dZ1 needs the slope of tanh: dZ1 = np.dot(W2.T, dZ2) * (1 - A1**2).",
             _slope_used(lambda A1, Z1: np.ones_like(A1))),
        Hint("keep db1 and db2 as columns: np.sum(dZ, axis=1, keepdims=True) has shape (n, 1); "
             "without keepdims it is flat.",
             lambda got, expected, inputs: any(np.ndim(got[k]) != 2 for k in ("db1", "db2"))),
        Hint("every gradient has the wrong sign: dZ2 = A2 - Y (the prediction minus the label).",
             lambda got, expected, inputs: _all_close(got, {k: -v for k, v in expected.items()}, close=_near)),
        Hint("your gradients are m times too large: each one is an average over the m examples, "
             "so divide by m.",
             lambda got, expected, inputs: _near(got["dW2"], inputs["X"].shape[1] * expected["dW2"])
             and inputs["X"].shape[1] > 1),
        Hint("dW2 and db2 are right but dW1 or db1 is not: look at dZ1 = W2^T dZ2 * (1 - A1^2) "
             "and at dW1 = (1/m) dZ1 X^T.",
             lambda got, expected, inputs: _all_close(got, expected, _OUTPUT_GRADS_RIGHT, close=_near)
             and _same_shapes(got, expected)),  # a wrong shape has its own advice (the axis of a sum)
        Hint("a shape does not fit a product: dW2 = (1/m) dZ2 A1^T and dW1 = (1/m) dZ1 X^T, so "
             "transpose the second factor (A1.T, X.T), and dZ1 starts from np.dot(W2.T, dZ2).",
             raised="not aligned"),
    ],
)

# ----------------------------------------------------------------------------------------------
# 6. Update


def _stepped(inputs, rate) -> dict:
    return {k: v - rate * inputs["grads"]["d" + k] for k, v in inputs["parameters"].items()}


def _other_default(got, expected, inputs) -> bool:
    if "learning_rate" in inputs or _all_close(got, expected):
        return False
    params, grads = inputs["parameters"], inputs["grads"]
    rates = (params["W1"] - np.asarray(got["W1"], dtype=float)) / grads["dW1"]
    return bool(np.allclose(rates, rates.flat[0])) and _all_close(got, _stepped(inputs, rates.flat[0]))


update_parameters = Exercise(
    "update_parameters",
    "update_parameters(parameters, grads, learning_rate=1.2)",
    cases=[
        Case("2 -> 3 -> 1 network, learning_rate left at its default",
             {"parameters": _P_A, "grads": _G_A}, _UPDATED_A),
        Case("3 -> 2 -> 1 network, learning_rate = 0.5",
             {"parameters": _P_B, "grads": _G_B, "learning_rate": 0.5}, _UPDATED_B),
    ],
    hints=[
        Hint("your new values are right, but the caller's dictionary changed too: assigning into "
             "parameters[...] or using -= writes into the caller's data. Compute new arrays "
             "(W1 = W1 - learning_rate * dW1) and return them in a new dict.",
             lambda got, expected, inputs: _all_close(got, expected)),
        Hint("step against the gradient: subtract learning_rate * dW, do not add it.",
             lambda got, expected, inputs: _all_close(
                 got, _stepped(inputs, -inputs.get("learning_rate", 1.2)))),
        Hint("use the learning_rate argument rather than a fixed 1.2.",
             lambda got, expected, inputs: "learning_rate" in inputs
             and _all_close(got, _stepped(inputs, 1.2))),
        Hint("multiply each gradient by learning_rate before subtracting it.",
             lambda got, expected, inputs: _all_close(got, _stepped(inputs, 1.0))),
        Hint("the default learning rate is 1.2: keep learning_rate=1.2 in the def line.",
             _other_default),
    ],
)

# ----------------------------------------------------------------------------------------------
# 7. The model. Each case starts from np.random.seed(1), so that a model that does not seed
# np.random.seed(3) itself, right before drawing its weights, starts from other weights.


def _not_seeded(got, expected, inputs) -> bool:
    return (inputs.get("num_iterations") == 0 and _same_shapes(got, expected)
            and not any(np.any(got[k]) for k in ("b1", "b2"))
            and not _all_close(got, expected, ("W1", "W2")))


# What nn_model prints: the (iteration, cost) pairs of its cost lines, every 1000 iterations from 0
# with print_cost=True and none otherwise.
COST_LINES = Printing(printed_costs, "the (iteration, cost) pairs it printed", notes=[
    Hint("with print_cost=True, print the cost at iterations 0, 1000, 2000, ... (when "
         "i % 1000 == 0), e.g. print(f\"Cost after iteration {i}: {cost:f}\").",
         lambda got, expected, inputs: expected and not got),
    Hint("print the costs only when print_cost is True.",
         lambda got, expected, inputs: got and not expected),
    Hint("print once every 1000 iterations, starting at i = 0 (when i % 1000 == 0).",
         lambda got, expected, inputs: got and expected and len(got) != len(expected)),
    Hint("the iterations are right but the printed costs are not: print the cost of the "
         "iteration's forward pass, with six decimals or more ({cost:f}).",
         lambda got, expected, inputs: len(got) == len(expected) > 0
         and [pair[0] for pair in got] == [pair[0] for pair in expected]),
])


nn_model = Exercise(
    "nn_model",
    "nn_model(X, Y, n_h, num_iterations=10000, print_cost=False)",
    cases=[
        Case("n_h = 2, num_iterations = 0: the model returns its starting parameters",
             {"X": _X_N, "Y": _Y_N, "n_h": 2, "num_iterations": 0}, _NN_0, seed=1, printed=()),
        Case("n_h = 3, num_iterations = 5", {"X": _X_N, "Y": _Y_N, "n_h": 3, "num_iterations": 5},
             _NN_5, seed=1, printed=()),
        Case("n_h = 2, num_iterations = 1001, print_cost = True: the check also reads the "
             "(iteration, cost) pairs printed",
             {"X": _X_N, "Y": _Y_N, "n_h": 2, "num_iterations": 1001, "print_cost": True},
             _NN_1001, seed=1, printed=_NN_1001_PRINTED),
        Case("n_h = 1, num_iterations left at its default (10000)",
             {"X": _X_N, "Y": _Y_N, "n_h": 1}, _NN_DEFAULT, seed=1, printed=()),
    ],
    hints=[
        Hint("the starting weights are not the ones np.random.seed(3) gives: call "
             "np.random.seed(3) inside nn_model, once, right before initialize_parameters (not "
             "inside the loop, not in another cell).", _not_seeded),
        Hint("with num_iterations = 0 nothing should be trained: run the loop exactly "
             "num_iterations times, for i in range(num_iterations).",
             lambda got, expected, inputs: inputs.get("num_iterations") == 0
             and any(np.any(got[k]) for k in ("b1", "b2"))),
        Hint("use the n_h argument for the size of the hidden layer (layer_sizes' 4 is only its "
             "own choice): initialize_parameters(n_x, n_h, n_y).",
             lambda got, expected, inputs: np.shape(got["W1"])[0] == 4 != inputs["n_h"]),
    ],
    printing=COST_LINES,
)

# ----------------------------------------------------------------------------------------------
# 8. Predictions

predict = Exercise(
    "predict",
    "predict(parameters, X)",
    cases=[
        Case("2 -> 3 -> 1 network, X of shape (2, 3)", {"parameters": _P_A, "X": _X_A}, _PREDICT_A),
        Case("3 -> 2 -> 1 network, X of shape (3, 4)", {"parameters": _P_B, "X": _X_B}, _PREDICT_B),
        Case("output weights and bias zero, so that every A2 is exactly 0.5",
             {"parameters": _P_HALF, "X": _X_A}, _PREDICT_HALF),
    ],
    hints=[
        Hint("return the boolean array A2 > 0.5 itself: no .astype(...), no np.round.",
             lambda got, expected, inputs: np.asarray(got).dtype != bool
             and np.array_equal(np.asarray(got, dtype=float), expected.astype(float))),
        Hint("your predictions are probabilities: compare them with the threshold, "
             "predictions = A2 > 0.5.",
             lambda got, expected, inputs: np.asarray(got).dtype.kind == "f"
             and not np.all(np.isin(got, (0.0, 1.0)))),
        Hint("the threshold is strict: a point with A2 exactly 0.5 is predicted False (A2 > 0.5, "
             "not >=).",
             lambda got, expected, inputs: not np.any(inputs["parameters"]["W2"]) and np.all(got)),
        Hint("keep the shape (1, m): one row of predictions, one column per example.",
             lambda got, expected, inputs: np.ndim(got) != 2),
    ],
)

EXERCISES = [layer_sizes, initialize_parameters, forward_propagation, compute_cost,
             backward_propagation, update_parameters, nn_model, predict]

check = make_check(EXERCISES, assignment="a3_planar_classification")
check_all = check.all  # the last cell of the notebook: where the student stands
