"""The course's one numerical-gradient helper, shared by every backward check.

A backward function is right when its gradient agrees with the slope of the cost measured
directly: nudge one entry of the input, see how much the cost moves. scipy's `approx_fprime`
does the nudging; this module only reshapes between the course's arrays and scipy's flat vectors.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from scipy.optimize import approx_fprime

EPSILON = 1e-7  # step of the finite difference, for float64 inputs of order 1
GRAD_RTOL = 1e-4  # a finite difference is only that accurate: compare with this tolerance


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, epsilon: float = EPSILON) -> np.ndarray:
    """The gradient of a scalar function `f` at `x`, by finite differences, shaped like `x`."""
    x = np.asarray(x, dtype=float)
    flat = approx_fprime(x.ravel(), lambda v: float(f(v.reshape(x.shape))), epsilon)
    return flat.reshape(x.shape)


def elementwise_derivative(f: Callable[[np.ndarray], np.ndarray], x: np.ndarray, epsilon: float = EPSILON) -> np.ndarray:
    """d f(x)_i / d x_i for an elementwise function `f`, by finite differences, shaped like `x`.

    An elementwise function's Jacobian is diagonal, so the gradient of sum(f(x)) is its diagonal.
    """
    return numerical_gradient(lambda v: np.sum(f(v)), x, epsilon)
