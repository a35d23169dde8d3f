"""The activation helpers of assignment 4 agree with scipy and with numerical derivatives."""

import numpy as np
from scipy.special import expit

from graders.gradcheck import elementwise_derivative
from helpers.activations import relu, relu_backward, sigmoid, sigmoid_backward

Z = np.array([[-2.0, -0.3, 0.4], [1.7, -1.1, 2.5]])


def test_forward_functions_return_the_activation_and_cache_z():
    A, cache = sigmoid(Z)
    assert np.allclose(A, expit(Z)) and cache is Z
    A, cache = relu(Z)
    assert np.array_equal(A, np.where(Z > 0, Z, 0)) and cache is Z


def test_backward_functions_match_numerical_derivatives():
    dA = np.array([[0.5, -1.0, 2.0], [1.5, 0.3, -0.7]])
    assert np.allclose(sigmoid_backward(dA, Z), dA * elementwise_derivative(expit, Z), rtol=1e-5, atol=1e-7)
    relu_only = lambda v: np.maximum(0, v)  # noqa: E731
    assert np.allclose(relu_backward(dA, Z), dA * elementwise_derivative(relu_only, Z), rtol=1e-5, atol=1e-7)
