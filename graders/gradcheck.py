"""The course's one numerical-gradient helper, shared by every backward check.

A backward function is right when its gradient agrees with the slope of the cost measured
directly: nudge one entry of the input, see how much the cost moves. scipy's `approx_fprime`
does the nudging, once forwards and once backwards; their mean is the centred difference, whose
error shrinks with the square of the step (about 1e-10 here, against 1e-7 for one-sided steps).
This module only adds that averaging and the reshaping between the course's arrays and scipy's
flat vectors.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from scipy.optimize import approx_fprime

EPSILON = 1e-5  # step of the centred difference, for float64 inputs of order 1
GRAD_RTOL = 1e-5  # what a centred difference with this step can promise, relatively
GRAD_ATOL = 1e-8  # ... and absolutely, for gradients near zero


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, epsilon: float = EPSILON) -> np.ndarray:
    """The gradient of a scalar function `f` at `x`, by centred differences, shaped like `x`."""
    x = np.asarray(x, dtype=float)
    scalar = lambda v: float(f(v.reshape(x.shape)))  # noqa: E731
    flat = (approx_fprime(x.ravel(), scalar, epsilon) + approx_fprime(x.ravel(), scalar, -epsilon)) / 2
    return flat.reshape(x.shape)


def elementwise_derivative(f: Callable[[np.ndarray], np.ndarray], x: np.ndarray, epsilon: float = EPSILON) -> np.ndarray:
    """d f(x)_i / d x_i for an elementwise function `f`, by finite differences, shaped like `x`.

    An elementwise function's Jacobian is diagonal, so the gradient of sum(f(x)) is its diagonal.
    """
    return numerical_gradient(lambda v: np.sum(f(v)), x, epsilon)
