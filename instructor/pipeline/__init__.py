"""The grading pipelines, as ordered lists of small steps (nbgrader preprocessors).

nbgrader_config.py installs these lists, so that `nbgrader autograde`, `nbgrader validate` and
`python -m instructor` all grade the same way: student code runs only in the sandbox, and only
the grader's own process judges it.

Autograde, per notebook:
  SANITIZE   ClearOutput -> RestoreCells -> OverwriteKernelspec
  AUTOGRADE  SandboxedExecute -> IgnorePattern -> JudgeChecks
             -> CleanOutputs -> SaveAutoGrades -> AssignLatePenalties -> CheckCellMetadata
Validate:
  VALIDATE   CheckCellMetadata -> ClearOutput -> SandboxedExecute -> JudgeChecks -> CleanOutputs
"""

from nbgrader.preprocessors import (
    AssignLatePenalties, CheckCellMetadata, ClearOutput, IgnorePattern, OverwriteKernelspec, SaveAutoGrades,
)

from instructor.pipeline.clean_outputs import CleanOutputs
from instructor.pipeline.judge_checks import JudgeChecks
from instructor.pipeline.restore_cells import RestoreCells
from instructor.pipeline.sandboxed_execute import SandboxedExecute

SANITIZE = [ClearOutput, RestoreCells, OverwriteKernelspec]
AUTOGRADE = [SandboxedExecute, IgnorePattern, JudgeChecks, CleanOutputs,
             SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]
VALIDATE = [CheckCellMetadata, ClearOutput, SandboxedExecute, JudgeChecks, CleanOutputs]
