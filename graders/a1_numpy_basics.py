"""Self-checks for assignment 1, numpy basics (released to students).

Every expected value below is written out as a number, so this file holds no solution; the test
suite recomputes each one independently (scipy, scikit-learn) and with the reference solution.
Hints recognise the usual wrong answers from the output alone.
"""

import numpy as np
from scipy.special import expit

from graders.cases import Case, Exercise, Hint, Scalar
from graders.checking import make_check


def _close(a, b) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-6, atol=1e-9))


SIGN_FLIPPED = Hint(
    "your values equal 1 - sigmoid(x): check the sign in the exponent, e^(-x).",
    lambda got, expected, inputs: _close(got, 1 - np.asarray(expected)),
)
NO_RECIPROCAL = Hint(
    "your values equal 1 + e^(-x): the sigmoid is one divided by that.",
    lambda got, expected, inputs: _close(got, 1 / np.asarray(expected)),
)

basic_sigmoid = Exercise(
    "basic_sigmoid",
    "basic_sigmoid(x)",
    cases=[
        Case("x = 1", {"x": 1}, 0.7310585786300049),
        Case("x = -2", {"x": -2}, 0.11920292202211755),
        Case("x = 0", {"x": 0}, 0.5),
        Case("x = 3.5", {"x": 3.5}, 0.9706877692486436),
    ],
    hints=[
        SIGN_FLIPPED,
        NO_RECIPROCAL,
        Hint(
            "this exercise is the math-module version: math.exp returns a Python float, "
            "np.exp returns a numpy scalar.",
            lambda got, expected, inputs: isinstance(got, (np.generic, np.ndarray)),
        ),
    ],
)

sigmoid = Exercise(
    "sigmoid",
    "sigmoid(x)",
    cases=[
        Case("x = np.array([1, 2, 3])", {"x": np.array([1, 2, 3])},
             np.array([0.7310585786300049, 0.8807970779778823, 0.9525741268224334])),
        Case("a (2, 3) matrix", {"x": np.array([[-1.0, 0.0, 0.5], [2.0, -3.0, 4.0]])},
             np.array([[0.2689414213699951, 0.5, 0.6224593312018546],
                       [0.8807970779778823, 0.04742587317756678, 0.9820137900379085]])),
        Case("the number x = 1", {"x": 1}, Scalar(0.7310585786300049)),
    ],
    hints=[
        SIGN_FLIPPED,
        NO_RECIPROCAL,
        Hint(
            "math.exp only takes one number; np.exp applies to every entry of an array.",
            raised="converted to Python scalars",
        ),
    ],
)

sigmoid_derivative = Exercise(
    "sigmoid_derivative",
    "sigmoid_derivative(x)",
    cases=[
        Case("x = np.array([1, 2, 3])", {"x": np.array([1, 2, 3])},
             np.array([0.19661193324148185, 0.10499358540350662, 0.045176659730912])),
        Case("a (2, 3) matrix", {"x": np.array([[-1.0, 0.0, 0.5], [2.0, -3.0, 4.0]])},
             np.array([[0.19661193324148185, 0.25, 0.2350037122015945],
                       [0.10499358540350662, 0.04517665973091214, 0.01766270621329111]])),
    ],
    hints=[
        Hint(
            "your values are x * (1 - x): apply the formula to s = sigmoid(x), not to x itself.",
            lambda got, expected, inputs: _close(got, inputs["x"] * (1 - inputs["x"])),
        ),
        Hint(
            "your values are sigmoid(x) itself: the derivative is s * (1 - s) with s = sigmoid(x).",
            lambda got, expected, inputs: _close(got, expit(inputs["x"])),
        ),
        Hint(
            "your values are negative: the derivative is s * (1 - s), and it is positive "
            "everywhere; check the order of 1 - s.",
            lambda got, expected, inputs: _close(got, -np.asarray(expected)),
        ),
    ],
)

_IMAGE = np.array(
    [
        [[0.67826139, 0.29380381], [0.90714982, 0.52835647], [0.4215251, 0.45017551]],
        [[0.92814219, 0.96677647], [0.85304703, 0.52351845], [0.19981397, 0.27417313]],
        [[0.60659855, 0.00533165], [0.10820313, 0.49978937], [0.34144279, 0.94630077]],
    ]
)
_IMAGE_2 = np.arange(24, dtype=float).reshape(2, 4, 3) / 10

