"""Correct answers to assignment 1, numpy basics, written another way than the reference."""

from instructor.variants import CorrectVersion as V

VARIANTS = [
    # basic_sigmoid ------------------------------------------------------------------------------
    V("basic_sigmoid", "e^x / (1 + e^x)", """
def basic_sigmoid(x):
    s = math.exp(x) / (1 + math.exp(x))
    return s
"""),
    V("basic_sigmoid", "one over one plus the reciprocal of e^x", """
def basic_sigmoid(x):
    s = 1.0 / (1.0 + 1.0 / math.exp(x))
    return s
"""),
    V("basic_sigmoid", "a branch that never exponentiates a large positive number", """
def basic_sigmoid(x):
    if x >= 0:
        s = 1 / (1 + math.exp(-x))
    else:
        e = math.exp(x)
        s = e / (1 + e)
    return s
"""),
    # sigmoid ------------------------------------------------------------------------------------
    V("sigmoid", "e^x / (1 + e^x)", """
def sigmoid(x):
    e = np.exp(x)
    s = e / (1 + e)
    return s
"""),
    V("sigmoid", "np.reciprocal and np.negative", """
def sigmoid(x):
    s = np.reciprocal(1.0 + np.exp(np.negative(x)))
    return s
"""),
    V("sigmoid", "np.where between two stable forms (a 0-d array for a number)", """
def sigmoid(x):
    x = np.asarray(x, dtype=float)
    s = np.where(x >= 0, 1 / (1 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1 + np.exp(-np.abs(x))))
    return s
"""),
    # sigmoid_derivative -------------------------------------------------------------------------
    V("sigmoid_derivative", "e^(-x) / (1 + e^(-x))^2", """
def sigmoid_derivative(x):
    e = np.exp(-x)
    ds = e / (1 + e) ** 2
    return ds
"""),
    V("sigmoid_derivative", "s - s^2", """
def sigmoid_derivative(x):
    s = sigmoid(x)
    ds = s - s ** 2
    return ds
"""),
    V("sigmoid_derivative", "sigmoid(x) * sigmoid(-x)", """
def sigmoid_derivative(x):
    ds = sigmoid(x) * sigmoid(-x)
    return ds
"""),
    # image2vector -------------------------------------------------------------------------------
    V("image2vector", "reshape(-1, 1)", """
def image2vector(image):
    v = image.reshape(-1, 1)
    return v
"""),
    V("image2vector", "ravel, then a new axis", """
def image2vector(image):
    v = np.ravel(image)[:, np.newaxis]
    return v
"""),
    V("image2vector", "a loop over the entries", """
def image2vector(image):
    v = np.array([[value] for value in image.flat])
    return v
"""),
    V("image2vector", "np.reshape with the size", """
def image2vector(image):
    v = np.reshape(image, (image.size, 1))
    return v
"""),
    # normalize_rows -----------------------------------------------------------------------------
    V("normalize_rows", "square root of the row sums of squares", """
def normalize_rows(x):
    x_norm = np.sqrt(np.sum(x ** 2, axis=1, keepdims=True))
    x_normalized = x / x_norm
    return x_normalized
"""),
    V("normalize_rows", "flat norms reshaped into a column", """
def normalize_rows(x):
    x_norm = np.linalg.norm(x, axis=1).reshape(-1, 1)
    x_normalized = x / x_norm
    return x_normalized
"""),
    V("normalize_rows", "np.einsum for the squared norms", """
def normalize_rows(x):
    x_norm = np.sqrt(np.einsum("ij,ij->i", x, x))[:, np.newaxis]
    x_normalized = x / x_norm
    return x_normalized
"""),
    V("normalize_rows", "a loop over the rows", """
def normalize_rows(x):
    x_normalized = np.array([row / np.linalg.norm(row) for row in x])
    return x_normalized
"""),
    # softmax ------------------------------------------------------------------------------------
    V("softmax", "each row shifted by its largest entry first", """
def softmax(x):
    x_exp = np.exp(x - np.max(x, axis=1, keepdims=True))
    s = x_exp / np.sum(x_exp, axis=1, keepdims=True)
    return s
"""),
    V("softmax", "flat row sums with a new axis", """
def softmax(x):
    x_exp = np.exp(x)
    s = x_exp / x_exp.sum(axis=1)[:, None]
    return s
"""),
    V("softmax", "row sums as a matrix product with a column of ones", """
def softmax(x):
    x_exp = np.exp(x)
    s = x_exp / (x_exp @ np.ones((x.shape[1], 1)))
    return s
"""),
    V("softmax", "transposed so that broadcasting runs along the rows", """
def softmax(x):
    x_exp = np.exp(x)
    s = (x_exp.T / np.sum(x_exp, axis=1)).T
    return s
"""),
    # L1 -----------------------------------------------------------------------------------------
    V("L1", "method calls and yhat - y", """
def L1(yhat, y):
    loss = float(np.abs(yhat - y).sum())
    return loss
"""),
    V("L1", "np.linalg.norm with ord=1 of the flattened difference", """
def L1(yhat, y):
    loss = float(np.linalg.norm(np.ravel(y - yhat), ord=1))
    return loss
"""),
    V("L1", "a Python loop over every entry", """
def L1(yhat, y):
    loss = 0.0
    for difference in np.ravel(y - yhat):
        loss += abs(float(difference))
    return loss
"""),
    # L2 -----------------------------------------------------------------------------------------
    V("L2", "np.dot of the flattened difference with itself", """
def L2(yhat, y):
    difference = np.ravel(y - yhat)
    loss = float(np.dot(difference, difference))
    return loss
"""),
    V("L2", "np.vdot, which flattens its arguments", """
def L2(yhat, y):
    loss = float(np.vdot(y - yhat, y - yhat))
    return loss
"""),
    V("L2", "the squared Euclidean norm", """
def L2(yhat, y):
    loss = float(np.linalg.norm(y - yhat) ** 2)
    return loss
"""),
    V("L2", "** 2 and np.sum", """
def L2(yhat, y):
    loss = float(np.sum((yhat - y) ** 2))
    return loss
"""),
]
