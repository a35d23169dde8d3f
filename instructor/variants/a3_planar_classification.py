"""Correct answers to assignment 3, a network with one hidden layer, written another way than the
reference.

The nn_model variants train with other (equally right) formulas for the averages, tanh's slope and
the sigmoid, so that their rounding differs from the reference's: gradient descent with a rate of
1.2 could amplify such differences until they show, and on the points the checks train on it must
not.
"""

from instructor.variants import CorrectVersion as V

VARIANTS = [
    # layer_sizes --------------------------------------------------------------------------------
    V("layer_sizes", "len() of the arrays", """
def layer_sizes(X, Y):
    n_x = len(X)
    n_h = 4
    n_y = len(Y)
    return (n_x, n_h, n_y)
"""),
    V("layer_sizes", "one tuple assignment with np.shape", """
def layer_sizes(X, Y):
    (n_x, _), n_h, (n_y, _) = np.shape(X), 4, np.shape(Y)
    return (n_x, n_h, n_y)
"""),
    V("layer_sizes", "a tuple built from a list", """
def layer_sizes(X, Y):
    sizes = [X.shape[0], 4, Y.shape[0]]
    n_x, n_h, n_y = sizes
    return tuple(sizes)
"""),
    # initialize_parameters ----------------------------------------------------------------------
    V("initialize_parameters", "np.random.normal with a scale of 0.01", """
def initialize_parameters(n_x, n_h, n_y):
    W1 = np.random.normal(0.0, 0.01, size=(n_h, n_x))
    b1 = np.zeros((n_h, 1))
    W2 = np.random.normal(0.0, 0.01, size=(n_y, n_h))
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
"""),
    V("initialize_parameters", "standard normal numbers divided by 100", """
def initialize_parameters(n_x, n_h, n_y):
    W1 = np.random.standard_normal((n_h, n_x)) / 100
    b1 = np.zeros(shape=(n_h, 1), dtype=float)
    W2 = np.random.standard_normal((n_y, n_h)) / 100
    b2 = np.zeros(shape=(n_y, 1), dtype=float)
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
"""),
    V("initialize_parameters", "the dict built with dict(...), the factor in front", """
def initialize_parameters(n_x, n_h, n_y):
    W1 = 0.01 * np.random.randn(n_h, n_x)
    W2 = 0.01 * np.random.randn(n_y, n_h)
    b1, b2 = np.zeros((n_h, 1)), np.zeros((n_y, 1))
    parameters = dict(W1=W1, b1=b1, W2=W2, b2=b2)
    return parameters
"""),
    # forward_propagation ------------------------------------------------------------------------
    V("forward_propagation", "@ and the sigmoid as e^z / (1 + e^z)", """
def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = np.exp(Z2) / (1 + np.exp(Z2))
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache
"""),
    V("forward_propagation", "np.matmul, and the sigmoid through tanh", """
def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.matmul(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.matmul(W2, A1) + b2
    A2 = (1 + np.tanh(Z2 / 2)) / 2
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache
"""),
    V("forward_propagation", "np.einsum, and tanh written with exponentials", """
def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.einsum("hx,xm->hm", W1, X) + b1
    A1 = (np.exp(Z1) - np.exp(-Z1)) / (np.exp(Z1) + np.exp(-Z1))
    Z2 = np.einsum("yh,hm->ym", W2, A1) + b2
    A2 = 1 / (1 + np.exp(-Z2))
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache
"""),
    # compute_cost -------------------------------------------------------------------------------
    V("compute_cost", "np.mean", """
def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))
    return cost
"""),
    V("compute_cost", "a row times a column with np.dot, squeezed into a float", """
def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m
    cost = float(np.squeeze(cost))
    return cost
"""),
    V("compute_cost", "the log of the probability given to the true label", """
def compute_cost(A2, Y):
    m = Y.shape[1]
    probability_of_truth = np.where(Y == 1, A2, 1 - A2)
    cost = -np.sum(np.log(probability_of_truth)) / m
    return float(cost)
"""),
    V("compute_cost", "a loop over the examples with math.log", """
import math


def compute_cost(A2, Y):
    m = Y.shape[1]
    total = 0.0
    for a, y in zip(A2.ravel(), Y.ravel()):
        total += math.log(a) if y == 1 else math.log(1 - a)
    cost = -total / m
    return cost
"""),
    # backward_propagation -----------------------------------------------------------------------
    V("backward_propagation", "@, np.power and (1/m) in front", """
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = (1 / m) * dZ2 @ A1.T
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = (W2.T @ dZ2) * (1 - np.power(A1, 2))
    dW1 = (1 / m) * dZ1 @ X.T
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    return grads
"""),
    V("backward_propagation", "means with keepdims, and tanh's slope from Z1", """
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = dZ2.mean(axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.tanh(cache["Z1"]) ** 2)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = dZ1.mean(axis=1, keepdims=True)
    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    return grads
"""),
    V("backward_propagation", "np.einsum, and flat sums reshaped into columns", """
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.einsum("ym,hm->yh", dZ2, A1) / m
    db2 = np.sum(dZ2, axis=1).reshape(-1, 1) / m
    dZ1 = np.einsum("yh,ym->hm", W2, dZ2) * (1 - A1) * (1 + A1)
    dW1 = np.einsum("hm,xm->hx", dZ1, X) / m
    db1 = np.sum(dZ1, axis=1).reshape(-1, 1) / m
    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    return grads
"""),
    # update_parameters --------------------------------------------------------------------------
    V("update_parameters", "a dict comprehension over the parameters", """
def update_parameters(parameters, grads, learning_rate=1.2):
    updated = {name: value - learning_rate * grads["d" + name] for name, value in parameters.items()}
    return updated
"""),
    V("update_parameters", "a deep copy changed in place", """
import copy


def update_parameters(parameters, grads, learning_rate=1.2):
    updated = copy.deepcopy(parameters)
    for name in ("W1", "b1", "W2", "b2"):
        updated[name] -= learning_rate * grads["d" + name]
    return updated
"""),
    V("update_parameters", "np.subtract and np.multiply", """
def update_parameters(parameters, grads, learning_rate=1.2):
    W1 = np.subtract(parameters["W1"], np.multiply(learning_rate, grads["dW1"]))
    b1 = np.subtract(parameters["b1"], np.multiply(learning_rate, grads["db1"]))
    W2 = np.subtract(parameters["W2"], np.multiply(learning_rate, grads["dW2"]))
    b2 = np.subtract(parameters["b2"], np.multiply(learning_rate, grads["db2"]))
    updated = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return updated
"""),
    # nn_model -----------------------------------------------------------------------------------
    V("nn_model", "the steps inline: @, scipy's expit, (1/m) in front, tanh' as (1 - A1)(1 + A1)", """
from scipy.special import expit


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    m = X.shape[1]
    np.random.seed(3)
    W1, b1 = np.random.randn(n_h, X.shape[0]) * 0.01, np.zeros((n_h, 1))
    W2, b2 = np.random.randn(Y.shape[0], n_h) * 0.01, np.zeros((Y.shape[0], 1))
    for i in range(num_iterations):
        A1 = np.tanh(W1 @ X + b1)
        A2 = expit(W2 @ A1 + b2)
        if print_cost and i % 1000 == 0:
            cost = -(1 / m) * np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
            print(f"Cost after iteration {i}: {cost:f}")
        dZ2 = A2 - Y
        dZ1 = (W2.T @ dZ2) * (1 - A1) * (1 + A1)
        W1, b1 = W1 - 1.2 * ((1 / m) * dZ1 @ X.T), b1 - 1.2 * ((1 / m) * dZ1.sum(axis=1, keepdims=True))
        W2, b2 = W2 - 1.2 * ((1 / m) * dZ2 @ A1.T), b2 - 1.2 * ((1 / m) * dZ2.sum(axis=1, keepdims=True))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
"""),
    V("nn_model", "the steps inline: the sigmoid with np.exp, sums divided by m", """
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    n_x, n_y, m = X.shape[0], Y.shape[0], X.shape[1]
    np.random.seed(3)
    W1 = np.random.randn(n_h, n_x) * 0.01
    W2 = np.random.randn(n_y, n_h) * 0.01
    b1, b2 = np.zeros((n_h, 1)), np.zeros((n_y, 1))
    for i in range(num_iterations):
        A1 = np.tanh(np.dot(W1, X) + b1)
        A2 = 1 / (1 + np.exp(-(np.dot(W2, A1) + b2)))
        if print_cost and i % 1000 == 0:
            cost = -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m
            print("Cost after iteration %i: %f" % (i, cost))
        dZ2 = A2 - Y
        dZ1 = np.dot(W2.T, dZ2) * (1 - A1 ** 2)
        W2, b2, W1, b1 = (W2 - 1.2 * np.dot(dZ2, A1.T) / m, b2 - 1.2 * np.sum(dZ2, axis=1, keepdims=True) / m,
                          W1 - 1.2 * np.dot(dZ1, X.T) / m, b1 - 1.2 * np.sum(dZ1, axis=1, keepdims=True) / m)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
"""),
    V("nn_model", "the graded functions in a while loop, the learning rate named", """
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    np.random.seed(3)
    sizes = layer_sizes(X, Y)
    parameters = initialize_parameters(sizes[0], n_h, sizes[2])
    i = 0
    while i < num_iterations:
        A2, cache = forward_propagation(X, parameters)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {compute_cost(A2, Y):.8f}")
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate=1.2)
        i += 1
    return parameters
"""),
    # predict ------------------------------------------------------------------------------------
    V("predict", "the first value of forward_propagation, compared with np.greater", """
def predict(parameters, X):
    predictions = np.greater(forward_propagation(X, parameters)[0], 0.5)
    return predictions
"""),
    V("predict", "a loop over the examples into a boolean array", """
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = np.zeros(A2.shape, dtype=bool)
    for j in range(A2.shape[1]):
        predictions[0, j] = A2[0, j] > 0.5
    return predictions
"""),
    V("predict", "the probability read from the cache", """
def predict(parameters, X):
    _, cache = forward_propagation(X, parameters)
    predictions = cache["A2"] > 0.5
    return predictions
"""),
]
