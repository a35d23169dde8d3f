"""Correct answers to assignment 4, the building blocks of an L-layer network, written another way
than the reference."""

from instructor.variants import CorrectVersion as V

VARIANTS = [
    # initialize_parameters ----------------------------------------------------------------------
    V("initialize_parameters", "np.random.normal with a scale of 0.01", """
def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.normal(0.0, 0.01, (n_h, n_x))
    b1 = np.zeros((n_h, 1))
    W2 = np.random.normal(0.0, 0.01, (n_y, n_h))
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
"""),
    V("initialize_parameters", "standard normal numbers divided by 100, biases from np.zeros_like", """
def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.standard_normal((n_h, n_x)) / 100
    W2 = np.random.standard_normal((n_y, n_h)) / 100
    b1 = np.zeros_like(W1[:, :1])
    b2 = np.zeros_like(W2[:, :1])
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
"""),
    V("initialize_parameters", "a loop over the two layers", """
def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    parameters = {}
    for l, (n_in, n_out) in enumerate([(n_x, n_h), (n_h, n_y)], start=1):
        parameters[f"W{l}"] = 0.01 * np.random.randn(n_out, n_in)
        parameters[f"b{l}"] = np.zeros((n_out, 1))
    return parameters
"""),
    # initialize_parameters_deep -----------------------------------------------------------------
    V("initialize_parameters_deep", "f-strings and np.random.normal", """
def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    L = len(layer_dims) - 1
    parameters = {}
    for l in range(1, L + 1):
        parameters[f"W{l}"] = np.random.normal(scale=0.01, size=(layer_dims[l], layer_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters
"""),
    V("initialize_parameters_deep", "a loop over consecutive pairs of sizes", """
def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    L = len(layer_dims) - 1
    parameters = {}
    for l, (n_in, n_out) in enumerate(zip(layer_dims[:-1], layer_dims[1:]), start=1):
        parameters["W" + str(l)] = np.random.randn(n_out, n_in) / 100
        parameters["b" + str(l)] = np.zeros((n_out, 1))
    return parameters
"""),
    V("initialize_parameters_deep", "a while loop", """
def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    L = len(layer_dims) - 1
    parameters = {}
    l = 1
    while l <= L:
        parameters["W%d" % l] = 0.01 * np.random.standard_normal((layer_dims[l], layer_dims[l - 1]))
        parameters["b%d" % l] = np.zeros(shape=(layer_dims[l], 1))
        l += 1
    return parameters
"""),
    # linear_forward -----------------------------------------------------------------------------
    V("linear_forward", "@", """
def linear_forward(A, W, b):
    Z = W @ A + b
    cache = (A, W, b)
    return Z, cache
"""),
    V("linear_forward", "np.matmul, the bias first", """
def linear_forward(A, W, b):
    Z = b + np.matmul(W, A)
    cache = (A, W, b)
    return Z, cache
"""),
    V("linear_forward", "np.einsum", """
def linear_forward(A, W, b):
    Z = np.einsum("ij,jm->im", W, A) + b
    cache = (A, W, b)
    return Z, cache
"""),
    # linear_activation_forward ------------------------------------------------------------------
    V("linear_activation_forward", "the activation looked up in a dict", """
def linear_activation_forward(A_prev, W, b, activation):
    if activation not in ("sigmoid", "relu"):
        raise ValueError(f'activation must be "sigmoid" or "relu", not {activation!r}')
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = {"sigmoid": sigmoid, "relu": relu}[activation](Z)
    cache = (linear_cache, activation_cache)
    return A, cache
"""),
    V("linear_activation_forward", "the activations written out, Z kept as the activation cache", """
def linear_activation_forward(A_prev, W, b, activation):
    if activation not in ("sigmoid", "relu"):
        raise ValueError(f'activation must be "sigmoid" or "relu", not {activation!r}')
    Z = W @ A_prev + b
    linear_cache = (A_prev, W, b)
    if activation == "relu":
        A = np.maximum(Z, 0)
    else:
        A = 1 / (1 + np.exp(-Z))
    activation_cache = Z
    cache = (linear_cache, activation_cache)
    return A, cache
"""),
    V("linear_activation_forward", "relu first, the sigmoid in the else branch", """
def linear_activation_forward(A_prev, W, b, activation):
    if activation not in ("sigmoid", "relu"):
        raise ValueError(f'activation must be "sigmoid" or "relu", not {activation!r}')
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "relu":
        A, activation_cache = relu(Z)
    else:
        A, activation_cache = sigmoid(Z)
    cache = (linear_cache, activation_cache)
    return A, cache
"""),
    # L_model_forward ----------------------------------------------------------------------------
    V("L_model_forward", "one loop over every layer, the activation chosen by the index", """
def L_model_forward(X, parameters):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L + 1):
        activation = "sigmoid" if l == L else "relu"
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        caches.append(cache)
    AL = A
    return AL, caches
"""),
    V("L_model_forward", "linear_forward and the activations called separately", """
def L_model_forward(X, parameters):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L):
        Z, linear_cache = linear_forward(A, parameters["W" + str(l)], parameters["b" + str(l)])
        A, activation_cache = relu(Z)
        caches.append((linear_cache, activation_cache))
    Z, linear_cache = linear_forward(A, parameters["W" + str(L)], parameters["b" + str(L)])
    AL, activation_cache = sigmoid(Z)
    caches.append((linear_cache, activation_cache))
    return AL, caches
"""),
    V("L_model_forward", "a while loop with the previous activation named A_prev", """
def L_model_forward(X, parameters):
    L = len(parameters) // 2
    caches = []
    A_prev = X
    l = 1
    while l < L:
        A_prev, cache = linear_activation_forward(A_prev, parameters["W%d" % l], parameters["b%d" % l], "relu")
        caches.append(cache)
        l += 1
    AL, cache = linear_activation_forward(A_prev, parameters["W%d" % L], parameters["b%d" % L], "sigmoid")
    caches = caches + [cache]
    return AL, caches
"""),
    # compute_cost -------------------------------------------------------------------------------
    V("compute_cost", "np.mean, a numpy float", """
def compute_cost(AL, Y):
    cost = -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    cost = np.squeeze(cost)
    return cost
"""),
    V("compute_cost", "a row times a column with np.dot, (1, 1) before the squeeze", """
def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -(1 / m) * (np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T))
    cost = np.squeeze(cost)
    return cost
"""),
    V("compute_cost", "a Python float from the probability given to the true label", """
def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = float(-np.sum(np.log(np.where(Y == 1, AL, 1 - AL))) / m)
    cost = np.squeeze(cost)
    return cost
"""),
    # linear_backward ----------------------------------------------------------------------------
    V("linear_backward", "@ and (1/m) in front", """
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = (1 / m) * dZ @ A_prev.T
    db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
"""),
    V("linear_backward", "a mean for db, dA_prev first", """
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dA_prev = np.dot(W.T, dZ)
    dW = np.dot(dZ, A_prev.T) / m
    db = dZ.mean(axis=1, keepdims=True)
    return dA_prev, dW, db
"""),
    V("linear_backward", "np.einsum, and a flat sum reshaped to the shape of b", """
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.einsum("im,jm->ij", dZ, A_prev) / m
    db = np.sum(dZ, axis=1).reshape(b.shape) / m
    dA_prev = np.einsum("ij,im->jm", W, dZ)
    return dA_prev, dW, db
"""),
    # linear_activation_backward -----------------------------------------------------------------
    V("linear_activation_backward", "the backward step looked up in a dict", """
def linear_activation_backward(dA, cache, activation):
    if activation not in ("sigmoid", "relu"):
        raise ValueError(f'activation must be "sigmoid" or "relu", not {activation!r}')
    linear_cache, activation_cache = cache
    backward = {"relu": relu_backward, "sigmoid": sigmoid_backward}[activation]
    dA_prev, dW, db = linear_backward(backward(dA, activation_cache), linear_cache)
    return dA_prev, dW, db
"""),
    V("linear_activation_backward", "the slopes written out from Z", """
def linear_activation_backward(dA, cache, activation):
    if activation not in ("sigmoid", "relu"):
        raise ValueError(f'activation must be "sigmoid" or "relu", not {activation!r}')
    linear_cache, activation_cache = cache
    Z = activation_cache
    if activation == "relu":
        dZ = dA * (Z > 0)
    else:
        s = 1 / (1 + np.exp(-Z))
        dZ = dA * s * (1 - s)
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
"""),
    V("linear_activation_backward", "np.where for the relu mask, the sigmoid in the else branch", """
def linear_activation_backward(dA, cache, activation):
    if activation not in ("sigmoid", "relu"):
        raise ValueError(f'activation must be "sigmoid" or "relu", not {activation!r}')
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = np.where(activation_cache > 0, dA, 0.0)
    else:
        dZ = sigmoid_backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)
"""),
    # L_model_backward ---------------------------------------------------------------------------
    V("L_model_backward", "dAL as (AL - Y) / (AL (1 - AL)), one loop over every layer", """
def L_model_backward(AL, Y, caches):
    L = len(caches)
    Y = Y.reshape(AL.shape)
    grads = {}
    dA = (AL - Y) / (AL * (1 - AL))
    for l in range(L, 0, -1):
        activation = "sigmoid" if l == L else "relu"
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1], activation)
        grads[f"dA{l - 1}"] = dA
    return grads
"""),
    V("L_model_backward", "dAL written -Y/AL + (1-Y)/(1-AL), the current cache named", """
def L_model_backward(AL, Y, caches):
    L = len(caches)
    Y = Y.reshape(AL.shape)
    grads = {}
    dAL = -Y / AL + (1 - Y) / (1 - AL)
    current_cache = caches[-1]
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \\
        linear_activation_backward(dAL, current_cache, "sigmoid")
    for l in range(L - 1, 0, -1):
        current_cache = caches[l - 1]
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l)], current_cache, "relu")
        grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = dA_prev, dW, db
    return grads
"""),
    V("L_model_backward", "the layers walked with reversed(list(enumerate(caches)))", """
def L_model_backward(AL, Y, caches):
    L = len(caches)
    Y = Y.reshape(AL.shape)
    grads = {}
    dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    for index, cache in reversed(list(enumerate(caches))):
        l = index + 1
        dA, dW, db = linear_activation_backward(dA, cache, "sigmoid" if l == L else "relu")
        grads.update({"dA%d" % (l - 1): dA, "dW%d" % l: dW, "db%d" % l: db})
    return grads
"""),
    # update_parameters --------------------------------------------------------------------------
    V("update_parameters", "a dict comprehension over the parameters", """
def update_parameters(params, grads, learning_rate):
    L = len(params) // 2
    parameters = {key: value - learning_rate * grads["d" + key] for key, value in params.items()}
    return parameters
"""),
    V("update_parameters", "a deep copy changed in place", """
import copy


def update_parameters(params, grads, learning_rate):
    L = len(params) // 2
    parameters = copy.deepcopy(params)
    for l in range(1, L + 1):
        parameters[f"W{l}"] -= learning_rate * grads[f"dW{l}"]
        parameters[f"b{l}"] -= learning_rate * grads[f"db{l}"]
    return parameters
"""),
    V("update_parameters", "np.subtract and np.multiply, the layers in reverse order", """
def update_parameters(params, grads, learning_rate):
    L = len(params) // 2
    parameters = {}
    for l in reversed(range(1, L + 1)):
        for name in ("W", "b"):
            key = name + str(l)
            parameters[key] = np.subtract(params[key], np.multiply(learning_rate, grads["d" + key]))
    return parameters
"""),
]
