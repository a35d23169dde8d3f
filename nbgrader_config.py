"""nbgrader's configuration for this course, read by `nbgrader ...` and by `python -m instructor`.

Layout: the source course is notebooks/<assignment id>/<assignment id>.ipynb; nbgrader writes the
student version to release/, takes submissions from submitted/<student>/<assignment id>/, and
writes autograded/, feedback/ and gradebook.db beside them (all git-ignored).
"""

from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearHiddenTests,
    ClearMarkScheme,
    ClearOutput,
    ComputeChecksums,
    IgnorePattern,
    IncludeHeaderFooter,
    InstantiateTests,
    LimitOutput,
    LockCells,
    SaveAutoGrades,
    SaveCells,
)

from instructor.resilient_execute import ResilientExecute
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

# --- Autograde -----------------------------------------------------------------------------------
# nbgrader's own autograde pipeline, with ResilientExecute in place of Execute: a cell that kills
# the kernel costs that cell, not the whole notebook.
c.Autograde.autograde_preprocessors = [
    ResilientExecute,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]
# A cell that runs longer than this is stopped and scores zero; the rest of the notebook goes on.
c.Execute.timeout = 120
# Graded cells and test cells a student deleted are put back from the source before grading.
c.OverwriteCells.add_missing_cells = True
# nbgrader scores a test cell zero when anything reaches its stderr. The checks run student code
# with numpy's warnings recorded as data (graders.checking.run_case), so a right answer that makes
# numpy warn keeps its points; the warning is shown only beside a failure.
