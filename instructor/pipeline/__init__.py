"""The grading pipelines, as ordered lists of small steps (nbgrader preprocessors).

nbgrader_config.py installs these lists, so that `nbgrader autograde`, `nbgrader validate` and
`python -m instructor` all grade the same way: student code runs only in the sandbox, and only
the grader's own process judges it.

Autograde, per notebook:
  SANITIZE   ClearOutput -> RestoreCells -> OverwriteKernelspec
  AUTOGRADE  SandboxedExecute -> IgnorePattern -> JudgeChecks
             -> CleanOutputs -> SaveGrades -> AssignLatePenalties
             (RestoreCells rebuilt every graded cell's metadata from the source: nothing to check after)
Validate:
  VALIDATE   CheckCellMetadata -> ClearOutput -> SandboxedExecute -> JudgeChecks -> CleanOutputs
"""

from nbgrader.preprocessors import (
    AssignLatePenalties, CheckCellMetadata, ClearOutput, IgnorePattern, OverwriteKernelspec,
)

from instructor.pipeline.clean_outputs import CleanOutputs
from instructor.pipeline.judge_checks import JudgeChecks
from instructor.pipeline.restore_cells import RestoreCells
from instructor.pipeline.sandboxed_execute import SandboxedExecute
from instructor.pipeline.save_grades import SaveGrades

SANITIZE = [ClearOutput, RestoreCells, OverwriteKernelspec]
AUTOGRADE = [SandboxedExecute, IgnorePattern, JudgeChecks, CleanOutputs,
             SaveGrades, AssignLatePenalties]
VALIDATE = [CheckCellMetadata, ClearOutput, SandboxedExecute, JudgeChecks, CleanOutputs]
