"""nbgrader's configuration for the student's Validate button (read from the Jupyter
configuration path of the student lab; the course's own nbgrader_config.py is the instructor's).

The button runs the whole notebook in a plain kernel and lists the self-checks that fail.
"""

c = get_config()  # noqa: F821  (provided by traitlets when it loads this file)

# Seconds a cell may run before Validate stops it: the grader's per-cell limit (the course's
# nbgrader_config.py, Sandbox.cell_timeout), not nbgrader's 30 s, which assignment 5's training
# cells can pass on a slow laptop. tests/test_student_lab.py keeps the two equal.
c.Execute.timeout = 120
