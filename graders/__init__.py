"""The checks behind every test cell of the course.

- `graders.checking`: the shared machinery (cases, running a student's function, judging it).
- `graders.gradcheck`: the one numerical-gradient helper used by every backward check.
- `graders.<assignment id>`: the public self-checks of one assignment, released to students.
- `graders.hidden.<assignment id>`: the hidden checks, used only when the instructor autogrades;
  they are never released to students.
"""
