"""Correct answers to assignment 5, deep networks on cat pictures, written another way than the
reference, with the building blocks of deep_blocks.py (imported at the top of the notebook)."""

from instructor.variants import CorrectVersion as V

VARIANTS = [
    # two_layer_model ----------------------------------------------------------------------------
    V("two_layer_model", "costs kept as the 0-d arrays compute_cost returns", """
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    costs = []
    (n_x, n_h, n_y) = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        cost = compute_cost(A2, Y)
        if i % 100 == 0:
            costs.append(cost)
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {cost}")
        dA2 = -(Y / A2 - (1 - Y) / (1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        _, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        parameters = update_parameters(parameters, {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2},
                                       learning_rate)
    return parameters, costs
"""),
    V("two_layer_model", "the output layer's gradient taken directly as dZ2 = A2 - Y", """
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    costs = []
    (n_x, n_h, n_y) = layers_dims
    m = X.shape[1]
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        cost = compute_cost(A2, Y)
        dZ2 = A2 - Y
        dW2 = dZ2 @ A1.T / m
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m
        dA1 = parameters["W2"].T @ dZ2
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        parameters = update_parameters(parameters, grads, learning_rate)
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {float(cost)}")
        if i % 100 == 0:
            costs.append(float(cost))
    return parameters, costs
"""),
    V("two_layer_model", "the parameters unpacked and updated by hand, the print condition nested", """
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    costs = []
    (n_x, n_h, n_y) = layers_dims
    start = initialize_parameters(n_x, n_h, n_y)
    W1, b1, W2, b2 = start["W1"], start["b1"], start["W2"], start["b2"]
    for i in range(num_iterations):
        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = np.divide(1 - Y, 1 - A2) - np.divide(Y, A2)
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        W1, b1 = W1 - learning_rate * dW1, b1 - learning_rate * db1
        W2, b2 = W2 - learning_rate * dW2, b2 - learning_rate * db2
        if i % 100 == 0 or i == num_iterations - 1:
            if print_cost:
                print("Cost after iteration %d: %.6f" % (i, cost))
        if i % 100 == 0:
            costs.append(cost.item())
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters, costs
"""),
    # L_layer_model ------------------------------------------------------------------------------
    V("L_layer_model", "costs kept as 0-d arrays, %-formatting", """
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    costs = []
    parameters = initialize_parameters_deep(layers_dims)
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        if not i % 100:
            costs.append(cost)
        if print_cost and (not i % 100 or i + 1 == num_iterations):
            print("Cost after iteration %d: %f" % (i, cost))
        parameters = update_parameters(parameters, L_model_backward(AL, Y, caches), learning_rate)
    return parameters, costs
"""),
    V("L_layer_model", "a while loop, the update written as a dict comprehension", """
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    costs = []
    parameters = initialize_parameters_deep(layers_dims)
    i = 0
    while i < num_iterations:
        AL, caches = L_model_forward(X, parameters)
        cost = float(compute_cost(AL, Y))
        grads = L_model_backward(AL, Y, caches)
        parameters = {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {cost:.10f}")
        if i % 100 == 0:
            costs.append(cost)
        i += 1
    return parameters, costs
"""),
    V("L_layer_model", "the iterations to print collected before the loop", """
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    costs = []
    printed = set(range(0, num_iterations, 100)) | {num_iterations - 1} if print_cost else set()
    parameters = initialize_parameters_deep(layers_dims)
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        if i in printed:
            print("Cost after iteration {}: {}".format(i, float(cost)))
        if i % 100 == 0:
            costs.append(float(np.squeeze(cost)))
    return parameters, costs
"""),
]
