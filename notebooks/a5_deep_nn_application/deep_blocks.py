"""The building blocks of an L-layer network, ready-made for assignment 5.

These are the functions you wrote in assignment 4, given here so that this assignment can use
them to build whole models. They ship with assignment 5 only: they are assignment 4's answers.

One difference from assignment 4: `initialize_parameters_deep` here seeds the generator with 1
and scales each weight matrix by 1 / sqrt(n[l-1]) (the number of inputs of the layer) instead of
multiplying by 0.01. With 0.01 a deep network starts with activations that shrink layer after
layer and learns very slowly; dividing by sqrt(n[l-1]) keeps them at a steady size.

Notation (the course's): examples are columns. X has shape (n_x, m); A[l] has shape (n[l], m);
W[l] has shape (n[l], n[l-1]); b[l] has shape (n[l], 1); Y has shape (1, m). Parameter dicts use
the keys "W1", "b1", ..., gradient dicts "dA0", "dW1", "db1", ...
"""

import numpy as np

from helpers.activations import relu, relu_backward, sigmoid, sigmoid_backward


def initialize_parameters(n_x, n_h, n_y):
    """Small random weights and zero biases for a LINEAR->RELU->LINEAR->SIGMOID network.

    Seeds numpy's generator with 1, then draws W1 before W2 (standard normal, times 0.01).

    Arguments:
    n_x -- number of input features
    n_h -- number of hidden units
    n_y -- number of output units

    Returns:
    parameters -- dict with "W1" (n_h, n_x), "b1" (n_h, 1), "W2" (n_y, n_h), "b2" (n_y, 1)
    """
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def initialize_parameters_deep(layer_dims):
    """Scaled random weights and zero biases for every layer of an L-layer network.

    Seeds numpy's generator with 1, then for l = 1 .. L draws W[l] from a standard normal and
    divides it by sqrt(n[l-1]).

    Arguments:
    layer_dims -- list or tuple [n[0], n[1], ..., n[L]]: the input size, then each layer's size

    Returns:
    parameters -- dict with "W{l}" (n[l], n[l-1]) and "b{l}" (n[l], 1) for l = 1 .. L
    """
    np.random.seed(1)
    parameters = {}
    for l in range(1, len(layer_dims)):
        fan_in = layer_dims[l - 1]
        weights = np.random.randn(layer_dims[l], fan_in)
        parameters[f"W{l}"] = weights / np.sqrt(fan_in)
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def linear_forward(A, W, b):
    """The linear part of one layer: Z = W A + b.

    Arguments:
    A -- activations of the previous layer, shape (n[l-1], m)
    W -- weights, shape (n[l], n[l-1])
    b -- biases, shape (n[l], 1)

    Returns:
    Z -- shape (n[l], m)
    cache -- (A, W, b), what linear_backward needs
    """
    Z = W @ A + b
    return Z, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    """One whole layer: the linear part followed by a sigmoid or a ReLU.

    Arguments:
    A_prev -- activations of the previous layer, shape (n[l-1], m)
    W -- weights, shape (n[l], n[l-1])
    b -- biases, shape (n[l], 1)
    activation -- "sigmoid" or "relu"

    Returns:
    A -- this layer's activations, shape (n[l], m)
    cache -- (linear_cache, activation_cache): (A_prev, W, b) and Z
    """
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        A, activation_cache = relu(Z)
    else:
        raise ValueError(f'activation must be "sigmoid" or "relu", not {activation!r}')
    return A, (linear_cache, activation_cache)


def L_model_forward(X, parameters):
    """The forward pass: L-1 LINEAR->RELU layers, then one LINEAR->SIGMOID layer.

    Arguments:
    X -- input, shape (n_x, m)
    parameters -- dict of "W{l}", "b{l}" for l = 1 .. L (so L = len(parameters) // 2)

    Returns:
    AL -- the output layer's activations (probabilities of "cat"), shape (1, m)
    caches -- list of the L caches of linear_activation_forward, layer 1 first
    """
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y):
    """The cross-entropy cost J = -(1/m) sum(y log a + (1 - y) log(1 - a)).

    Arguments:
    AL -- predicted probabilities, shape (1, m)
    Y -- true labels (0 or 1), shape (1, m)

    Returns:
    cost -- the cost, a 0-d numpy array (squeezed)
    """
    m = Y.shape[1]
    log_likelihood = Y @ np.log(AL).T + (1 - Y) @ np.log(1 - AL).T
    return np.squeeze(-log_likelihood / m)


def linear_backward(dZ, cache):
    """Gradients of the linear part of one layer, from dZ = dJ/dZ.

    Arguments:
    dZ -- gradient of the cost with respect to Z, shape (n[l], m)
    cache -- (A_prev, W, b) from linear_forward

    Returns:
    dA_prev -- gradient with respect to A_prev, shape (n[l-1], m)
    dW -- gradient with respect to W, shape (n[l], n[l-1])
    db -- gradient with respect to b, shape (n[l], 1)
    """
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = (dZ @ A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    """Gradients of one whole layer: back through the activation, then the linear part.

    Arguments:
    dA -- gradient of the cost with respect to this layer's activations, shape (n[l], m)
    cache -- (linear_cache, activation_cache) from linear_activation_forward
    activation -- "sigmoid" or "relu", the one used going forward

    Returns:
    dA_prev -- shape (n[l-1], m); dW -- shape (n[l], n[l-1]); db -- shape (n[l], 1)
    """
    linear_cache, activation_cache = cache
    if activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    elif activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    else:
        raise ValueError(f'activation must be "sigmoid" or "relu", not {activation!r}')
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):
    """The backward pass through the whole network, output layer first.

    It starts from dAL = dJ/dAL = -(Y / AL - (1 - Y) / (1 - AL)).

    Arguments:
    AL -- output of L_model_forward, shape (1, m)
    Y -- true labels, shape (1, m)
    caches -- the list of caches returned by L_model_forward

    Returns:
    grads -- dict with "dA{l}" (n[l], m) for l = 0 .. L-1, and "dW{l}" (n[l], n[l-1]) and
             "db{l}" (n[l], 1) for l = 1 .. L
    """
    L = len(caches)
    Y = Y.reshape(AL.shape)
    grads = {}
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    activation = "sigmoid"
    for l in range(L, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1], activation)
        grads[f"dA{l - 1}"] = dA
        activation = "relu"
    return grads


def update_parameters(params, grads, learning_rate):
    """One step of gradient descent: W[l] - learning_rate dW[l], b[l] - learning_rate db[l].

    Arguments:
    params -- dict of "W{l}", "b{l}" (left unchanged)
    grads -- dict holding at least "dW{l}", "db{l}" for every layer
    learning_rate -- the step size alpha

    Returns:
    parameters -- a new dict with the updated "W{l}", "b{l}"
    """
    return {name: value - learning_rate * grads["d" + name] for name, value in params.items()}


def predict(X, y, parameters):
    """Label each example 1 ("cat") when the network's output exceeds 0.5, and print the accuracy.

    Arguments:
    X -- examples, shape (n_x, m)
    y -- their true labels, shape (1, m)
    parameters -- a trained network's dict of "W{l}", "b{l}"

    Returns:
    p -- predictions, an int array of 0s and 1s of shape (1, m)
    """
    AL, _ = L_model_forward(X, parameters)
    p = (AL > 0.5).astype(int)
    print(f"Accuracy: {100 * float(np.mean(p == y)):.2f} %")
    return p
