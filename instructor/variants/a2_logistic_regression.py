"""Correct answers to assignment 2, logistic regression, written another way than the reference."""

from instructor.variants import CorrectVersion as V

VARIANTS = [
    # sigmoid ------------------------------------------------------------------------------------
    V("sigmoid", "e^z / (1 + e^z)", """
def sigmoid(z):
    s = np.exp(z) / (1 + np.exp(z))
    return s
"""),
    V("sigmoid", "np.divide and np.negative", """
def sigmoid(z):
    s = np.divide(1.0, 1.0 + np.exp(np.negative(z)))
    return s
"""),
    V("sigmoid", "through tanh: (1 + tanh(z / 2)) / 2", """
def sigmoid(z):
    s = 0.5 * (1 + np.tanh(0.5 * np.asarray(z)))
    return s
"""),
    # initialize_with_zeros ----------------------------------------------------------------------
    V("initialize_with_zeros", "a flat array of zeros reshaped into a column", """
def initialize_with_zeros(dim):
    w = np.zeros(dim).reshape(dim, 1)
    b = float(0)
    return w, b
"""),
    V("initialize_with_zeros", "np.full with an explicit float dtype", """
def initialize_with_zeros(dim):
    w = np.full((dim, 1), 0.0, dtype=np.float64)
    b = 0.
    return w, b
"""),
    V("initialize_with_zeros", "the shape given as a list", """
def initialize_with_zeros(dim):
    w, b = np.zeros([dim, 1], dtype=float), 0.0
    return w, b
"""),
    # propagate ----------------------------------------------------------------------------------
    V("propagate", "@ and np.mean", """
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = X @ (A - Y).T / m
    db = np.mean(A - Y)
    cost = np.squeeze(np.array(cost))
    grads = {"dw": dw, "db": db}
    return grads, cost
"""),
    V("propagate", "the cost as a (1, 1) product of a row and a column, squeezed after", """
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m
    dw = (1 / m) * np.dot(X, (A - Y).T)
    db = (1 / m) * np.sum(A - Y)
    cost = np.squeeze(np.array(cost))
    grads = {"dw": dw, "db": db}
    return grads, cost
"""),
    V("propagate", "np.einsum, and db and the cost as Python floats", """
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.einsum("ij,im->jm", w, X) + b)
    cost = float(-np.sum(np.log(np.where(Y == 1, A, 1 - A))) / m)
    dw = np.einsum("im,jm->ij", X, A - Y) / m
    db = float(np.sum(A - Y)) / m
    cost = np.squeeze(np.array(cost))
    grads = {"dw": dw, "db": db}
    return grads, cost
"""),
    V("propagate", "db as a 0-d array", """
def propagate(w, b, X, Y):
    m = X.shape[1]
    Z = np.dot(w.T, X) + b
    A = sigmoid(Z)
    cost = np.sum(-Y * np.log(A) - (1 - Y) * np.log(1 - A)) / m
    dZ = A - Y
    dw = np.dot(X, dZ.T) / m
    db = np.squeeze(np.sum(dZ, axis=1, keepdims=True)) / m
    cost = np.squeeze(np.array(cost))
    grads = {"dw": dw, "db": db}
    return grads, cost
"""),
    # optimize -----------------------------------------------------------------------------------
    V("optimize", "a copy of w updated in place, and %-formatting", """
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    w = w.copy()
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw, db = grads["dw"], grads["db"]
        w -= learning_rate * dw
        b -= learning_rate * db
        if i % 100 == 0:
            costs.append(cost)
        if print_cost and i % 100 == 0:
            print("Cost after iteration %i: %f" % (i, cost))
    params = {"w": w, "b": b}
    grads = {"dw": dw, "db": db}
    return params, grads, costs
"""),
    V("optimize", "a while loop, costs kept as Python floats", """
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    i = 0
    while i < num_iterations:
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        if i % 100 == 0:
            costs.append(float(cost))
            if print_cost:
                print(f"Cost after iteration {i}: {float(cost)}")
        w = w - learning_rate * dw
        b = b - learning_rate * db
        i += 1
    params = {"w": w, "b": b}
    grads = {"dw": dw, "db": db}
    return params, grads, costs
"""),
    V("optimize", "np.subtract, a 0-d array b, and the cost printed with eight decimals", """
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        w = np.subtract(w, learning_rate * dw)
        b = np.subtract(b, learning_rate * db)
        if i % 100 == 0:
            costs.append(np.array(cost))
            if print_cost:
                print("Cost after iteration {}: {:.8f}".format(i, float(cost)))
    params = {"w": w, "b": b}
    grads = {"dw": dw, "db": db}
    return params, grads, costs
"""),
    # predict ------------------------------------------------------------------------------------
    V("predict", "np.where on the probabilities", """
def predict(w, b, X):
    A = sigmoid(w.T @ X + b)
    Y_prediction = np.where(A > 0.5, 1.0, 0.0)
    return Y_prediction
"""),
    V("predict", "a loop over the examples", """
def predict(w, b, X):
    m = X.shape[1]
    Y_prediction = np.zeros((1, m))
    A = sigmoid(np.dot(w.T, X) + b)
    for i in range(A.shape[1]):
        if A[0, i] > 0.5:
            Y_prediction[0, i] = 1
        else:
            Y_prediction[0, i] = 0
    return Y_prediction
"""),
    V("predict", "the comparison multiplied by 1.0", """
def predict(w, b, X):
    A = sigmoid(np.matmul(w.T, X) + b)
    Y_prediction = np.greater(A, 0.5) * 1.0
    return Y_prediction
"""),
    # model --------------------------------------------------------------------------------------
    V("model", "every argument of optimize passed by name", """
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations=num_iterations,
                                    learning_rate=learning_rate, print_cost=print_cost)
    w, b = params["w"], params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    d = {
        "costs": costs,
        "Y_prediction_test": Y_prediction_test,
        "Y_prediction_train": Y_prediction_train,
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }
    return d
"""),
    V("model", "zeros made without initialize_with_zeros, test set predicted last", """
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = np.zeros((X_train.shape[0], 1)), 0.0
    params, _, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w = params["w"]
    b = params["b"]
    Y_prediction_train = predict(w, b, X_train)
    Y_prediction_test = predict(w, b, X_test)
    d = {
        "costs": costs,
        "Y_prediction_test": Y_prediction_test,
        "Y_prediction_train": Y_prediction_train,
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }
    return d
"""),
    V("model", "the dict built with dict(...) from the parameters", """
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    params, grads, costs = optimize(*initialize_with_zeros(len(X_train)), X_train, Y_train,
                                    num_iterations, learning_rate, print_cost)
    d = dict(costs=costs,
             Y_prediction_test=predict(params["w"], params["b"], X_test),
             Y_prediction_train=predict(params["w"], params["b"], X_train),
             learning_rate=learning_rate, num_iterations=num_iterations, **params)
    return d
"""),
]
