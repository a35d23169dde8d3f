"""Self-checks for assignment 5, deep networks on cat pictures (released to students).

Both graded functions train a small network for a few hundred iterations on a handful of made-up
examples. Every expected value below is written out as a number, so this file holds no
solution; the test suite recomputes each one with the reference solution and with an oracle
written independently of it.

A check judges what the function returns, `(parameters, costs)`: the trained parameters and the
list of the costs recorded at iterations 0, 100, 200, ... What it prints is judged on its own
(graders.cases.Printing): the iterations i of its lines "Cost after iteration i: ...", one every
100 iterations from 0 and one at the last iteration when print_cost=True, none otherwise. A right
answer that prints otherwise keeps its points, with a note saying what to change.

Hints recognise the usual wrong answers from these values alone.
"""

from __future__ import annotations

import math
import re

import numpy as np

from graders.cases import Case, Exercise, Hint, Printing, Scalar
from graders.checking import make_check

LN2 = math.log(2)  # the cost of predicting 0.5 for every example

_COST_LINE = re.compile(r"Cost after iteration (\d+)")


def printed_iterations_of(text: str) -> tuple:
    """The iterations i of the lines "Cost after iteration i: ..." in what a model printed."""
    return tuple(int(i) for i in _COST_LINE.findall(text))


# ----------------------------------------------------------------------------------------------
# Hints, as predicates on plain data (the value returned, and the expected one)


def _costs(returned):
    """The costs of a returned (parameters, costs), or of an expected one (Scalars), as floats."""
    return [float(np.squeeze(getattr(c, "value", c))) for c in returned[1]]


def _near_ln2(cost):
    """A first cost this close to ln 2 means an untrained network predicting about 0.5."""
    return abs(cost - LN2) < 1e-3


def _far_from_ln2(cost):
    return abs(cost - LN2) > 1e-2


def _rescaled_first_layer(got, expected, inputs, factor):
    """True when got's W1 is expected's W1 times `factor` (learning_rate = 0 cases only)."""
    return inputs["learning_rate"] == 0 and np.allclose(
        got[0]["W1"], expected[0]["W1"] * factor, rtol=1e-6, atol=1e-12)


ONLY_PARAMETERS = Hint(
    "you returned only the parameters: return both, `return parameters, costs`.",
    lambda got, expected, inputs: isinstance(got, dict),
)
COSTS_NOT_A_LIST = Hint(
    "costs should be a Python list: start from costs = [] and append the cost every 100 "
    "iterations.",
    lambda got, expected, inputs: isinstance(got, tuple)
    and not isinstance(got[1], (list, tuple)),
)
NO_COST_AT_ZERO = Hint(
    "one cost is missing: the first cost recorded is the one at iteration 0, computed before the "
    "first update. Record the cost when i % 100 == 0 (i = 0 included), right after computing it.",
    lambda got, expected, inputs: len(_costs(got)) == len(_costs(expected)) - 1,
)
COST_EVERY_ITERATION = Hint(
    "you recorded the cost at every iteration: keep one every 100 iterations (when i % 100 == 0).",
    lambda got, expected, inputs: len(_costs(got)) == inputs["num_iterations"] > len(_costs(expected)),
)
LEARNING_RATE_IGNORED = Hint(
    "with learning_rate = 0 gradient descent must leave everything where it started, yet your "
    "costs change: pass the argument learning_rate on to update_parameters, not a fixed number.",
    lambda got, expected, inputs: inputs["learning_rate"] == 0 and len(set(_costs(got))) > 1,
)
COST_NEVER_CHANGES = Hint(
    "your cost never changes although learning_rate > 0: every iteration must run the forward "
    "pass on the current parameters, and the backward pass must use the caches of that same "
    "forward pass.",
    lambda got, expected, inputs: inputs["learning_rate"] > 0
    and len(_costs(got)) > 1 and len(set(_costs(got))) == 1,
)
BACKWARD_SHAPES = (
    "the shapes of a backward step do not fit together: each layer's backward call needs the "
    "cache returned by that same layer's forward call, and the dA coming from the layer above it "
    "(the output layer first)."
)
# One hint per error message numpy may give; each has its own id, so that the one that applies is
# shown once (hints that share an id are all shown when one of them applies).
WRONG_CACHE = [Hint(BACKWARD_SHAPES, raised=fragment, id=f"backward-shapes-{name}")
               for name, fragment in (("matmul", "mismatch in its core dimension"), ("dot", "not aligned"),
                                      ("broadcast", "could not be broadcast"))]

TWO_LAYER_INITIALISER = Hint(
    "your starting weights are not the small ones: initialise with "
    "initialize_parameters(n_x, n_h, n_y), which multiplies random weights by 0.01, so that the "
    "untrained network predicts about 0.5 everywhere and the first cost is close to ln 2 = 0.693.",
    lambda got, expected, inputs: (
        (_far_from_ln2(_costs(got)[0]) and _near_ln2(_costs(expected)[0]))
        or _rescaled_first_layer(got, expected, inputs, 100 / math.sqrt(inputs["X"].shape[0]))
    ),
)
DEEP_INITIALISER = Hint(
    "your starting weights are too small: initialise with initialize_parameters_deep(layers_dims), "
    "which divides the weights of layer l by sqrt(n[l-1]). With weights of 0.01 a deep network "
    "starts out predicting 0.5 everywhere (a first cost of ln 2 = 0.693) and barely learns.",
    lambda got, expected, inputs: (
        (_near_ln2(_costs(got)[0]) and _far_from_ln2(_costs(expected)[0]))
        or _rescaled_first_layer(got, expected, inputs, 0.01 * math.sqrt(inputs["X"].shape[0]))
    ),
)