image2vector = Exercise(
    "image2vector",
    "image2vector(image)",
    cases=[
        Case("a (3, 3, 2) image", {"image": _IMAGE}, _IMAGE.copy().reshape(18, 1)),
        Case("a (2, 4, 3) image (length 2, height 4, depth 3)", {"image": _IMAGE_2},
             np.array([[0.0], [0.1], [0.2], [0.3], [0.4], [0.5], [0.6], [0.7], [0.8], [0.9],
                       [1.0], [1.1], [1.2], [1.3], [1.4], [1.5], [1.6], [1.7], [1.8], [1.9],
                       [2.0], [2.1], [2.2], [2.3]])),
    ],
    hints=[
        Hint(
            "you returned a flat (n,) array: the spec wants a column of shape "
            "(length * height * depth, 1). Keep the trailing 1 in reshape.",
            lambda got, expected, inputs: got.ndim == 1 and got.size == expected.size,
        ),
        Hint(
            "you returned a row (1, n): the spec wants a column (n, 1); swap the two sizes.",
            lambda got, expected, inputs: got.shape == expected.shape[::-1],
        ),
        Hint(
            "the values are all there but in another order: reshape the image directly, "
            "without transposing it or using order='F'.",
            lambda got, expected, inputs: got.shape == expected.shape
            and _close(np.sort(got, axis=None), np.sort(expected, axis=None)),
        ),
    ],
)

normalize_rows = Exercise(
    "normalize_rows",
    "normalize_rows(x)",
    cases=[
        Case("x = np.array([[0, 3, 4], [1, 6, 4]])", {"x": np.array([[0, 3, 4], [1, 6, 4]])},
             np.array([[0.0, 0.6, 0.8],
                       [0.13736056394868904, 0.8241633836921342, 0.5494422557947561]])),
        Case("a (3, 2) float matrix", {"x": np.array([[3.0, -4.0], [0.5, 0.5], [-2.0, 0.0]])},
             np.array([[0.6, -0.8], [0.7071067811865475, 0.7071067811865475], [-1.0, 0.0]])),
    ],
    hints=[
        Hint(
            "you divided each column by its norm: a row's norm is taken along axis=1.",
            lambda got, expected, inputs: _close(
                got, inputs["x"] / np.linalg.norm(inputs["x"], axis=0, keepdims=True)),
        ),
        Hint(
            "you divided by the sum of each row (an L1 norm): the L2 norm is the square root "
            "of the sum of squares, np.linalg.norm(x, axis=1, keepdims=True).",
            lambda got, expected, inputs: _close(
                got, inputs["x"] / np.sum(np.abs(inputs["x"]), axis=1, keepdims=True)),
        ),
        Hint(
            "you divided by the squared norm: take the square root (np.linalg.norm does).",
            lambda got, expected, inputs: _close(
                got, inputs["x"] / np.sum(inputs["x"] ** 2, axis=1, keepdims=True)),
        ),
        Hint(
            "x /= ... divides the caller's array in place, and cannot store fractions in an "
            "integer array: build a new array with x / norms instead.",
            raised="Cannot cast ufunc",
        ),
    ],
)

