"""Small reference implementations of the two models taught in the course.

The tests use them to check that a dataset keeps the course's lesson intact:
a plain logistic regression should do only moderately well on the test set,
while a 4-layer ReLU network should fit the training set and generalise
clearly better.  Both are written with vectorised numpy and plain batch
gradient descent, exactly as the exercises describe them.

Conventions: ``X`` has shape (n_features, m), ``Y`` has shape (1, m) with
0/1 entries.  Costs are recorded every ``COST_EVERY`` iterations, starting
with iteration 0 (before the first update).
"""

import numpy as np

COST_EVERY = 100


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _cross_entropy(A, Y):
    """Mean binary cross-entropy between predictions A and labels Y."""
    m = Y.shape[1]
    total = np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)
    return float(np.squeeze(-total / m))


def accuracy(pred, Y):
    """Percentage of positions where ``pred`` equals ``Y``."""
    return float(100.0 * np.mean(np.asarray(pred) == np.asarray(Y)))


# --------------------------------------------------------------------------
# Logistic regression
# --------------------------------------------------------------------------

def train_logistic_regression(X, Y, num_iterations=2000, learning_rate=0.005):
    """Fit w, b (both starting at zero) by batch gradient descent.

    Returns ``(w, b, costs)`` where ``w`` has shape (n_features, 1).
    """
    n, m = X.shape
    w = np.zeros((n, 1))
    b = 0.0
    costs = []
    for i in range(num_iterations):
        A = _sigmoid(np.dot(w.T, X) + b)
        if i % COST_EVERY == 0:
            costs.append(_cross_entropy(A, Y))
        dZ = A - Y
        dw = np.dot(X, dZ.T) / m
        db = np.sum(dZ) / m
        w = w - learning_rate * dw
        b = b - learning_rate * db
    return w, b, costs


def predict_logistic(w, b, X):
    """0/1 predictions of shape (1, m): 1 where the probability exceeds 0.5."""
    A = _sigmoid(np.dot(w.T, X) + b)
    return (A > 0.5).astype(int)


# --------------------------------------------------------------------------
# L-layer network: ReLU hidden layers, sigmoid output
# --------------------------------------------------------------------------

def _init_deep(layer_dims):
    """Scaled Gaussian weights (seed 1) and zero biases for every layer."""
    np.random.seed(1)
    parameters = {}
    for l in range(1, len(layer_dims)):
        fan_in = layer_dims[l - 1]
        parameters["W%d" % l] = np.random.randn(layer_dims[l], fan_in) / np.sqrt(fan_in)
        parameters["b%d" % l] = np.zeros((layer_dims[l], 1))
    return parameters


def _forward(parameters, X):
    """Run the network; return the output and the per-layer (A_prev, Z) cache."""
    L = len(parameters) // 2
    A = X
    caches = []
    for l in range(1, L + 1):
        Z = np.dot(parameters["W%d" % l], A) + parameters["b%d" % l]
        caches.append((A, Z))
        A = _sigmoid(Z) if l == L else np.maximum(0, Z)
    return A, caches


def _backward(parameters, AL, Y, caches):
    """Gradients of the mean cross-entropy with respect to every W and b."""
    L = len(caches)
    m = Y.shape[1]
    grads = {}
    dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    for l in range(L, 0, -1):
        A_prev, Z = caches[l - 1]
        if l == L:
            s = _sigmoid(Z)
            dZ = dA * s * (1 - s)
        else:
            dZ = np.array(dA, copy=True)
            dZ[Z <= 0] = 0
        grads["dW%d" % l] = np.dot(dZ, A_prev.T) / m
        grads["db%d" % l] = np.sum(dZ, axis=1, keepdims=True) / m
        dA = np.dot(parameters["W%d" % l].T, dZ)
    return grads


def train_deep_network(X, Y, layer_dims, learning_rate=0.0075, num_iterations=2500):
    """Train the network by batch gradient descent; return ``(parameters, costs)``."""
    parameters = _init_deep(layer_dims)
    L = len(layer_dims) - 1
    costs = []
    for i in range(num_iterations):
        AL, caches = _forward(parameters, X)
        if i % COST_EVERY == 0:
            costs.append(_cross_entropy(AL, Y))
        grads = _backward(parameters, AL, Y, caches)
        for l in range(1, L + 1):
            parameters["W%d" % l] = parameters["W%d" % l] - learning_rate * grads["dW%d" % l]
            parameters["b%d" % l] = parameters["b%d" % l] - learning_rate * grads["db%d" % l]
    return parameters, costs


def predict_deep(parameters, X):
    """0/1 predictions of shape (1, m) from a trained network."""
    AL, _ = _forward(parameters, X)
    return (AL > 0.5).astype(int)