COMMON = [ONLY_PARAMETERS, COSTS_NOT_A_LIST, NO_COST_AT_ZERO, COST_EVERY_ITERATION,
          LEARNING_RATE_IGNORED, COST_NEVER_CHANGES, *WRONG_CACHE]

# What both models print, read as the iterations of their cost lines (the costs printed are not
# compared: the returned list holds them).
COST_LINES = Printing(printed_iterations_of, "the iterations of the cost lines it printed", notes=[
    Hint("with print_cost=True a model prints one line \"Cost after iteration i: ...\" every 100 "
         "iterations, from i = 0, and one at the last iteration (i = num_iterations - 1); with "
         "print_cost=False nothing.",
         lambda got, expected, inputs: True),
    Hint("you printed costs although print_cost=False: print only when print_cost is True (with "
         "`print_cost and i % 100 == 0 or ...`, Python reads the `and` first: put the `or` in "
         "parentheses).",
         lambda got, expected, inputs: not inputs["print_cost"] and len(got) > 0),
    Hint("the last iteration is missing: also print when i == num_iterations - 1.",
         lambda got, expected, inputs: inputs["print_cost"] and got == expected[:-1]),
    Hint("nothing was printed although print_cost=True: print "
         "f\"Cost after iteration {i}: {cost}\" when print_cost is True.",
         lambda got, expected, inputs: inputs["print_cost"] and len(got) == 0),
])


# ----------------------------------------------------------------------------------------------
# The cases: four or five made-up examples, a few hundred iterations

_X1 = np.array([[1.2, -0.4, 0.7, -1.5], [0.3, 2.1, -0.8, 0.5], [-1.1, 0.6, 1.9, -0.2]])
_Y1 = np.array([[1, 0, 1, 0]])
_X2 = np.array([[0.5, -1.3, 2.2, 0.1, -0.7], [1.6, 0.4, -0.9, -2.0, 1.1]])
_Y2 = np.array([[0, 1, 1, 0, 1]])
_X3 = np.array([[0.9, -0.3, 1.4, -1.2, 0.2], [-0.6, 1.8, 0.3, 0.7, -1.6],
                [1.1, 0.4, -2.1, 0.8, 0.5], [-0.2, -1.0, 0.6, 1.5, -0.9]])
_Y3 = np.array([[1, 0, 0, 1, 1]])


def _inputs(X, Y, layers_dims, learning_rate, num_iterations, print_cost=False):
    return {"X": X, "Y": Y, "layers_dims": layers_dims, "learning_rate": learning_rate,
            "num_iterations": num_iterations, "print_cost": print_cost}


def printed_iterations(num_iterations, print_cost):
    """The iterations whose cost a model prints: every 100th from 0, and the last one."""
    if not print_cost:
        return ()
    return tuple(sorted(set(range(0, num_iterations, 100)) | {num_iterations - 1}))


def model_case(label, inputs, parameters, costs, **tolerances):
    """A case: a right answer returns (parameters, costs) and prints the iterations of its cost lines."""
    return Case(label, inputs, (parameters, [Scalar(c) for c in costs]),
                printed=printed_iterations(inputs["num_iterations"], inputs["print_cost"]), **tolerances)




SIGNATURE = "{}(X, Y, layers_dims, learning_rate, num_iterations, print_cost)"

two_layer_model = Exercise(
    "two_layer_model",
    SIGNATURE.format("two_layer_model"),
    cases=[
        # GENERATED: two_layer_model
        model_case("learning_rate = 0: training must leave the starting parameters as they are",
                   _inputs(_X1, _Y1, (3, 2, 1), 0.0, 101),
                   {
                       "W1": np.array([[0.01624345363663242, -0.006117564136500754, -0.005281717522634557],
                                       [-0.010729686221561705, 0.008654076293246785, -0.02301538696880283]]),
                       "b1": np.array([[0.0],
                                       [0.0]]),
                       "W2": np.array([[0.0174481176421648, -0.007612069008951028]]),
                       "b2": np.array([[0.0]]),
                   },
                   [0.6930646782887995, 0.6930646782887995]),
        model_case("X of shape (3, 4), layers_dims (3, 2, 1), print_cost=True",
                   _inputs(_X1, _Y1, (3, 2, 1), 0.9, 250, True),
                   {
                       "W1": np.array([[1.6024782656058825, -0.44581669584484146, 0.17568837593068043],
                                       [-1.3312954015915632, 1.2487213269183788, 0.147863201365589]]),
                       "b1": np.array([[1.4716448462486484],
                                       [1.0948778478547885]]),
                       "W2": np.array([[2.225699382169995, -2.131315441161691]]),
                       "b2": np.array([[0.4507261370933074]]),
                   },
                   [0.6930646782887995, 0.0015962619402494212, 0.0006230959784504478]),
        model_case("X of shape (2, 5), layers_dims (2, 3, 1), print_cost=True",
                   _inputs(_X2, _Y2, (2, 3, 1), 1.5, 201, True),
                   {
                       "W1": np.array([[1.5937999503008426, -0.7639613103726846],
                                       [-0.7537711635308012, -2.0800387034071117],
                                       [-0.22489432706010576, -0.6621749712976375]]),
                       "b1": np.array([[-0.7183506419735378],
                                       [-0.2117588147527937],
                                       [-0.10182737647218199]]),
                       "W2": np.array([[1.7178351505821765, -2.1464002669723463, -0.68229299503111]]),
                       "b2": np.array([[0.6932987701986963]]),
                   },
                   [0.6930877291672503, 0.38277206779228345, 0.38239762164918]),
    ],
    hints=[TWO_LAYER_INITIALISER, *COMMON],
    printing=COST_LINES,
)