softmax = Exercise(
    "softmax",
    "softmax(x)",
    cases=[
        Case("x = np.array([[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]])",
             {"x": np.array([[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]])},
             np.array([[9.8089766491461849e-01, 8.9446289069017759e-04, 1.7965767417378736e-02,
                        1.2105238865619453e-04, 1.2105238865619453e-04],
                       [8.7867985588699005e-01, 1.1891638717077183e-01, 8.0125231407938752e-04,
                        8.0125231407938752e-04, 8.0125231407938752e-04]])),
        Case("a single row [[1., 2., 3.]]", {"x": np.array([[1.0, 2.0, 3.0]])},
             np.array([[0.09003057317038046, 0.24472847105479764, 0.6652409557748218]])),
        Case("a (3, 2) matrix", {"x": np.array([[0.5, -0.5], [2.0, 2.0], [-1.0, 3.0]])},
             np.array([[0.7310585786300049, 0.2689414213699951],
                       [0.5, 0.5],
                       [0.01798620996209156, 0.9820137900379085]])),
    ],
    hints=[
        Hint(
            "your columns sum to 1: softmax here works row by row, so sum along axis=1.",
            lambda got, expected, inputs: np.allclose(np.sum(got, axis=0), 1)
            and not np.allclose(np.sum(got, axis=1), 1),
        ),
        Hint(
            "all your entries together sum to 1: divide each row by its own sum "
            "(np.sum(x_exp, axis=1, keepdims=True)), not by the sum of the whole matrix.",
            lambda got, expected, inputs: np.isclose(np.sum(got), 1) and got.shape[0] > 1,
        ),
        Hint(
            "your values are x divided by the row sums: exponentiate first, x_exp = np.exp(x).",
            lambda got, expected, inputs: _close(
                got, inputs["x"] / np.sum(inputs["x"], axis=1, keepdims=True)),
        ),
        Hint(
            "the row sums must keep their column shape (m, 1) to broadcast: "
            "pass keepdims=True to np.sum.",
            raised="could not be broadcast",
        ),
        Hint(
            "each entry was divided by the sum of another row: the row sums must keep their "
            "column shape (m, 1), so pass keepdims=True to np.sum.",
            lambda got, expected, inputs: _close(
                got, np.exp(inputs["x"]) / np.sum(np.exp(inputs["x"]), axis=1)),
        ),
    ],
)

_YHAT = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
_Y = np.array([1, 0, 0, 1, 1])
_YHAT_2 = np.array([[0.25, 0.75], [1.5, -0.5]])
_Y_2 = np.array([[0.0, 1.0], [1.0, 0.0]])

SUMMED_NOT_MEANED = Hint(
    "your loss is the mean of the terms: the spec's loss is their sum.",
    lambda got, expected, inputs: _close(got, expected / np.size(inputs["y"])),
)

L1 = Exercise(
    "L1",
    "L1(yhat, y)",
    cases=[
        Case("yhat = [.9, .2, .1, .4, .9], y = [1, 0, 0, 1, 1]", {"yhat": _YHAT, "y": _Y}, 1.1),
        Case("2 x 2 arrays", {"yhat": _YHAT_2, "y": _Y_2}, 1.5),
    ],
    hints=[
        Hint(
            "you summed the differences without their absolute values: use np.abs(y - yhat).",
            lambda got, expected, inputs: _close(got, np.sum(inputs["y"] - inputs["yhat"])),
        ),
        SUMMED_NOT_MEANED,
        Hint(
            "you returned one value per entry: add them up with np.sum to get one number.",
            lambda got, expected, inputs: np.shape(got) == np.shape(inputs["y"]),
        ),
    ],
)

L2 = Exercise(
    "L2",
    "L2(yhat, y)",
    cases=[
        Case("yhat = [.9, .2, .1, .4, .9], y = [1, 0, 0, 1, 1]", {"yhat": _YHAT, "y": _Y}, 0.43),
        Case("2 x 2 arrays", {"yhat": _YHAT_2, "y": _Y_2}, 0.625),
    ],
    hints=[
        Hint(
            "your value is the L1 loss: square each difference before adding them up.",
            lambda got, expected, inputs: _close(got, np.sum(np.abs(inputs["y"] - inputs["yhat"]))),
        ),
        Hint(
            "your value is the square root of the answer: L2 here is the plain sum of squares, "
            "with no square root (np.linalg.norm takes one).",
            lambda got, expected, inputs: _close(got, np.sqrt(expected)),
        ),
        SUMMED_NOT_MEANED,
        Hint(
            "your sum is still an array: np.dot of two 2-D arrays is their matrix product, not the "
            "sum of the products of their entries. With d = y - yhat, sum every entry with "
            "np.sum(d * d), or flatten first: np.dot(np.ravel(d), np.ravel(d)).",
            raised="converted to Python scalars",
        ),
        Hint(
            "np.dot multiplies rows by columns when its arguments have two dimensions, so their "
            "shapes must fit a matrix product. For arrays of any shape, with d = y - yhat, use "
            "np.sum(d * d), or flatten first: np.dot(np.ravel(d), np.ravel(d)).",
            raised="not aligned",
        ),
    ],
)

EXERCISES = [basic_sigmoid, sigmoid, sigmoid_derivative, image2vector, normalize_rows, softmax, L1, L2]

check = make_check(EXERCISES, assignment="a1_numpy_basics")
check_all = check.all  # the last cell of the notebook: where the student stands
