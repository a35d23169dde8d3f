"""The checks behind every test cell of the course.

- `graders.checking`: the shared machinery (cases, running a student's function, judging it).
- `graders.sandbox`: runs student code in a child process, so a crash or a hang costs one case.
- `graders.gradcheck`: the one numerical-gradient helper used by every backward check.
- `graders.<assignment id>`: the public self-checks of one assignment, released to students.

The instructor's copy also holds the hidden checks, in a subpackage that is used only when the
instructor autogrades and is never part of what students receive.
"""
