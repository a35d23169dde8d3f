"""Activation functions handed to students in assignment 4, with their backward steps.

Forward functions return the activation and a cache (the input Z) that the backward step needs;
backward functions turn dA = dJ/dA into dZ = dJ/dZ.
"""

import numpy as np


def sigmoid(Z):
    """A = 1 / (1 + e^(-Z)) entry by entry.

    Arguments:
    Z -- numpy array of any shape

    Returns:
    A -- the sigmoid of Z, same shape as Z
    cache -- Z, kept for the backward step
    """
    A = 1 / (1 + np.exp(-Z))
    return A, Z


def relu(Z):
    """A = max(0, Z) entry by entry.

    Arguments:
    Z -- numpy array of any shape

    Returns:
    A -- the rectified Z, same shape as Z
    cache -- Z, kept for the backward step
    """
    A = np.maximum(0, Z)
    return A, Z


def sigmoid_backward(dA, cache):
    """dZ = dA * s * (1 - s) with s = sigmoid(Z), Z being the cache.

    Arguments:
    dA -- gradient of the cost with respect to the activation, any shape
    cache -- Z, as returned by sigmoid(Z)

    Returns:
    dZ -- gradient of the cost with respect to Z, same shape as Z
    """
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)


def relu_backward(dA, cache):
    """dZ = dA where Z > 0 and 0 elsewhere, Z being the cache.

    Arguments:
    dA -- gradient of the cost with respect to the activation, any shape
    cache -- Z, as returned by relu(Z)

    Returns:
    dZ -- gradient of the cost with respect to Z, same shape as Z
    """
    Z = cache
    return np.where(Z > 0, dA, 0.0)
