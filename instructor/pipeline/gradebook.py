"""The gradebook a grading step writes to: the one the caller opened for the run, or its own.

The grading engine opens nbgrader's gradebook once per run and hands it to the steps in
`resources["gradebook"]`; a step used by nbgrader's own commands, which give no such thing,
opens the gradebook named by `resources["nbgrader"]["db_url"]` and closes it when done.
"""

from __future__ import annotations

from contextlib import contextmanager

from nbgrader.api import Gradebook


class SharedGradebook:
    """An open gradebook handed to the steps in resources; copies of the resources share it."""

    def __init__(self, gradebook: Gradebook):
        self.gradebook = gradebook

    def __deepcopy__(self, memo):
        return self


@contextmanager
def gradebook_for(resources: dict):
    shared = resources.get("gradebook")
    if shared is not None:
        yield shared.gradebook
        return
    with Gradebook(resources["nbgrader"]["db_url"]) as gb:
        yield gb
