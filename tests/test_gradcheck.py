"""The numerical-gradient helper agrees with gradients known in closed form."""

import numpy as np

from graders.gradcheck import elementwise_derivative, numerical_gradient


def test_gradient_of_a_quadratic_form():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(3, 3))
    x = rng.normal(size=(3, 1))
    analytic = (A + A.T) @ x  # d/dx of x^T A x
    assert np.allclose(numerical_gradient(lambda v: (v.T @ A @ v).item(), x), analytic, rtol=1e-4, atol=1e-6)


def test_elementwise_derivative_of_sin_is_cos():
    x = np.linspace(-2, 2, 7).reshape(7, 1)
    assert np.allclose(elementwise_derivative(np.sin, x), np.cos(x), rtol=1e-5, atol=1e-6)
