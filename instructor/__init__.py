"""The instructor's side of the course: what only the instructor holds, and every grading job.

Run it as `python -m instructor COMMAND` (the Makefile's targets do): `release` writes the student
version of every assignment, `autograde` grades submitted/ on sandboxed workers (instructor.engine),
`demo` runs the whole loop on sample submissions, `grades` and `report` write what a class got.
The hidden checks (instructor/hidden) and the judge's steps (instructor/pipeline) never enter a
sandbox.
"""
