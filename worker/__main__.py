"""`python -m worker`: the warm worker, started by the grader inside its sandbox (see worker.serve)."""

from worker.serve import main

main()
