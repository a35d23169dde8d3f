"""The instructor's side of the course: release, sample submissions, autograde, feedback, grades.

Run it as `python -m instructor COMMAND` (the Makefile's targets do): `release` writes the student
version of every assignment, `demo` runs the whole loop on bundled sample submissions.
"""
