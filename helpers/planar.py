"""The 2-D datasets of assignment 3: the two-petal "flower" and four extra shapes to try.

Each returns X of shape (2, m), one column per point, and Y of shape (1, m) with labels 0 or 1.
"""

from __future__ import annotations

import numpy as np
import sklearn.datasets

FLOWER_SEED = 1
EXTRA_SEED = 3
EXTRA_POINTS = 200


def load_planar_dataset():
    """The flower: 400 points, 200 per class, on petals that interleave the two classes.

    With the seed fixed at 1, class j (j = 0, 1) gets 200 angles
    theta = linspace(j * 3.12, (j + 1) * 3.12, 200) + 0.2 * noise and radii
    r = 4 * sin(4 * theta) + 0.2 * noise, and its points are (r sin theta, r cos theta).

    Returns:
    X -- float64 array of shape (2, 400)
    Y -- uint8 array of shape (1, 400)
    """
    np.random.seed(FLOWER_SEED)
    points_per_class, petal_length = 200, 4
    X = np.zeros((2 * points_per_class, 2))
    Y = np.zeros((2 * points_per_class, 1), dtype="uint8")
    for label in (0, 1):
        rows = slice(label * points_per_class, (label + 1) * points_per_class)
        theta = np.linspace(label * 3.12, (label + 1) * 3.12, points_per_class)
        theta = theta + np.random.randn(points_per_class) * 0.2
        radius = petal_length * np.sin(4 * theta) + np.random.randn(points_per_class) * 0.2
        X[rows] = np.c_[radius * np.sin(theta), radius * np.cos(theta)]
        Y[rows] = label
    return X.T, Y.T


def load_extra_datasets():
    """Four more 2-D binary problems of 200 points each, from scikit-learn's generators.

    Returns a dict name -> (X of shape (2, 200), Y of shape (1, 200)) for "noisy_circles",
    "noisy_moons", "blobs" (six blobs, made binary with Y % 2) and "gaussian_quantiles".
    Each is seeded, so the same call gives the same points.
    """
    generated = {
        "noisy_circles": sklearn.datasets.make_circles(
            n_samples=EXTRA_POINTS, factor=0.5, noise=0.3, random_state=EXTRA_SEED),
        "noisy_moons": sklearn.datasets.make_moons(
            n_samples=EXTRA_POINTS, noise=0.2, random_state=EXTRA_SEED),
        "blobs": sklearn.datasets.make_blobs(
            n_samples=EXTRA_POINTS, n_features=2, centers=6, random_state=5),
        "gaussian_quantiles": sklearn.datasets.make_gaussian_quantiles(
            cov=0.5, n_samples=EXTRA_POINTS, n_features=2, n_classes=2, random_state=EXTRA_SEED),
    }
    datasets = {}
    for name, (points, labels) in generated.items():
        if name == "blobs":
            labels = labels % 2
        datasets[name] = (points.T, labels.reshape(1, -1).astype("uint8"))
    return datasets
