"""Hidden checks: run only by the instructor's autograder, never released to students.

Each module mirrors the public one of the same name, with cases whose inputs, shapes and
expected values the students never see, computed here by independent means (scipy,
scikit-learn, numerical derivatives) rather than copied from the reference solutions.
"""
