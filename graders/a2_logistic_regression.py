"""Self-checks for assignment 2, logistic regression (released to students).

Every expected value below is written out as a number, so this file holds no solution; the test
suite recomputes each one with an independent oracle and with the reference solution. Hints
recognise the usual wrong answers from the returned values alone.

The checks of `optimize` and `model` judge what the function returns; what it prints is judged on
its own (graders.cases.Printing): with print_cost=True it prints each recorded cost, otherwise
nothing, and a right answer that prints otherwise keeps its points with a note.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.special import expit, xlogy

from graders.cases import Case, Exercise, Hint, Printing, Scalar, printed_costs
from graders.checking import make_check

LOG_2 = math.log(2)  # the cost of any data set when w and b are zero


def _value(x) -> float:
    """A plain float from a number, a 0-d array or a Scalar."""
    return float(getattr(x, "value", x))


def _close(a, b) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-6, atol=1e-9))


def _same_number(a, b) -> bool:
    return bool(np.isclose(_value(a), _value(b), rtol=1e-6, atol=1e-9))


# ----------------------------------------------------------------------------------------------
# sigmoid

sigmoid = Exercise(
    "sigmoid",
    "sigmoid(z)",
    cases=[
        Case("z = np.array([0, 2])", {"z": np.array([0, 2])}, np.array([0.5, 0.8807970779778823])),
        Case("a (2, 3) matrix", {"z": np.array([[-1.0, 0.5, 3.0], [-2.5, 1.0, 0.0]])},
             np.array([[0.2689414213699951, 0.6224593312018546, 0.9525741268224334],
                       [0.07585818002124355, 0.7310585786300049, 0.5]])),
        Case("the number z = -1.5", {"z": -1.5}, Scalar(0.18242552380635635)),
    ],
    hints=[
        Hint(
            "your values equal 1 - sigmoid(z): check the sign in the exponent, e^(-z).",
            lambda got, expected, inputs: _close(got, 1 - np.asarray(expected)),
        ),
        Hint(
            "your values equal 1 + e^(-z): the sigmoid is one divided by that.",
            lambda got, expected, inputs: _close(got, 1 / np.asarray(expected)),
        ),
        Hint(
            "math.exp only takes one number; np.exp applies to every entry of an array.",
            raised="converted to Python scalars",
        ),
    ],
)

# ----------------------------------------------------------------------------------------------
# initialize_with_zeros

initialize_with_zeros = Exercise(
    "initialize_with_zeros",
    "initialize_with_zeros(dim)",
    cases=[
        Case("dim = 2", {"dim": 2}, (np.array([[0.0], [0.0]]), 0.0)),
        Case("dim = 5", {"dim": 5}, (np.array([[0.0], [0.0], [0.0], [0.0], [0.0]]), 0.0)),
        Case("dim = 1", {"dim": 1}, (np.array([[0.0]]), 0.0)),
    ],
    hints=[
        Hint(
            "b = 0 is an int: write b = 0.0, the Python float.",
            lambda got, expected, inputs: type(got[1]) is int,
        ),
        Hint(
            "b should be the Python float 0.0, not a numpy array or numpy number: the bias is one "
            "plain number.",
            lambda got, expected, inputs: isinstance(got[1], (np.ndarray, np.generic)),
        ),
        Hint(
            "w is a flat (dim,) array: give np.zeros the shape as a tuple with the trailing 1, "
            "np.zeros((dim, 1)).",
            lambda got, expected, inputs: got[0].shape == (inputs["dim"],),
        ),
        Hint(
            "w is a row (1, dim): it should be a column of shape (dim, 1).",
            lambda got, expected, inputs: got[0].shape == (1, inputs["dim"]) and inputs["dim"] > 1,
        ),
        Hint(
            "w holds integers: leave out dtype=int, np.zeros gives float zeros by default.",
            lambda got, expected, inputs: got[0].dtype.kind in "iub",
        ),
    ],
)

# ----------------------------------------------------------------------------------------------
# propagate


def _cost_without_bias(inputs) -> float:
    """The cross-entropy cost when the bias is left out of the activation (a typical mistake)."""
    A = expit(np.dot(inputs["w"].T, inputs["X"]))
    Y = inputs["Y"]
    return float(-np.mean(xlogy(Y, A) + xlogy(1 - Y, 1 - A)))


def _grads(got):
    return got[0]["dw"], got[0]["db"]


propagate = Exercise(
    "propagate",
    "propagate(w, b, X, Y)",
    cases=[
        Case("2 features, 3 examples",
             {"w": np.array([[0.5], [-1.0]]), "b": 1.5,
              "X": np.array([[1.0, -2.0, 0.5], [3.0, 0.5, -1.0]]), "Y": np.array([[1, 0, 1]])},
             ({"dw": np.array([[-0.5870339679056695], [-0.6276963619053357]]),
               "db": Scalar(-0.0970484096013375)},
              Scalar(0.6894588190271222))),
        Case("3 features, 4 examples, float labels",
             {"w": np.array([[0.2], [-0.3], [0.1]]), "b": -0.25,
              "X": np.array([[1.0, 2.0, -1.0, 0.5], [0.0, -1.5, 2.0, 1.0], [3.0, 1.0, -0.5, -2.0]]),
              "Y": np.array([[0.0, 1.0, 1.0, 0.0]])},
             ({"dw": np.array([[0.20507672987012465], [-0.16495308302899586], [0.26096706324252916]]),
               "db": Scalar(-0.04422657380366307)},
              Scalar(0.7591290323956119))),
        Case("zero parameters: every probability is 0.5 and the cost is log 2",
             {"w": np.zeros((2, 1)), "b": 0.0,
              "X": np.array([[1.0, -1.0], [2.0, 0.5]]), "Y": np.array([[1, 0]])},
             ({"dw": np.array([[-0.5], [-0.375]]), "db": Scalar(0.0)}, Scalar(0.6931471805599453))),
    ],
    hints=[
        Hint(
            "your cost or gradients are m times too large: the cost and both gradients are means "
            "over the m examples, so divide the sums by m = X.shape[1].",
            lambda got, expected, inputs: (
                _same_number(got[1], inputs["X"].shape[1] * _value(expected[1]))
                or _close(_grads(got)[0], inputs["X"].shape[1] * expected[0]["dw"])),
        ),
        Hint(
            "your cost is the one you get with the bias left out: the activation is "
            "A = sigmoid(w^T X + b), with b inside the sigmoid.",
            lambda got, expected, inputs: _value(inputs["b"]) != 0
            and _same_number(got[1], _cost_without_bias(inputs)),
        ),
        Hint(
            "your cost is negative: the logarithms of probabilities are negative, so the cost "
            "has a minus sign in front of the sum.",
            lambda got, expected, inputs: _same_number(got[1], -_value(expected[1])),
        ),
        Hint(
            "dw must have the shape of w, (n_x, 1): compute X (A - Y)^T, i.e. np.dot(X, (A - Y).T), "
            "not (A - Y) X^T.",
            lambda got, expected, inputs: np.shape(_grads(got)[0]) == expected[0]["dw"].shape[::-1],
        ),
        Hint(
            "your gradients have the wrong sign: they use A - Y (the prediction minus the label), "
            "not Y - A.",
            lambda got, expected, inputs: _close(_grads(got)[0], -expected[0]["dw"])
            and _same_number(_grads(got)[1], -_value(expected[0]["db"])),
        ),
        Hint(
            "db is one number: sum over all the entries with np.sum(A - Y), without axis or "
            "keepdims, and divide by m.",
            lambda got, expected, inputs: isinstance(_grads(got)[1], np.ndarray) and _grads(got)[1].ndim > 0,
        ),
    ],
)

# ----------------------------------------------------------------------------------------------
# optimize and model: what they return, and the costs they print


def printed_training(costs, print_cost: bool) -> tuple:
    """The (iteration, cost) pairs a right answer prints: every recorded cost with print_cost=True,
    nothing otherwise."""
    return tuple((100 * i, float(c)) for i, c in enumerate(costs)) if print_cost else ()


PRINTED_ATOL = 1e-6  # a printed cost has six decimals: compare with this absolute tolerance

PRINTS_ONLY_WHEN_ASKED = Hint(
    "print the costs only when print_cost is True.",
    lambda got, expected, inputs: got and not expected,
)
COSTS_PRINTED_ROUGHLY = Hint(
    "the iterations are right but the printed costs are not the ones recorded: print each with "
    "six decimals or more, e.g. {float(cost):f}.",
    lambda got, expected, inputs: len(got) == len(expected) > 0
    and [pair[0] for pair in got] == [pair[0] for pair in expected],
)


def _training_printing(not_printed: str) -> Printing:
    """The cost lines of optimize or model: `not_printed` is the note when nothing was printed."""
    return Printing(printed_costs, "the (iteration, cost) pairs it printed", notes=[
        Hint(not_printed, lambda got, expected, inputs: expected and not got),
        PRINTS_ONLY_WHEN_ASKED,
        COSTS_PRINTED_ROUGHLY,
    ], atol=PRINTED_ATOL)


def _optimize_case(label, inputs, w, b, dw, db, costs):
    returned = ({"w": np.array(w).reshape(-1, 1), "b": Scalar(b)},
                {"dw": np.array(dw).reshape(-1, 1), "db": Scalar(db)},
                [Scalar(c) for c in costs])
    return Case(label, inputs, returned, printed=printed_training(costs, bool(inputs.get("print_cost"))))


optimize = Exercise(
    "optimize",
    "optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False)",
    cases=[
        _optimize_case(
            "2 features, 4 examples, the default num_iterations and learning_rate",
            {"w": np.array([[0.25], [-0.5]]), "b": 0.5,
             "X": np.array([[1.0, -1.5, 2.0, 0.5], [0.5, 1.0, -1.0, 2.0]]), "Y": np.array([[1, 0, 1, 0]])},
            w=[0.4690976299208169, -0.7270729653892025], b=0.4585151673143352,
            dw=[-0.20774855833961717, 0.20988824198566697], db=0.031112644296494574,
            costs=[0.4304341976106349]),
        _optimize_case(
            "3 features, 5 examples, num_iterations=300, learning_rate=0.1",
            {"w": np.array([[0.1], [0.0], [-0.2]]), "b": -0.1,
             "X": np.array([[0.5, 1.0, -1.0, 2.0, 0.0], [1.5, -0.5, 0.5, 1.0, -1.0],
                            [-1.0, 0.5, 2.0, 0.0, 1.0]]),
             "Y": np.array([[1, 1, 0, 1, 0]]), "num_iterations": 300, "learning_rate": 0.1},
            w=[2.50724789352742, 0.9504033259392762, -1.545762881499196], b=0.5029369723105998,
            dw=[-0.03283508365898419, -0.011319870761809176, 0.015026178958168584],
            db=-0.0054563888301217165,
            costs=[0.6003187125782175, 0.12529047131100204, 0.08098655952242143]),
        _optimize_case(
            "2 features, 3 examples, num_iterations=200, learning_rate=0.05, print_cost=True: the "
            "check also reads the (iteration, cost) pairs it prints",
            {"w": np.array([[0.0], [0.3]]), "b": 0.2,
             "X": np.array([[2.0, -1.0, 0.5], [-0.5, 1.5, 1.0]]), "Y": np.array([[0, 1, 1]]),
             "num_iterations": 200, "learning_rate": 0.05, "print_cost": True},
            w=[-1.063926860117783, 1.7180772040150023], b=0.5969635077651587,
            dw=[0.036894792102324124, -0.06934838880204812], db=-0.024824092897326084,
            costs=[0.5375306559653693, 0.14276611963942107]),
    ],
    hints=[
        Hint(
            "you recorded the wrong number of costs: loop for num_iterations steps and record the "
            "cost only when i % 100 == 0 (iterations 0, 100, 200, ...), so num_iterations=300 "
            "gives 3 costs.",
            lambda got, expected, inputs: len(got[2]) != len(expected[2]),
        ),
        Hint(
            "you recorded as many costs as expected, but not the right ones: the first is the "
            "cost of iteration 0, returned by propagate before any update, then those of "
            "iterations 100, 200, ...",
            lambda got, expected, inputs: len(got[2]) == len(expected[2])
            and not _same_number(got[2][0], expected[2][0]),
        ),
        Hint(
            "costs should be a Python list: start with costs = [] and append each recorded cost.",
            lambda got, expected, inputs: not isinstance(got[2], list),
        ),
        Hint(
            "b never changed: update it at every step too, b = b - learning_rate * db.",
            lambda got, expected, inputs: _value(got[0]["b"]) == _value(inputs["b"]),
        ),
        Hint(
            "your first recorded cost is right but the trained parameters are not: each step is "
            "w = w - learning_rate * dw and b = b - learning_rate * db, with a minus sign and with "
            "the learning_rate argument (not a number of your own).",
            lambda got, expected, inputs: len(got[2]) == len(expected[2])
            and _same_number(got[2][0], expected[2][0])
            and not _close(got[0]["w"], expected[0]["w"]),
        ),
        Hint(
            "your parameters and costs are right but the gradients are not: return the gradients "
            "of the last iteration, those propagate computed at its start, before its update.",
            lambda got, expected, inputs: _close(got[0]["w"], expected[0]["w"])
            and not _close(got[1]["dw"], expected[1]["dw"]),
        ),
    ],
    printing=_training_printing(
        "with print_cost=True, print each recorded cost on a line of its own, e.g. "
        "print(f\"Cost after iteration {i}: {float(cost):f}\")."),
)

# ----------------------------------------------------------------------------------------------
# predict

predict = Exercise(
    "predict",
    "predict(w, b, X)",
    cases=[
        Case("2 features, 5 examples; the first has a probability of exactly 0.5",
             {"w": np.array([[1.0], [-0.5]]), "b": 0.25,
              "X": np.array([[-0.25, 0.1, -0.1, 2.0, 0.5], [0.0, 0.0, 0.0, 1.0, 2.0]])},
             np.array([[0.0, 1.0, 1.0, 1.0, 0.0]])),
        Case("3 features, 4 examples",
             {"w": np.array([[0.3], [-0.2], [0.5]]), "b": 0.1,
              "X": np.array([[1.0, -2.0, 0.5, 0.0], [2.0, 1.0, -1.0, 3.0], [-0.5, 0.5, 0.2, -0.4]])},
             np.array([[0.0, 0.0, 1.0, 0.0]])),
        Case("2 features, 3 examples, b = 0",
             {"w": np.array([[2.0], [-1.0]]), "b": 0.0,
              "X": np.array([[0.0, 1.0, -0.1], [0.0, 2.5, -0.5]])},
             np.array([[0.0, 0.0, 1.0]])),
    ],
    hints=[
        Hint(
            "you compared the score z = w^T X + b with 0.5: the threshold applies to the "
            "probability A = sigmoid(z).",
            lambda got, expected, inputs: _close(
                got, (np.dot(inputs["w"].T, inputs["X"]) + inputs["b"] > 0.5).astype(float)),
        ),
        Hint(
            "your predictions are those of a model without its bias: use "
            "A = sigmoid(w^T X + b), with b.",
            lambda got, expected, inputs: _value(inputs["b"]) != 0
            and _close(got, (np.dot(inputs["w"].T, inputs["X"]) > 0).astype(float)),
        ),
        Hint(
            "a probability of exactly 0.5 should give 0: predict 1 only when A > 0.5 (strictly).",
            lambda got, expected, inputs: _close(
                got, (np.dot(inputs["w"].T, inputs["X"]) + inputs["b"] >= 0).astype(float)),
        ),
        Hint(
            "your labels are the wrong way round: 1 (cat) where the probability is above 0.5.",
            lambda got, expected, inputs: _close(got, 1 - expected) or _close(
                got, (np.dot(inputs["w"].T, inputs["X"]) + inputs["b"] < 0).astype(float)),
        ),
        Hint(
            "return the labels as floats 0. and 1.: turn the boolean result of the comparison "
            "into floats with .astype(float).",
            lambda got, expected, inputs: got.dtype.kind in "biu",
        ),
        Hint(
            "you returned probabilities: turn each one into a label, 1. above 0.5 and 0. otherwise.",
            lambda got, expected, inputs: got.shape == expected.shape
            and not np.all(np.isin(got, (0.0, 1.0))),
        ),
        Hint(
            "return a row of shape (1, m), the shape of A: no reshaping or flattening is needed.",
            lambda got, expected, inputs: np.shape(got) != expected.shape and np.size(got) == expected.size,
        ),
    ],
)

# ----------------------------------------------------------------------------------------------
# model


def _model_case(label, inputs, costs, test, train, w, b, learning_rate, num_iterations):
    returned = {
        "costs": [Scalar(c) for c in costs],
        "Y_prediction_test": np.array([test]),
        "Y_prediction_train": np.array([train]),
        "w": np.array(w).reshape(-1, 1),
        "b": Scalar(b),
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }
    return Case(label, inputs, returned, printed=printed_training(costs, bool(inputs.get("print_cost"))))


def _model_costs(returned):
    return returned["costs"]


model = Exercise(
    "model",
    "model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False)",
    cases=[
        _model_case(
            "2 features, 6 training and 3 test examples, num_iterations=300, learning_rate=0.1",
            {"X_train": np.array([[1.0, -0.5, 2.0, 0.0, -1.5, 0.5], [0.5, 1.0, -1.0, 2.0, 0.0, -0.5]]),
             "Y_train": np.array([[1, 0, 1, 0, 0, 1]]),
             "X_test": np.array([[0.5, -1.0, 1.5], [1.0, 0.5, -0.5]]), "Y_test": np.array([[1, 0, 1]]),
             "num_iterations": 300, "learning_rate": 0.1},
            costs=[0.6931471805599453, 0.12743707617139846, 0.07134282801050544],
            test=[0.0, 0.0, 1.0], train=[1.0, 0.0, 1.0, 0.0, 0.0, 1.0],
            w=[2.7473461160520283, -1.7862022411152696], b=0.35429533611079017,
            learning_rate=0.1, num_iterations=300),
        _model_case(
            "3 features, 5 training and 4 test examples, num_iterations=200, learning_rate=0.01, "
            "print_cost=True: the check also reads the costs it prints",
            {"X_train": np.array([[0.2, 1.0, -0.5, 1.5, -1.0], [1.0, 0.0, 0.5, -1.0, 0.5],
                                  [-0.5, 0.5, 1.0, 0.0, 2.0]]),
             "Y_train": np.array([[0, 1, 0, 1, 1]]),
             "X_test": np.array([[1.0, -1.0, 0.0, 0.5], [0.0, 1.0, -0.5, 0.5], [0.5, 0.5, 1.0, -1.0]]),
             "Y_test": np.array([[1, 0, 0, 1]]),
             "num_iterations": 200, "learning_rate": 0.01, "print_cost": True},
            costs=[0.6931471805599453, 0.5938914085715876],
            test=[1.0, 0.0, 1.0, 0.0], train=[0.0, 1.0, 1.0, 1.0, 1.0],
            w=[0.28468299667260266, -0.349376933956238, 0.33321015317018265], b=0.11447409262877757,
            learning_rate=0.01, num_iterations=200),
        _model_case(
            "2 features, 5 training and 2 test examples, the default num_iterations (2000) and "
            "learning_rate (0.5)",
            {"X_train": np.array([[1.0, -1.0, 0.5, -0.5, 2.0], [0.5, 0.0, -1.0, 1.0, -0.5]]),
             "Y_train": np.array([[1, 0, 0, 1, 1]]),
             "X_test": np.array([[0.0, 1.5], [1.0, -1.0]]), "Y_test": np.array([[1, 1]])},
            costs=[0.6931471805599453, 0.05844481669084319, 0.029570833064445544, 0.019762213261722852,
                   0.014837925345439675, 0.011879038485801708, 0.00990504379959504, 0.008494424399511015,
                   0.007436109839685193, 0.006612745625701523, 0.005953886281357921, 0.0054146895935799425,
                   0.004965254637067339, 0.004584877587050984, 0.0042587681441920685, 0.003976078902681113,
                   0.003728673488881186, 0.003510329371042513, 0.003316206345875994, 0.0031424828420604533],
            test=[1.0, 0.0], train=[1.0, 0.0, 0.0, 1.0, 1.0],
            w=[5.214879477474331, 8.108811902144728], b=-0.2255368527870393,
            learning_rate=0.5, num_iterations=2000),
    ],
    hints=[
        Hint(
            "the first recorded cost should be log 2 = 0.693147, the cost of zero parameters: "
            "start from w, b = initialize_with_zeros(X_train.shape[0]).",
            lambda got, expected, inputs: not _same_number(_model_costs(got)[0], LOG_2),
        ),
        Hint(
            "you recorded the wrong number of costs: pass num_iterations on to optimize (its own "
            "default is 100).",
            lambda got, expected, inputs: len(_model_costs(got)) != len(_model_costs(expected)),
        ),
        Hint(
            "your first cost is right but the later ones are not: pass learning_rate on to "
            "optimize (its own default is 0.009).",
            lambda got, expected, inputs: len(_model_costs(got)) == len(_model_costs(expected)) > 1
            and _same_number(_model_costs(got)[0], _model_costs(expected)[0])
            and not _same_number(_model_costs(got)[1], _model_costs(expected)[1]),
        ),
        Hint(
            "the predictions are swapped: Y_prediction_test comes from X_test and "
            "Y_prediction_train from X_train.",
            lambda got, expected, inputs: (
                np.shape(got["Y_prediction_test"]) == expected["Y_prediction_train"].shape
                or np.shape(got["Y_prediction_train"]) == expected["Y_prediction_test"].shape),
        ),
        Hint(
            "optimize's arguments are (w, b, X, Y, num_iterations, learning_rate, print_cost), in "
            "that order: pass them by name to be safe, e.g. learning_rate=learning_rate.",
            raised="'float' object cannot be interpreted as an integer",
        ),
    ],
    printing=_training_printing(
        "nothing was printed with print_cost=True: pass print_cost on to optimize, which prints "
        "the costs."),
)

EXERCISES = [sigmoid, initialize_with_zeros, propagate, optimize, predict, model]

check = make_check(EXERCISES, assignment="a2_logistic_regression")
check_all = check.all  # the last cell of the notebook: where the student stands