L_layer_model = Exercise(
    "L_layer_model",
    SIGNATURE.format("L_layer_model"),
    cases=[
        # GENERATED: L_layer_model
        model_case("learning_rate = 0: training must leave the starting parameters as they are",
                   _inputs(_X1, _Y1, [3, 4, 2, 1], 0.0, 101),
                   {
                       "W1": np.array([[0.9378162329678932, -0.35319773009935107, -0.3049401033476625],
                                       [-0.6194787228338869, 0.49964332774935905, -1.3287939861941718],
                                       [1.0073675417556107, -0.4394830091407884, 0.18419730799058073],
                                       [-0.14397405340980077, 0.8441484110372043, -1.1894227931969772]]),
                       "b1": np.array([[0.0],
                                       [0.0],
                                       [0.0],
                                       [0.0]]),
                       "W2": np.array([[-0.16120860200675374, -0.19202717733420782, 0.5668847211677187, -0.5499456336570154],
                                       [-0.08621410377521788, -0.4389292089606859, 0.021106873357796416, 0.2914076068579111]]),
                       "b2": np.array([[0.0],
                                       [0.0]]),
                       "W3": np.array([[-0.778255283711215, 0.8094418978126129]]),
                       "b3": np.array([[0.0]]),
                   },
                   [0.7862533880299635, 0.7862533880299635]),
        model_case("two layers: X of shape (3, 4), layers_dims [3, 2, 1], print_cost=True",
                   _inputs(_X1, _Y1, [3, 2, 1], 0.7, 250, True),
                   {
                       "W1": np.array([[1.9592900161850872, -0.6274926554539833, 0.13945532360473026],
                                       [-1.5938668354378467, 1.542253695839833, -0.8402659442920373]]),
                       "b1": np.array([[1.0775800206976314],
                                       [0.5254422287945432]]),
                       "W2": np.array([[2.400209218828642, -1.936971137333591]]),
                       "b2": np.array([[-0.1357171052005079]]),
                   },
                   [0.4259345299428998, 0.0015853626267532436, 0.0007005121232737332]),
        model_case("four layers: X of shape (4, 5), layers_dims [4, 3, 3, 2, 1], print_cost=True",
                   _inputs(_X3, _Y3, [4, 3, 3, 2, 1], 0.4, 201, True),
                   {
                       "W1": np.array([[1.2808133074406995, -0.17353958677899944, -0.9159304360309516, -0.3200416055151443],
                                       [0.4734666782203205, -1.1544901870662496, 0.9181404076223744, -0.3759801290531179],
                                       [-0.04669317869074518, 0.5349832057794577, 0.7907571069985888, -1.4500709192263064]]),
                       "b1": np.array([[0.3162661971029941],
                                       [0.032854129239588775],
                                       [0.3344322778849907]]),
                       "W2": np.array([[-0.30760940230661016, -0.5689512388392304, 1.3025922540372845],
                                       [-0.6350225192630744, -0.09955147204512875, -0.5068317938972831],
                                       [1.2476964661590217, 0.011939446311110768, -0.7826377021901036]]),
                       "b2": np.array([[-0.0013316434260781831],
                                       [0.0],
                                       [0.03663921427726521]]),
                       "W3": np.array([[1.3032719920093323, 0.5205336452331192, 1.3067048461019706],
                                       [0.7534749159968099, -0.39475046354674775, -0.07174473121043669]]),
                       "b3": np.array([[-0.05315848637392797],
                                       [-0.011819864731765205]]),
                       "W4": np.array([[-1.8113878208280023, -0.5779398647952175]]),
                       "b4": np.array([[3.6979332069616535]]),
                   },
                   [0.68164681495938, 0.03438274647678589, 0.015003274480844885]),
    ],
    hints=[DEEP_INITIALISER, *COMMON],
    printing=COST_LINES,
)


EXERCISES = [two_layer_model, L_layer_model]

check = make_check(EXERCISES, assignment="a5_deep_nn_application")
check_all = check.all  # the last cell of the notebook: where the student stands
