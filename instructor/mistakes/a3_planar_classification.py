"""Typical wrong answers to assignment 3, a network with one hidden layer."""

from instructor.mistakes import PrintingSlip, WrongVersion as W

WRONG_VERSIONS = [
    # layer_sizes
    W("layer_sizes", "returns a list", """
def layer_sizes(X, Y):
    n_x = X.shape[0]
    n_h = 4
    n_y = Y.shape[0]
    return [n_x, n_h, n_y]
""", "not as a list"),
    W("layer_sizes", "counts the examples instead of the features", """
def layer_sizes(X, Y):
    n_x = X.shape[1]
    n_h = 4
    n_y = Y.shape[1]
    return (n_x, n_h, n_y)
""", "count the examples (m)"),
    W("layer_sizes", "n_y written as 1", """
def layer_sizes(X, Y):
    n_x = X.shape[0]
    n_h = 4
    n_y = 1
    return (n_x, n_h, n_y)
""", "read n_y from Y.shape[0]"),
    W("layer_sizes", "leaves out the hidden layer", """
def layer_sizes(X, Y):
    return (X.shape[0], Y.shape[0])
""", "return exactly three sizes"),
    # initialize_parameters
    W("initialize_parameters", "seeds the generator inside", """
def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(3)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "a seed set inside initialize_parameters"),
    W("initialize_parameters", "forgot the factor 0.01", """
def initialize_parameters(n_x, n_h, n_y):
    W1 = np.random.randn(n_h, n_x)
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h)
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "100 times too large"),
    W("initialize_parameters", "flat biases", """
def initialize_parameters(n_x, n_h, n_y):
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros(n_h)
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros(n_y)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "each bias is a column"),
    W("initialize_parameters", "W1 drawn with its shape transposed", """
def initialize_parameters(n_x, n_h, n_y):
    W1 = np.random.randn(n_x, n_h) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "a weight matrix is transposed"),
    W("initialize_parameters", "zero weights", """
def initialize_parameters(n_x, n_h, n_y):
    W1 = np.zeros((n_h, n_x))
    b1 = np.zeros((n_h, 1))
    W2 = np.zeros((n_y, n_h))
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "all your weights are zero"),
    W("initialize_parameters", "uniform instead of normal", """
def initialize_parameters(n_x, n_h, n_y):
    W1 = np.random.rand(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.rand(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "np.random.rand draws from [0, 1)"),
    # forward_propagation
    W("forward_propagation", "sigmoid in the hidden layer", """
def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = 1 / (1 + np.exp(-Z1))
    Z2 = np.dot(W2, A1) + b2
    A2 = 1 / (1 + np.exp(-Z2))
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache
""", "your A1 is sigmoid(Z1)"),
    W("forward_propagation", "tanh at the output", """
def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = np.tanh(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache
""", "your A2 is tanh(Z2)"),
    W("forward_propagation", "forgot the hidden bias", """
def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X)
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = 1 / (1 + np.exp(-Z2))
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache
""", "a bias is missing"),
    W("forward_propagation", "entrywise product instead of the matrix product", """
def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = W1 * X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 * A1 + b2
    A2 = 1 / (1 + np.exp(-Z2))
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache
""", "multiplies entry by entry"),
    W("forward_propagation", "cache keys in lower case", """
def forward_propagation(X, parameters):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = 1 / (1 + np.exp(-Z2))
    cache = {"z1": Z1, "a1": A1, "z2": Z2, "a2": A2}
    return A2, cache
""", "exactly the keys"),
    # compute_cost
    W("compute_cost", "returns a numpy float", """
def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    cost = -np.sum(logprobs) / m
    return cost
""", "return float(cost)"),
    W("compute_cost", "returns the (1, 1) array of np.dot", """
def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m
    return cost
""", "your cost is an array of shape (1, 1)"),
    W("compute_cost", "forgot the minus sign", """
def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    return float(np.sum(logprobs) / m)
""", "keep the minus sign"),
    W("compute_cost", "forgot to divide by m", """
def compute_cost(A2, Y):
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    return float(-np.sum(logprobs))
""", "divide the sum by m"),
    W("compute_cost", "only the term of the positive examples", """
def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2)) / m)
""", "two terms per example"),
    W("compute_cost", "one loss per example", """
def compute_cost(A2, Y):
    m = Y.shape[1]
    return -(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m
""", "one loss per example"),
    # backward_propagation
    W("backward_propagation", "tanh' written with Z1 instead of A1", """
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    Z1, A1, A2 = cache["Z1"], cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (1 - Z1 ** 2)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
""", "use 1 - Z1**2"),
    W("backward_propagation", "db without keepdims", """
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1) / m
    dZ1 = np.dot(W2.T, dZ2) * (1 - A1 ** 2)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
""", "keepdims=True"),
    W("backward_propagation", "db1 summed over the hidden units (axis 0) instead of the examples", """
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (1 - A1 ** 2)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=0, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
""", "axis=0 instead of axis=1"),
    W("backward_propagation", "the sigmoid's slope in the hidden layer", """
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * A1 * (1 - A1)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
""", "the sigmoid's slope"),
    W("backward_propagation", "no slope of tanh at all", """
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
""", "dZ1 needs the slope of tanh"),
    W("backward_propagation", "forgot to divide by m", """
def backward_propagation(parameters, cache, X, Y):
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T)
    db2 = np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2) * (1 - A1 ** 2)
    dW1 = np.dot(dZ1, X.T)
    db1 = np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
""", "m times too large"),
    W("backward_propagation", "dZ2 = Y - A2", """
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = Y - A2
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (1 - A1 ** 2)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
""", "every gradient has the wrong sign"),
    W("backward_propagation", "X not transposed in dW1", """
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (1 - A1 ** 2)
    dW1 = np.dot(dZ1, X) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
""", "transpose the second factor"),
    # update_parameters
    W("update_parameters", "writes into the caller's dict", """
def update_parameters(parameters, grads, learning_rate=1.2):
    for name in ("W1", "b1", "W2", "b2"):
        parameters[name] = parameters[name] - learning_rate * grads["d" + name]
    return parameters
""", "the caller's dictionary changed too"),
    W("update_parameters", "-= on the caller's arrays", """
def update_parameters(parameters, grads, learning_rate=1.2):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W1 -= learning_rate * grads["dW1"]
    b1 -= learning_rate * grads["db1"]
    W2 -= learning_rate * grads["dW2"]
    b2 -= learning_rate * grads["db2"]
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""", "the caller's dictionary changed too"),
    W("update_parameters", "steps up the gradient", """
def update_parameters(parameters, grads, learning_rate=1.2):
    return {name: parameters[name] + learning_rate * grads["d" + name] for name in parameters}
""", "step against the gradient"),
    W("update_parameters", "ignores the learning_rate argument", """
def update_parameters(parameters, grads, learning_rate=1.2):
    return {name: parameters[name] - 1.2 * grads["d" + name] for name in parameters}
""", "use the learning_rate argument"),
    W("update_parameters", "another default learning rate", """
def update_parameters(parameters, grads, learning_rate=0.01):
    return {name: parameters[name] - learning_rate * grads["d" + name] for name in parameters}
""", "the default learning rate is 1.2"),
    W("update_parameters", "forgot the learning rate", """
def update_parameters(parameters, grads, learning_rate=1.2):
    return {name: parameters[name] - grads["d" + name] for name in parameters}
""", "multiply each gradient by learning_rate"),
    # nn_model
    W("nn_model", "never seeds", """
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:f}")
    return parameters
""", "np.random.seed(3) inside nn_model"),
    W("nn_model", "seeds inside the training loop, after the weights are drawn", """
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        np.random.seed(3)
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:f}")
    return parameters
""", "np.random.seed(3) inside nn_model"),
    W("nn_model", "seeds once in the cell, outside the function", """
np.random.seed(3)


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:f}")
    return parameters
""", "np.random.seed(3) inside nn_model"),
    W("nn_model", "hidden size taken from layer_sizes", """
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    np.random.seed(3)
    n_x, n_h, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:f}")
    return parameters
""", "use the n_h argument"),
    W("nn_model", "always trains for 10000 iterations", """
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    np.random.seed(3)
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(10000):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:f}")
    return parameters
""", "run the loop exactly num_iterations times"),
    # predict
    W("predict", "0/1 integers instead of booleans", """
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(int)
""", "no .astype(...)"),
    W("predict", "rounds the probabilities", """
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    return np.round(A2)
""", "no np.round"),
    W("predict", ">= instead of >", """
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    return A2 >= 0.5
""", "the threshold is strict"),
    W("predict", "returns the probabilities", """
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    return A2
""", "your predictions are probabilities"),
    W("predict", "flattened predictions", """
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    return (A2 > 0.5).ravel()
""", "keep the shape (1, m)"),
]

# Right parameters, printed otherwise: these keep their points, with a note.
PRINTING_SLIPS = [
    PrintingSlip("nn_model", "never prints", """
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    np.random.seed(3)
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
    return parameters
""", "with print_cost=True, print the cost"),
    PrintingSlip("nn_model", "prints whether or not print_cost is set", """
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    np.random.seed(3)
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:f}")
    return parameters
""", "only when print_cost is True"),
    PrintingSlip("nn_model", "prints every 100 iterations", """
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    np.random.seed(3)
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 100 == 0:
            print(f"Cost after iteration {i}: {cost:f}")
    return parameters
""", "print once every 1000 iterations"),
]

# The demo's "mistakes" student gets these functions wrong (with the first wrong version of each).
# None of them breaks nn_model: it unpacks layer_sizes' list and prints compute_cost's numpy float
# just as well, and no graded function calls predict.
IN_SAMPLE = ("layer_sizes", "compute_cost", "predict")

# No other graded function calls this one: the demo's "crashes" and "hangs" students break it.
ISOLATED_FUNCTION = "predict"
