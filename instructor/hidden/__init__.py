"""Hidden checks: used only by the instructor's autograder, never released, never in a sandbox.

The sandbox receives the inputs of these cases, to call the student's function on them; their
expected values and hints stay in the grader's process, which judges (instructor.pipeline).

Each module mirrors the public one of the same name, with cases whose inputs, shapes and
expected values the students never see, computed here by independent means (scipy,
scikit-learn, numerical derivatives) rather than copied from the reference solutions.
"""
