"""Typical wrong answers to assignment 2, logistic regression."""

from instructor.mistakes import PrintingSlip, WrongVersion as W

WRONG_VERSIONS = [
    # sigmoid -----------------------------------------------------------------------------------
    W("sigmoid", "sign flipped in the exponent", """
def sigmoid(z):
    s = 1 / (1 + np.exp(z))
    return s
""", "check the sign in the exponent"),
    W("sigmoid", "forgot to take the reciprocal", """
def sigmoid(z):
    s = 1 + np.exp(-z)
    return s
""", "the sigmoid is one divided by that"),
    W("sigmoid", "math.exp on an array", """
import math


def sigmoid(z):
    s = 1 / (1 + math.exp(-z))
    return s
""", "math.exp only takes one number"),
    # initialize_with_zeros ---------------------------------------------------------------------
    W("initialize_with_zeros", "b = 0, an int", """
def initialize_with_zeros(dim):
    w = np.zeros((dim, 1))
    b = 0
    return w, b
""", "b = 0 is an int"),
    W("initialize_with_zeros", "b as a (1, 1) array", """
def initialize_with_zeros(dim):
    w = np.zeros((dim, 1))
    b = np.zeros((1, 1))
    return w, b
""", "not a numpy array"),
    W("initialize_with_zeros", "w flat, without the trailing 1", """
def initialize_with_zeros(dim):
    w = np.zeros(dim)
    b = 0.0
    return w, b
""", "w is a flat (dim,) array"),
    W("initialize_with_zeros", "w a row instead of a column", """
def initialize_with_zeros(dim):
    w = np.zeros((1, dim))
    b = 0.0
    return w, b
""", "w is a row (1, dim)"),
    W("initialize_with_zeros", "integer zeros", """
def initialize_with_zeros(dim):
    w = np.zeros((dim, 1), dtype=int)
    b = 0.0
    return w, b
""", "w holds integers"),
    # propagate ---------------------------------------------------------------------------------
    W("propagate", "forgot 1/m", """
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = np.dot(X, (A - Y).T)
    db = np.sum(A - Y)
    cost = np.squeeze(np.array(cost))
    grads = {"dw": dw, "db": db}
    return grads, cost
""", "divide the sums by m"),
    W("propagate", "bias left out of the activation", """
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X))
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = np.dot(X, (A - Y).T) / m
    db = np.sum(A - Y) / m
    cost = np.squeeze(np.array(cost))
    grads = {"dw": dw, "db": db}
    return grads, cost
""", "with b inside the sigmoid"),
    W("propagate", "minus sign of the cost forgotten", """
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = np.dot(X, (A - Y).T) / m
    db = np.sum(A - Y) / m
    cost = np.squeeze(np.array(cost))
    grads = {"dw": dw, "db": db}
    return grads, cost
""", "has a minus sign in front"),
    W("propagate", "dw computed as a row", """
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = np.dot(A - Y, X.T) / m
    db = np.sum(A - Y) / m
    cost = np.squeeze(np.array(cost))
    grads = {"dw": dw, "db": db}
    return grads, cost
""", "dw must have the shape of w"),
    W("propagate", "Y - A instead of A - Y", """
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = np.dot(X, (Y - A).T) / m
    db = np.sum(Y - A) / m
    cost = np.squeeze(np.array(cost))
    grads = {"dw": dw, "db": db}
    return grads, cost
""", "not Y - A"),
    W("propagate", "db kept as a (1, 1) array", """
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = np.dot(X, (A - Y).T) / m
    db = np.sum(A - Y, axis=1, keepdims=True) / m
    cost = np.squeeze(np.array(cost))
    grads = {"dw": dw, "db": db}
    return grads, cost
""", "db is one number"),
    # optimize ----------------------------------------------------------------------------------
    W("optimize", "cost recorded at every iteration", """
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        w = w - learning_rate * dw
        b = b - learning_rate * db
        costs.append(cost)
    params = {"w": w, "b": b}
    grads = {"dw": dw, "db": db}
    return params, grads, costs
""", "i % 100 == 0"),
    W("optimize", "costs recorded at iterations 99, 199, ...", """
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        w = w - learning_rate * dw
        b = b - learning_rate * db
        if (i + 1) % 100 == 0:
            costs.append(cost)
    params = {"w": w, "b": b}
    grads = {"dw": dw, "db": db}
    return params, grads, costs
""", "the first is the cost of iteration 0"),
    W("optimize", "the caller's w updated in place", """
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        w -= learning_rate * dw
        b -= learning_rate * db
        if i % 100 == 0:
            costs.append(cost)
    params = {"w": w, "b": b}
    grads = {"dw": dw, "db": db}
    return params, grads, costs
""", "it changed its argument `w` in place"),
    W("optimize", "b never updated", """
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        w = w - learning_rate * dw
        if i % 100 == 0:
            costs.append(cost)
    params = {"w": w, "b": b}
    grads = {"dw": dw, "db": db}
    return params, grads, costs
""", "b never changed"),
    W("optimize", "a fixed learning rate instead of the argument", """
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        w = w - 0.009 * dw
        b = b - 0.009 * db
        if i % 100 == 0:
            costs.append(cost)
    params = {"w": w, "b": b}
    grads = {"dw": dw, "db": db}
    return params, grads, costs
""", "with the learning_rate argument"),
    W("optimize", "a fixed number of iterations", """
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(100):
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        w = w - learning_rate * dw
        b = b - learning_rate * db
        if i % 100 == 0:
            costs.append(cost)
    params = {"w": w, "b": b}
    grads = {"dw": dw, "db": db}
    return params, grads, costs
""", "loop for num_iterations steps"),
    W("optimize", "steps up the gradient", """
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        w = w + learning_rate * dw
        b = b + learning_rate * db
        if i % 100 == 0:
            costs.append(cost)
    params = {"w": w, "b": b}
    grads = {"dw": dw, "db": db}
    return params, grads, costs
""", "with a minus sign"),
    W("optimize", "gradients recomputed after the last update", """
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    grads, cost = propagate(w, b, X, Y)
    dw = grads["dw"]
    db = grads["db"]
    params = {"w": w, "b": b}
    grads = {"dw": dw, "db": db}
    return params, grads, costs
""", "return the gradients of the last iteration"),
    W("optimize", "costs returned as a numpy array", """
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        w = w - learning_rate * dw
        b = b - learning_rate * db
        if i % 100 == 0:
            costs.append(cost)
    params = {"w": w, "b": b}
    grads = {"dw": dw, "db": db}
    return params, grads, np.array(costs)
""", "costs should be a Python list"),
    # predict -----------------------------------------------------------------------------------
    W("predict", "threshold applied to the score z", """
def predict(w, b, X):
    z = np.dot(w.T, X) + b
    Y_prediction = (z > 0.5).astype(float)
    return Y_prediction
""", "you compared the score z"),
    W("predict", "bias left out", """
def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X))
    Y_prediction = (A > 0.5).astype(float)
    return Y_prediction
""", "a model without its bias"),
    W("predict", "a probability of 0.5 labelled 1", """
def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    Y_prediction = (A >= 0.5).astype(float)
    return Y_prediction
""", "exactly 0.5 should give 0"),
    W("predict", "a boolean array", """
def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    Y_prediction = A > 0.5
    return Y_prediction
""", ".astype(float)"),
    W("predict", "labels the wrong way round", """
def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    Y_prediction = (A < 0.5).astype(float)
    return Y_prediction
""", "the wrong way round"),
    W("predict", "probabilities instead of labels", """
def predict(w, b, X):
    Y_prediction = sigmoid(np.dot(w.T, X) + b)
    return Y_prediction
""", "you returned probabilities"),
    # model -------------------------------------------------------------------------------------
    W("model", "learning_rate not passed on to optimize", """
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations)
    w = params["w"]
    b = params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    d = {"costs": costs, "Y_prediction_test": Y_prediction_test, "Y_prediction_train": Y_prediction_train,
         "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}
    return d
""", "pass learning_rate on to optimize"),
    W("model", "num_iterations not passed on to optimize", """
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, learning_rate=learning_rate)
    w = params["w"]
    b = params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    d = {"costs": costs, "Y_prediction_test": Y_prediction_test, "Y_prediction_train": Y_prediction_train,
         "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}
    return d
""", "pass num_iterations on to optimize"),
    W("model", "random initialisation", """
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w = np.random.randn(X_train.shape[0], 1) * 0.5
    b = 0.0
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w = params["w"]
    b = params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    d = {"costs": costs, "Y_prediction_test": Y_prediction_test, "Y_prediction_train": Y_prediction_train,
         "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}
    return d
""", "start from w, b = initialize_with_zeros"),
    W("model", "train and test predictions swapped", """
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w = params["w"]
    b = params["b"]
    Y_prediction_test = predict(w, b, X_train)
    Y_prediction_train = predict(w, b, X_test)
    d = {"costs": costs, "Y_prediction_test": Y_prediction_test, "Y_prediction_train": Y_prediction_train,
         "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}
    return d
""", "the predictions are swapped"),
    W("model", "optimize's arguments in the wrong order", """
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, learning_rate, num_iterations, print_cost)
    w = params["w"]
    b = params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    d = {"costs": costs, "Y_prediction_test": Y_prediction_test, "Y_prediction_train": Y_prediction_train,
         "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}
    return d
""", "pass them by name"),
]

