"""Figures the assignments draw: decision boundaries, cost curves, mislabelled pictures."""

from __future__ import annotations

from typing import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np


def plot_decision_boundary(predict: Callable[[np.ndarray], np.ndarray], X: np.ndarray, Y: np.ndarray,
                           ax=None, title: str | None = None, resolution: int = 300):
    """Shade the plane by the class `predict` gives it, and scatter the points on top.

    predict -- function taking an array of shape (2, n) and returning n labels (any shape)
    X -- points, shape (2, m); Y -- their labels, shape (1, m)
    """
    ax = ax or plt.gca()
    margin = 1.0
    x_min, x_max = X[0].min() - margin, X[0].max() + margin
    y_min, y_max = X[1].min() - margin, X[1].max() + margin
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution))
    grid = np.vstack([xx.ravel(), yy.ravel()])
    regions = np.asarray(predict(grid), dtype=float).reshape(xx.shape)
    ax.contourf(xx, yy, regions, cmap=plt.cm.Spectral, alpha=0.8)
    ax.scatter(X[0], X[1], c=np.ravel(Y), cmap=plt.cm.Spectral, s=12, edgecolors="k", linewidths=0.3)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    return ax


def plot_costs(costs: Sequence[float], every: int = 100, ax=None, label: str | None = None,
               title: str | None = None):
    """Plot a cost recorded every `every` iterations (the first at iteration 0)."""
    ax = ax or plt.gca()
    costs = np.ravel(np.asarray(costs, dtype=float))
    ax.plot(np.arange(len(costs)) * every, costs, label=label)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost")
    if title:
        ax.set_title(title)
    if label:
        ax.legend()
    return ax


def plot_cost_curves(curves: Mapping[str, Sequence[float]], every: int = 100, title: str | None = None):
    """Several cost curves on one plot, labelled by the keys of `curves`."""
    fig, ax = plt.subplots(figsize=(7, 4))
    for label, costs in curves.items():
        plot_costs(costs, every=every, ax=ax, label=label)
    if title:
        ax.set_title(title)
    return ax


def show_mislabelled(images: np.ndarray, Y: np.ndarray, predictions: np.ndarray, classes: np.ndarray,
                     columns: int = 5, limit: int = 20):
    """A grid of the pictures whose prediction differs from the label, captioned with both.

    images -- uint8 pictures of shape (m, height, width, 3)
    Y, predictions -- labels and predicted labels, shape (1, m)
    classes -- class names, e.g. array([b'non-cat', b'cat'])
    """
    wrong = np.flatnonzero(np.ravel(Y).astype(int) != np.ravel(predictions).astype(int))[:limit]
    if wrong.size == 0:
        print("No mislabelled pictures.")
        return None
    rows = int(np.ceil(wrong.size / columns))
    # Constrained layout places each three-line caption in room of its own above its picture
    # (tight_layout left the captions of a lower row over the pictures of the row above).
    fig, axes = plt.subplots(rows, columns, figsize=(2.2 * columns, 2.8 * rows), squeeze=False,
                             layout="constrained")
    for ax in axes.ravel():
        ax.axis("off")
    for ax, index in zip(axes.ravel(), wrong):
        predicted = classes[int(np.ravel(predictions)[index])].decode()
        actual = classes[int(np.ravel(Y)[index])].decode()
        ax.imshow(images[index])
        ax.set_title(f"#{index}\npredicted {predicted}\nactually {actual}", fontsize=9)
    return fig
