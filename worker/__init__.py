"""What runs inside the sandbox at autograde: a submission's cells, and its functions on the cases.

Nothing here judges, and nothing here knows an expected value: the grader sends a `Job` (the
notebook's cells, the submission's files, the inputs of every case to run) and gets back a
`Result` (each cell's outputs, each check's outcomes), both as plain data (worker.job). The
grader, outside the sandbox, judges the outcomes and writes grades.

- `worker.job`: the Job and Result formats, and their checked conversion from JSON.
- `worker.cells`: runs code cells in an IPython shell and records their outputs, within limits.
- `worker.confine`: puts one notebook in namespaces of its own, with resource limits.
- `worker.serve`: the warm worker: imports the heavy libraries once, then runs notebooks, each in
  a fresh process forked from a clean copy of itself (`python -m worker`).
- `worker.launch`: starts a warm worker in its bubblewrap sandbox and talks to it (outside the
  sandbox, on the grading machine or a worker of a cluster).
- `worker.remote`: the task a Dask worker runs for the grader: one notebook's job in a warm
  sandbox of its own.
"""
