"""nbgrader's configuration for this course, read by `nbgrader ...` and by `python -m instructor`.

Layout: the source course is notebooks/<assignment id>/<assignment id>.ipynb; nbgrader writes the
student version to release/, takes submissions from submitted/<student>/<assignment id>/, and
writes autograded/, feedback/ and gradebook.db beside them (all git-ignored).
"""

from nbgrader.preprocessors import (
    CheckCellMetadata,
    ClearHiddenTests,
    ClearMarkScheme,
    ClearOutput,
    ComputeChecksums,
    IncludeHeaderFooter,
    InstantiateTests,
    LockCells,
    SaveCells,
)

from instructor import feedback, nbgrader_setup, pipeline
from instructor.stubs import NamedStubs

c = get_config()  # noqa: F821  (provided by traitlets when it loads this file)

c.CourseDirectory.course_id = "nn-course"
c.CourseDirectory.source_directory = "notebooks"

# --- Release -------------------------------------------------------------------------------------
# Each solution region becomes this stub; {function} is the name of the enclosing def.
c.ClearSolutions.code_stub = {
    "python": (
        "# YOUR CODE STARTS HERE\n"
        'raise NotImplementedError("{function} is not written yet: replace this line with your code.")\n'
        "# YOUR CODE ENDS HERE"
    )
}
# nbgrader's own release pipeline, with NamedStubs in place of ClearSolutions.
c.GenerateAssignment.preprocessors = [
    IncludeHeaderFooter,
    InstantiateTests,
    LockCells,
    NamedStubs,
    ClearOutput,
    CheckCellMetadata,
    ComputeChecksums,
    SaveCells,
    ClearHiddenTests,
    ClearMarkScheme,
    ComputeChecksums,
    CheckCellMetadata,
]

# --- Autograde and validate ----------------------------------------------------------------------
# Student code runs only in the sandbox (instructor.sandbox, settings below); the grader judges what
# it did in its own process. The step lists, in order, are in instructor/pipeline/__init__.py.
c.Autograde.sanitize_preprocessors = pipeline.SANITIZE
c.Autograde.autograde_preprocessors = pipeline.AUTOGRADE
nbgrader_setup.install()  # `nbgrader validate` sandboxed too; killed runs are graded again

# The sandbox's limits (each shown with its default). A notebook that goes over one loses what it
# could not finish, never the rest of the batch.
c.Sandbox.memory = "2 GiB"  # address space of each process of a notebook
c.Sandbox.processes = 64  # processes and threads of a notebook at once
c.Sandbox.cpu_seconds = 900  # CPU time of each process
c.Sandbox.file_size = "100 MiB"  # the largest file a notebook may write
c.Sandbox.notebook_timeout = 900  # seconds per notebook, first cell to last
c.Sandbox.cell_timeout = 120  # seconds per code cell; a stopped cell scores zero, the rest goes on
# c.Sandbox.enabled = False  # grade WITHOUT a sandbox: student code runs as you. Only for trusted code.

# --- Feedback -------------------------------------------------------------------------------------
# The course's feedback page (instructor/feedback.py): the score and each graded function's verdict,
# then the notebook; student output escaped, maths as MathML (no network needed to read it).
c.GenerateFeedback.preprocessors = [feedback.FeedbackScores]
c.HTMLExporter.template_name = feedback.TEMPLATE_NAME
c.HTMLExporter.extra_template_basedirs = [str(feedback.TEMPLATES)]
c.HTMLExporter.filters = {"course_markdown": "instructor.feedback.markdown_html"}
