"""Typical wrong answers to assignment 5, deep networks on cat pictures.

Each source is a whole graded cell, as a student might write it with the building blocks of
deep_blocks.py (imported at the top of the notebook).
"""

from instructor.mistakes import PrintingSlip, WrongVersion as W

_TWO_LAYER_DEF = '''
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    costs = []
    (n_x, n_h, n_y) = layers_dims
'''

_TWO_LAYER_STEP = '''
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
'''

_PRINT_AND_RECORD = '''
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {float(cost)}")
        if i % 100 == 0:
            costs.append(float(cost))
'''


def _two_layer(init="parameters = initialize_parameters(n_x, n_h, n_y)",
               step=_TWO_LAYER_STEP,
               update="parameters = update_parameters(parameters, grads, learning_rate)",
               record=_PRINT_AND_RECORD, result="parameters, costs"):
    """A two_layer_model cell, right except for the part passed in."""
    return (_TWO_LAYER_DEF + f"    {init}\n    for i in range(num_iterations):"
            + step.rstrip() + f"\n        {update}" + record.rstrip() + f"\n    return {result}\n")


_L_LAYER_DEF = '''
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    costs = []
'''

_L_LAYER_STEP = '''
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
'''


def _l_layer(init="parameters = initialize_parameters_deep(layers_dims)", step=_L_LAYER_STEP,
             update="parameters = update_parameters(parameters, grads, learning_rate)",
             record=_PRINT_AND_RECORD, result="parameters, costs"):
    """An L_layer_model cell, right except for the part passed in."""
    return (_L_LAYER_DEF + f"    {init}\n    for i in range(num_iterations):"
            + step.rstrip() + f"\n        {update}" + record.rstrip() + f"\n    return {result}\n")


WRONG_VERSIONS = [
    W("two_layer_model", "the deep initialiser (1/sqrt(n) scaling) instead of the 0.01 one",
      _two_layer(init="parameters = initialize_parameters_deep(layers_dims)"),
      "initialize_parameters(n_x, n_h, n_y)"),
    W("two_layer_model", "cost recorded after the update, at iterations 99, 199, ...",
      _two_layer(record='''
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {float(cost)}")
        if (i + 1) % 100 == 0:
            costs.append(float(cost))
'''), "the first cost recorded is the one at iteration 0"),
    W("two_layer_model", "returns only the parameters",
      _two_layer(result="parameters"), "you returned only the parameters"),
    W("two_layer_model", "the learning rate ignored (a fixed 0.0075)",
      _two_layer(update="parameters = update_parameters(parameters, grads, 0.0075)"),
      "pass the argument learning_rate on to update_parameters"),
    W("two_layer_model", "the two layers' caches swapped in the backward pass",
      _two_layer(step='''
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache1, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache2, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
'''), "needs the cache returned by that same layer's forward call"),
    W("L_layer_model", "weights initialised at randn * 0.01 instead of randn / sqrt(n[l-1])",
      _l_layer(init='''parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))'''),
      "initialize_parameters_deep(layers_dims)"),
    W("L_layer_model", "no cost recorded at iteration 0",
      _l_layer(record='''
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {float(cost)}")
        if i % 100 == 0 and i > 0:
            costs.append(float(cost))
'''), "the first cost recorded is the one at iteration 0"),
    W("L_layer_model", "returns only the parameters",
      _l_layer(result="parameters"), "you returned only the parameters"),
    W("L_layer_model", "the learning rate ignored (a fixed 0.0075)",
      _l_layer(update="parameters = update_parameters(parameters, grads, 0.0075)"),
      "pass the argument learning_rate on to update_parameters"),
    W("L_layer_model", "the forward pass run once, before the loop: stale caches",
      _l_layer(init='''parameters = initialize_parameters_deep(layers_dims)
    AL, caches = L_model_forward(X, parameters)''', step='''
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
'''), "the backward pass must use the caches of that same forward pass"),
]

# Right parameters and costs, printed otherwise: these keep their points, with a note.
_PRECEDENCE_SLIP = '''
        if print_cost and i % 100 == 0 or i == num_iterations - 1:
            print(f"Cost after iteration {i}: {float(cost)}")
        if i % 100 == 0:
            costs.append(float(cost))
'''

PRINTING_SLIPS = [
    PrintingSlip("two_layer_model", "never prints the cost",
                 _two_layer(record='''
        if i % 100 == 0:
            costs.append(float(cost))
'''), "nothing was printed although print_cost=True"),
    PrintingSlip("L_layer_model", "the last iteration's cost not printed",
                 _l_layer(record='''
        if print_cost and i % 100 == 0:
            print(f"Cost after iteration {i}: {float(cost)}")
        if i % 100 == 0:
            costs.append(float(cost))
'''), "also print when i == num_iterations - 1"),
    PrintingSlip("two_layer_model", "the last cost printed even when print_cost is False (and before or)",
                 _two_layer(record=_PRECEDENCE_SLIP), "put the `or` in parentheses"),
    PrintingSlip("L_layer_model", "the last cost printed even when print_cost is False (and before or)",
                 _l_layer(record=_PRECEDENCE_SLIP), "put the `or` in parentheses"),
]

# The demo's "mistakes" student gets the first wrong version of two_layer_model; L_layer_model
# does not call it, so only two_layer_model loses its points.
IN_SAMPLE = ("two_layer_model",)

# The demo's "crashes" and "hangs" students sabotage L_layer_model, which nothing else calls.
ISOLATED_FUNCTION = "L_layer_model"
