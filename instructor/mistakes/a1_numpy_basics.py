"""Typical wrong answers to assignment 1, numpy basics."""

from instructor.mistakes import WrongVersion as W

WRONG_VERSIONS = [
    W("basic_sigmoid", "sign flipped in the exponent", """
def basic_sigmoid(x):
    return 1 / (1 + math.exp(x))
""", "check the sign in the exponent"),
    W("basic_sigmoid", "forgot to take the reciprocal", """
def basic_sigmoid(x):
    return 1 + math.exp(-x)
""", "the sigmoid is one divided by that"),
    W("basic_sigmoid", "used np.exp, returns a numpy scalar", """
def basic_sigmoid(x):
    return 1 / (1 + np.exp(-x))
""", "math.exp returns a Python float"),
    W("sigmoid", "sign flipped in the exponent", """
def sigmoid(x):
    return 1 / (1 + np.exp(x))
""", "check the sign in the exponent"),
    W("sigmoid", "forgot to take the reciprocal", """
def sigmoid(x):
    return 1 + np.exp(-x)
""", "the sigmoid is one divided by that"),
    W("sigmoid", "math.exp on an array", """
def sigmoid(x):
    return 1 / (1 + math.exp(-x))
""", "math.exp only takes one number"),
    W("sigmoid_derivative", "formula applied to x instead of sigmoid(x)", """
def sigmoid_derivative(x):
    return x * (1 - x)
""", "apply the formula to s = sigmoid(x)"),
    W("sigmoid_derivative", "returned the sigmoid itself", """
def sigmoid_derivative(x):
    s = 1 / (1 + np.exp(-x))
    return s
""", "your values are sigmoid(x) itself"),
    W("sigmoid_derivative", "s * (s - 1), the wrong sign", """
def sigmoid_derivative(x):
    s = 1 / (1 + np.exp(-x))
    return s * (s - 1)
""", "it is positive everywhere"),
    W("image2vector", "flat vector without the trailing 1", """
def image2vector(image):
    return image.reshape(-1)
""", "you returned a flat (n,) array"),
    W("image2vector", "a row instead of a column", """
def image2vector(image):
    return image.reshape(1, -1)
""", "you returned a row"),
    W("image2vector", "transposed before reshaping", """
def image2vector(image):
    return image.T.reshape(-1, 1)
""", "the values are all there but in another order"),
    W("normalize_rows", "norm taken along the wrong axis", """
def normalize_rows(x):
    return x / np.linalg.norm(x, axis=0, keepdims=True)
""", "you divided each column by its norm"),
    W("normalize_rows", "divided by the row sums", """
def normalize_rows(x):
    return x / np.sum(np.abs(x), axis=1, keepdims=True)
""", "you divided by the sum of each row"),
    W("normalize_rows", "divided by the squared norm", """
def normalize_rows(x):
    return x / np.sum(x * x, axis=1, keepdims=True)
""", "you divided by the squared norm"),
    W("normalize_rows", "divided the caller's array in place", """
def normalize_rows(x):
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x
""", "in place"),
    W("softmax", "normalised the columns", """
def softmax(x):
    x_exp = np.exp(x)
    return x_exp / np.sum(x_exp, axis=0, keepdims=True)
""", "your columns sum to 1"),
    W("softmax", "divided by the sum of the whole matrix", """
def softmax(x):
    x_exp = np.exp(x)
    return x_exp / np.sum(x_exp)
""", "all your entries together sum to 1"),
    W("softmax", "forgot the exponential", """
def softmax(x):
    return x / np.sum(x, axis=1, keepdims=True)
""", "exponentiate first"),
    W("softmax", "row sums without keepdims", """
def softmax(x):
    x_exp = np.exp(x)
    return x_exp / np.sum(x_exp, axis=1)
""", "pass keepdims=True"),
    W("L1", "no absolute value", """
def L1(yhat, y):
    return float(np.sum(y - yhat))
""", "without their absolute values"),
    W("L1", "mean instead of sum", """
def L1(yhat, y):
    return float(np.mean(np.abs(y - yhat)))
""", "the spec's loss is their sum"),
    W("L1", "forgot to add the terms up", """
def L1(yhat, y):
    return np.abs(y - yhat)
""", "add them up with np.sum"),
    W("L1", "returned a numpy scalar", """
def L1(yhat, y):
    return np.sum(np.abs(y - yhat))
""", "Convert it with float(...)"),
    W("L2", "absolute values instead of squares", """
def L2(yhat, y):
    return float(np.sum(np.abs(y - yhat)))
""", "square each difference"),
    W("L2", "took the square root (the Euclidean norm)", """
def L2(yhat, y):
    return float(np.linalg.norm(y - yhat))
""", "with no square root"),
    W("L2", "mean instead of sum", """
def L2(yhat, y):
    return float(np.mean((y - yhat) ** 2))
""", "the spec's loss is their sum"),
    W("L2", "np.dot of the difference with itself, right for vectors only", """
def L2(yhat, y):
    return float(np.dot(y - yhat, y - yhat))
""", "np.dot(np.ravel(d), np.ravel(d))"),
]

# The demo's "mistakes" student gets these functions wrong (with the first wrong version of each).
IN_SAMPLE = ("sigmoid_derivative", "softmax", "L2")

# No other graded function calls this one: the demo's "crashes" and "hangs" students break it.
ISOLATED_FUNCTION = "L2"