# Right values, printed otherwise: these keep their points, with a note.
PRINTING_SLIPS = [
    PrintingSlip("optimize", "prints the costs even when print_cost is False", """
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        w = w - learning_rate * dw
        b = b - learning_rate * db
        if i % 100 == 0:
            costs.append(cost)
            print(f"Cost after iteration {i}: {float(cost):f}")
    params = {"w": w, "b": b}
    grads = {"dw": dw, "db": db}
    return params, grads, costs
""", "print the costs only when print_cost is True"),
    PrintingSlip("optimize", "prints the costs with two decimals", """
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        w = w - learning_rate * dw
        b = b - learning_rate * db
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {float(cost):.2f}")
    params = {"w": w, "b": b}
    grads = {"dw": dw, "db": db}
    return params, grads, costs
""", "six decimals or more"),
    PrintingSlip("model", "print_cost not passed on to optimize", """
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate)
    w = params["w"]
    b = params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    d = {"costs": costs, "Y_prediction_test": Y_prediction_test, "Y_prediction_train": Y_prediction_train,
         "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}
    return d
""", "pass print_cost on to optimize"),
]

# The demo's "mistakes" student gets these functions wrong (with the first wrong version of each).
# Of the graded functions, only `model` calls initialize_with_zeros and predict, and model is in
# the list itself: no other test fails as a consequence (no ALSO_LOSES).
IN_SAMPLE = ("initialize_with_zeros", "predict", "model")

# No other graded function calls model: the demo's "crashes" and "hangs" students sabotage it.
ISOLATED_FUNCTION = "model"
