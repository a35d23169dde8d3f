"""Typical wrong answers to assignment 4, the building blocks of an L-layer network."""

from instructor.mistakes import WrongVersion as W

WRONG_VERSIONS = [
    # --- initialize_parameters ---------------------------------------------------------------
    W("initialize_parameters", "forgot the 0.01 scale", '''
def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x)
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h)
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
''', "multiply np.random.randn(...) by 0.01"),
    W("initialize_parameters", "weight matrices transposed", '''
def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.randn(n_x, n_h) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_h, n_y) * 0.01
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
''', "a weight matrix is transposed"),
    W("initialize_parameters", "biases as flat vectors", '''
def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros(n_h)
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros(n_y)
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
''', "each b[l] is a column of shape (n[l], 1)"),
    W("initialize_parameters", "uniform instead of normal", '''
def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.rand(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.rand(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
''', "all your weights are positive"),
    # --- initialize_parameters_deep ----------------------------------------------------------
    W("initialize_parameters_deep", "forgot the 0.01 scale", '''
def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    L = len(layer_dims) - 1
    parameters = {}
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
''', "multiply np.random.randn(...) by 0.01"),
    W("initialize_parameters_deep", "loop stops one layer early", '''
def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    L = len(layer_dims) - 1
    parameters = {}
    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
''', "layer index off by one"),
    W("initialize_parameters_deep", "sizes of each W swapped", '''
def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    L = len(layer_dims) - 1
    parameters = {}
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l - 1], layer_dims[l]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
''', "a weight matrix is transposed"),
    W("initialize_parameters_deep", "seeded again for every layer", '''
def initialize_parameters_deep(layer_dims):
    L = len(layer_dims) - 1
    parameters = {}
    for l in range(1, L + 1):
        np.random.seed(3)
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
''', "np.random.seed(3) once, before the loop"),
    # --- linear_forward ----------------------------------------------------------------------
    W("linear_forward", "forgot the bias", '''
def linear_forward(A, W, b):
    Z = np.dot(W, A)
    cache = (A, W, b)
    return Z, cache
''', "without the bias"),
    W("linear_forward", "factors of the product swapped", '''
def linear_forward(A, W, b):
    Z = np.dot(A, W) + b
    cache = (A, W, b)
    return Z, cache
''', "the matrix product is np.dot(W, A)"),
    W("linear_forward", "elementwise product instead of a matrix product", '''
def linear_forward(A, W, b):
    Z = W * A + b
    cache = (A, W, b)
    return Z, cache
''', "multiplies entry by entry"),
    W("linear_forward", "cache in the wrong order", '''
def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    cache = (W, A, b)
    return Z, cache
''', "the cache holds the right arrays in the wrong order"),
    # --- linear_activation_forward -----------------------------------------------------------
    W("linear_activation_forward", "activations swapped", '''
def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = relu(Z)
    else:
        A, activation_cache = sigmoid(Z)
    cache = (linear_cache, activation_cache)
    return A, cache
''', "your A is the other activation of Z"),
    W("linear_activation_forward", "activation forgotten", '''
def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = Z, Z
    cache = (linear_cache, activation_cache)
    return A, cache
''', "your A equals Z"),
    W("linear_activation_forward", "A kept as the activation cache", '''
def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, _ = sigmoid(Z)
    else:
        A, _ = relu(Z)
    activation_cache = A
    cache = (linear_cache, activation_cache)
    return A, cache
''', "activation_cache must be Z"),
    W("linear_activation_forward", "caches stored in the wrong order", '''
def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    else:
        A, activation_cache = relu(Z)
    cache = (activation_cache, linear_cache)
    return A, cache
''', "the cache is (linear_cache, activation_cache), in this order"),
    # --- L_model_forward ---------------------------------------------------------------------
    W("L_model_forward", "relu on the output layer too", '''
def L_model_forward(X, parameters):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL = A
    return AL, caches
''', "your AL is relu(Z[L])"),
    W("L_model_forward", "sigmoid in the hidden layers", '''
def L_model_forward(X, parameters):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "sigmoid")
        caches.append(cache)
    AL = A
    return AL, caches
''', "a hidden layer used sigmoid"),
    W("L_model_forward", "caches stored in the wrong order", '''
def L_model_forward(X, parameters):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.insert(0, cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.insert(0, cache)
    return AL, caches
''', "the caches are in the wrong order"),
    W("L_model_forward", "layer index off by one", '''
def L_model_forward(X, parameters):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L + 1)], parameters["b" + str(L + 1)], "sigmoid")
    caches.append(cache)
    return AL, caches
''', "parameters has no such key"),
    W("L_model_forward", "the output layer's cache not kept", '''
def L_model_forward(X, parameters):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    return AL, caches
''', "one cache per layer"),
    # --- compute_cost ------------------------------------------------------------------------
    W("compute_cost", "m read from the wrong axis", '''
def compute_cost(AL, Y):
    m = AL.shape[0]
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    cost = np.squeeze(cost)
    return cost
''', "your cost is m times the answer"),
    W("compute_cost", "minus sign forgotten", '''
def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    cost = np.squeeze(cost)
    return cost
''', "your cost is negative"),
    W("compute_cost", "only the y log(a) term", '''
def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(AL)) / m
    cost = np.squeeze(cost)
    return cost
''', "your cost only has the y log(a) term"),
    W("compute_cost", "base-10 logarithms", '''
def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -np.sum(Y * np.log10(AL) + (1 - Y) * np.log10(1 - AL)) / m
    cost = np.squeeze(cost)
    return cost
''', "base-10 logarithms"),
    # --- linear_backward ---------------------------------------------------------------------
    W("linear_backward", "db summed without keepdims", '''
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
''', "keepdims=True"),
    W("linear_backward", "no 1/m", '''
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T)
    db = np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
''', "averages over the m examples"),
    W("linear_backward", "1/m applied to dA_prev too", '''
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ) / m
    return dA_prev, dW, db
''', "dA_prev = W^T dZ has no 1/m"),
    W("linear_backward", "dW transposed", '''
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(A_prev, dZ.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
''', "dW must have the shape of W"),
    W("linear_backward", "db summed over the units", '''
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=0, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
''', "db has one entry per example"),
    # --- linear_activation_backward ----------------------------------------------------------
    W("linear_activation_backward", "activations swapped", '''
def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = sigmoid_backward(dA, activation_cache)
    else:
        dZ = relu_backward(dA, activation_cache)
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
''', "your gradients are those of the other activation"),
    W("linear_activation_backward", "activation's backward step skipped", '''
def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    dA_prev, dW, db = linear_backward(dA, linear_cache)
    return dA_prev, dW, db
''', "dA went straight into linear_backward"),
    W("linear_activation_backward", "relu mask built from A instead of Z", '''
def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        A_prev, W, b = linear_cache
        dZ = dA * (A_prev > 0)
    else:
        dZ = sigmoid_backward(dA, activation_cache)
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
''', "the relu mask comes from Z"),
    W("linear_activation_backward", "the two caches swapped", '''
def linear_activation_backward(dA, cache, activation):
    activation_cache, linear_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    else:
        dZ = sigmoid_backward(dA, activation_cache)
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
''', "cache is (linear_cache, activation_cache)"),
    # --- L_model_backward --------------------------------------------------------------------
    W("L_model_backward", "dAL with the wrong sign", '''
def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \\
        linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(1, L)):
        grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = \\
            linear_activation_backward(grads["dA" + str(l)], caches[l - 1], "relu")
    return grads
''', "every gradient has the opposite sign"),
    W("L_model_backward", "gradients stored one layer off", '''
def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads["dA" + str(L)], grads["dW" + str(L)], grads["db" + str(L)] = \\
        linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(1, L)):
        grads["dA" + str(l)], grads["dW" + str(l)], grads["db" + str(l)] = \\
            linear_activation_backward(grads["dA" + str(l + 1)], caches[l - 1], "relu")
    return grads
''', "stored under the wrong names"),
    W("L_model_backward", "started from AL - Y", '''
def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = AL - Y
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \\
        linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(1, L)):
        grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = \\
            linear_activation_backward(grads["dA" + str(l)], caches[l - 1], "relu")
    return grads
''', "the output layer's gradients are already wrong"),
    W("L_model_backward", "sigmoid in the hidden layers", '''
def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \\
        linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(1, L)):
        grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = \\
            linear_activation_backward(grads["dA" + str(l)], caches[l - 1], "sigmoid")
    return grads
''', "the output layer is right but a hidden layer is not"),
    W("L_model_backward", "cache index off by one", '''
def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \\
        linear_activation_backward(dAL, caches[L], "sigmoid")
    for l in reversed(range(1, L)):
        grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = \\
            linear_activation_backward(grads["dA" + str(l)], caches[l], "relu")
    return grads
''', "layer l's cache is caches[l-1]"),
    # --- update_parameters -------------------------------------------------------------------
    W("update_parameters", "the caller's params modified in place", '''
def update_parameters(params, grads, learning_rate):
    L = len(params) // 2
    parameters = params
    for l in range(1, L + 1):
        parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]
    return parameters
''', "changed its argument `params` in place"),
    W("update_parameters", "a shallow copy, then arrays changed in place", '''
def update_parameters(params, grads, learning_rate):
    L = len(params) // 2
    parameters = params.copy()
    for l in range(1, L + 1):
        parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]
    return parameters
''', "changed its argument `params` in place"),
    W("update_parameters", "added the gradient", '''
def update_parameters(params, grads, learning_rate):
    L = len(params) // 2
    parameters = {}
    for l in range(1, L + 1):
        parameters["W" + str(l)] = params["W" + str(l)] + learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = params["b" + str(l)] + learning_rate * grads["db" + str(l)]
    return parameters
''', "your parameters moved uphill"),
    W("update_parameters", "loop stops one layer early", '''
def update_parameters(params, grads, learning_rate):
    L = len(params) // 2
    parameters = dict(params)
    for l in range(1, L):
        parameters["W" + str(l)] = params["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = params["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters
''', "a layer was left as it was"),
    W("update_parameters", "L counted as the number of entries", '''
def update_parameters(params, grads, learning_rate):
    L = len(params)
    parameters = {}
    for l in range(1, L + 1):
        parameters["W" + str(l)] = params["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = params["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters
''', "params holds a W and a b for each layer"),
    W("update_parameters", "a learning rate of its own", '''
def update_parameters(params, grads, learning_rate):
    L = len(params) // 2
    parameters = {}
    for l in range(1, L + 1):
        parameters["W" + str(l)] = params["W" + str(l)] - 0.01 * grads["dW" + str(l)]
        parameters["b" + str(l)] = params["b" + str(l)] - 0.01 * grads["db" + str(l)]
    return parameters
''', "use the learning_rate argument"),
]

# The demo's "mistakes" student gets these functions wrong (with the first wrong version of each).
# No other graded function calls them, so they lose their own points and nothing else.
IN_SAMPLE = ("initialize_parameters_deep", "compute_cost", "update_parameters")

# No other graded function, and no cell that runs while autograding, calls this one: the demo's
# "crashes" and "hangs" students break it.
ISOLATED_FUNCTION = "initialize_parameters"
