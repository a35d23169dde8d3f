"""How much does the course's code style cost? The reference L_layer_model against plain numpy.

The course builds its L-layer network from small functions that pass dicts of parameters and
gradients and tuples of caches (assignment 4's building blocks, deep_blocks.py). This benchmark
trains the 4-layer cat classifier [12288, 20, 7, 5, 1] for 2500 iterations twice in the same
run: once with the reference L_layer_model of assignment 5's source notebook, once with the
minimal straight-line numpy code below (lists of arrays, one loop forward, one loop backward).
Both compute the same thing, the gradient with respect to the input included (the course's
backward pass returns it as "dA0"), and the script checks that they reach the same costs. It
prints both times and their ratio; the aim is a ratio of at most 1.2.

For information it also times the straight-line code without the input gradient, which no
update needs: that is the price of the course's complete gradient dict, not of its style.

Run from the top folder:
    .venv/bin/python benchmarks/l_layer_model.py [--iterations N] [--repeat R] [--threads T]
The implementations take turns, and numpy's matrix products run on one thread by default
(--threads), so that they do not compete for the cores with other processes; on a busy machine
the times still vary from run to run, and --repeat keeps each implementation's best time.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits  # installed with scikit-learn

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "a5_deep_nn_application"
LAYERS_DIMS = [12288, 20, 7, 5, 1]
LEARNING_RATE = 0.0075
TARGET_RATIO = 1.2


def reference_l_layer_model():
    """The reference L_layer_model: the source notebook's import and solution cells, run."""
    sys.path[:0] = [str(ROOT), str(ROOT / "notebooks" / ASSIGNMENT)]
    from tests.conftest import reference_namespace

    return reference_namespace(ASSIGNMENT)["L_layer_model"]


def straight_line_model(X, Y, layers_dims, learning_rate, num_iterations, input_gradient=True):
    """The same training in plain numpy: weights in lists, no dicts, no caches, no helpers.

    Returns (weights, biases, costs) with the costs at iterations 0, 100, 200, ...
    """
    np.random.seed(1)
    weights = [np.random.randn(n, n_prev) / np.sqrt(n_prev) for n_prev, n in zip(layers_dims, layers_dims[1:])]
    biases = [np.zeros((n, 1)) for n in layers_dims[1:]]
    depth, m = len(weights), X.shape[1]
    costs = []
    for i in range(num_iterations):
        activations, sums = [X], []
        for k in range(depth):
            Z = weights[k] @ activations[-1] + biases[k]
            sums.append(Z)
            activations.append(1 / (1 + np.exp(-Z)) if k == depth - 1 else np.maximum(0, Z))
        AL = activations[-1]
        cost = -(Y @ np.log(AL).T + (1 - Y) @ np.log(1 - AL).T).item() / m
        if i % 100 == 0:
            costs.append(cost)
        dA = -(Y / AL - (1 - Y) / (1 - AL))
        for k in range(depth - 1, -1, -1):
            if k == depth - 1:
                dZ = dA * AL * (1 - AL)
            else:
                dZ = np.where(sums[k] > 0, dA, 0.0)
            dW = dZ @ activations[k].T / m
            db = dZ.sum(axis=1, keepdims=True) / m
            if k > 0 or input_gradient:
                dA = weights[k].T @ dZ
            weights[k] = weights[k] - learning_rate * dW
            biases[k] = biases[k] - learning_rate * db
    return weights, biases, costs


def timed_in_turns(runs, repeat):
    """Each run's best wall-clock time over `repeat` rounds, and its last result.

    The runs take turns within each round, so that a slow spell of the machine does not fall on
    one implementation only.
    """
    best = {name: float("inf") for name in runs}
    results = {}
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            results[name] = run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best, results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=2500, help="gradient descent steps (default 2500)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each implementation; the best counts")
    parser.add_argument("--threads", type=int, default=1, help="threads for numpy's matrix products (default 1)")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from helpers.catvnoncat import describe_dataset, load_dataset

    print(describe_dataset())
    train_x_orig, train_y, _, _, _ = load_dataset()
    X = train_x_orig.reshape(train_x_orig.shape[0], -1).T / 255
    L_layer_model = reference_l_layer_model()
    print(f"network {LAYERS_DIMS}, {X.shape[1]} pictures, {args.iterations} iterations, "
          f"best of {args.repeat}, {args.threads} thread(s) for matrix products")

    def course_style():
        with contextlib.redirect_stdout(io.StringIO()):
            return L_layer_model(X, train_y, LAYERS_DIMS, LEARNING_RATE, args.iterations)

    runs = {
        "course": course_style,
        "plain": lambda: straight_line_model(X, train_y, LAYERS_DIMS, LEARNING_RATE, args.iterations),
        "lean": lambda: straight_line_model(X, train_y, LAYERS_DIMS, LEARNING_RATE, args.iterations,
                                            input_gradient=False),
    }
    with threadpool_limits(limits=args.threads, user_api="blas"):
        times, results = timed_in_turns(runs, args.repeat)
    course_time, plain_time, lean_time = times["course"], times["plain"], times["lean"]
    course_costs, plain_costs = results["course"][1], results["plain"][2]

    if not np.allclose(course_costs, plain_costs, rtol=1e-9, atol=0):
        print("error: the two implementations disagree: costs "
              f"{course_costs[-1]!r} (reference) and {plain_costs[-1]!r} (straight line)", file=sys.stderr)
        return 1
    ratio = course_time / plain_time
    print(f"reference L_layer_model (dicts and caches): {course_time:8.2f} s")
    print(f"straight-line numpy, same computation:      {plain_time:8.2f} s")
    print(f"ratio: {ratio:.2f} (aim: at most {TARGET_RATIO})")
    print(f"for information, straight-line numpy without the input gradient dA0: {lean_time:.2f} s "
          f"(reference / that = {course_time / lean_time:.2f})")
    print(f"both reach cost {course_costs[-1]:.10f} at iteration {100 * (len(course_costs) - 1)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
