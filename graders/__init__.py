"""The checks students run, and the plain machinery both they and the autograder use.

Everything here is public: students receive it, and the autograder's sandbox may import it.
Nothing here decides a grade at autograde; the grader judges in its own process.

- `graders.cases`: what a check declares (Exercise, Case, Hint, Scalar, Printing).
- `graders.running`: calls a student's function on the cases in a child process and records what
  happened (Outcome), so that a crash or a hang costs one case.
- `graders.judging`: judges outcomes against expected values, and says what is wrong in words.
- `graders.checking`: the student-facing `check(name, func)` and the closing summary.
- `graders.plaindata`, `graders.frames`: values and messages as JSON across process boundaries.
- `graders.gradcheck`: the one numerical-gradient helper used by every backward check.
- `graders.<assignment id>`: the public self-checks of one assignment.

The hidden checks are instructor-only and live in instructor/hidden.
"""
