"""Run a notebook's code cells in an IPython shell and record their outputs as a kernel would.

A Jupyter kernel is an IPython shell that sends what a cell prints, displays and raises over a
socket. Inside the sandbox no socket is needed: `Shell` is the same IPython shell with its
display publisher, display hook, traceback display and standard streams pointed at an
`OutputRecorder`, which keeps each cell's outputs in order as nbformat v4 dicts. Student code
sees what it would see in a kernel: `__name__ == "__main__"`, IPython's magics, `display`,
matplotlib's inline backend (figures are shown when the cell ends).

The recorder enforces the output limits: printed text beyond `stream_chars` per cell, a display
output larger than `data_bytes`, or more than `outputs_per_cell` outputs are cut, each with a
note that says what was left out.
"""

from __future__ import annotations

import base64
import io
import json
import sys
from typing import Any

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from traitlets.config import Config

from worker.job import Limits


class OutputRecorder:
    """One cell's outputs, in order, within the limits."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.outputs: list[dict] = []
        self.stream_chars = 0
        self.data_bytes = 0
        self.cut: list[str] = []
        self._clear_on_next = False

    def _add(self, output: dict) -> None:
        if self._clear_on_next:
            self.outputs.clear()
            self._clear_on_next = False
        if len(self.outputs) >= self.limits.outputs_per_cell:
            self._note(f"more than {self.limits.outputs_per_cell} outputs: the rest are not shown")
            return
        self.outputs.append(output)

    def _note(self, text: str) -> None:
        if text not in self.cut:
            self.cut.append(text)

    def stream(self, name: str, text: str) -> None:
        room = self.limits.stream_chars - self.stream_chars
        if room <= 0:
            self._note(f"printed text beyond {self.limits.stream_chars} characters is not shown")
            return
        if len(text) > room:
            self._note(f"printed text beyond {self.limits.stream_chars} characters is not shown")
            text = text[:room]
        self.stream_chars += len(text)
        last = self.outputs[-1] if self.outputs and not self._clear_on_next else None
        if last is not None and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        else:
            self._add({"output_type": "stream", "name": name, "text": text})

    def display(self, data: dict, metadata: dict | None, output_type: str = "display_data",
                execution_count: int | None = None) -> None:
        data = {mime: _json_ready(value) for mime, value in data.items()}
        size = sum(len(json.dumps(v)) for v in data.values())
        if size > self.limits.data_bytes:
            kinds = ", ".join(sorted(data))
            self._note(f"a display output of {size / 2**20:.1f} MB ({kinds}) is larger than "
                       f"{self.limits.data_bytes / 2**20:.1f} MB and is not shown")
            return
        if self.data_bytes + size > self.limits.cell_data_bytes:
            self._note(f"display outputs beyond {self.limits.cell_data_bytes / 2**20:.0f} MB in this cell are not shown")
            return
        self.data_bytes += size
        output = {"output_type": output_type, "data": data, "metadata": _json_ready(metadata or {})}
        if output_type == "execute_result":
            output["execution_count"] = execution_count
        self._add(output)

    def error(self, ename: str, evalue: str, traceback: list[str]) -> None:
        text_budget = self.limits.stream_chars
        lines, used = [], 0
        for line in traceback:
            used += len(line)
            if used > text_budget:
                lines.append(f"[... {len(traceback) - len(lines)} more traceback lines not shown]")
                break
            lines.append(line)
        self._add({"output_type": "error", "ename": ename[:200], "evalue": evalue[:text_budget], "traceback": lines})

    def clear(self, wait: bool = False) -> None:
        if wait:
            self._clear_on_next = True
        else:
            self.outputs.clear()

    def finish(self) -> list[dict]:
        """The cell's outputs, with one last stream output naming anything that was cut."""
        outputs = list(self.outputs)
        if self.cut:
            notes = "".join(f"[output cut: {text}]\n" for text in self.cut)
            outputs.append({"output_type": "stream", "name": "stdout", "text": notes})
        return outputs


def _json_ready(value: Any) -> Any:
    """Display data as JSON: bytes (a PNG) as base64 text, anything else unknown as its str."""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(v) for v in value]
    return str(value)


class _RecordingStream(io.TextIOBase):
    """sys.stdout or sys.stderr, writing into the current cell's recorder."""

    def __init__(self, shell: "Shell", name: str):
        self.shell, self.name = shell, name

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text and self.shell.recorder is not None:
            self.shell.recorder.stream(self.name, text)
        return len(text)

    @property
    def encoding(self) -> str:
        return "utf-8"

    def isatty(self) -> bool:
        return False


class _Publisher(DisplayPublisher):
    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
        if self.shell.recorder is not None:
            self.shell.recorder.display(data, metadata)

    def clear_output(self, wait=False):
        if self.shell.recorder is not None:
            self.shell.recorder.clear(wait)


class _DisplayHook(DisplayHook):
    def start_displayhook(self):
        self._data, self._metadata = {}, {}

    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None):
        self._data, self._metadata = format_dict, md_dict or {}

    def finish_displayhook(self):
        if self._data and self.shell.recorder is not None:
            self.shell.recorder.display(self._data, self._metadata, "execute_result", self.prompt_count)
        self._data = {}


class Shell(InteractiveShell):
    """An IPython shell whose outputs go to `recorder`, the current cell's OutputRecorder."""

    display_pub_class = _Publisher
    displayhook_class = _DisplayHook

    def __init__(self, **kwargs):
        config = Config()
        config.HistoryManager.enabled = False  # no history database: nothing to write, nothing to share
        super().__init__(config=config, colors="nocolor", **kwargs)
        self.recorder: OutputRecorder | None = None

    def enable_gui(self, gui=None):
        """No event loop to start: the inline backend draws when a cell ends."""

    def _showtraceback(self, etype, evalue, stb):
        if self.recorder is not None:
            self.recorder.error(etype.__name__, str(evalue), list(stb))

    def capture_streams(self) -> None:
        """Point sys.stdout and sys.stderr at the recorder (once per notebook process)."""
        sys.stdout = _RecordingStream(self, "stdout")
        sys.stderr = _RecordingStream(self, "stderr")

    def run_code_cell(self, source: str, limits: Limits) -> tuple[bool, list[dict], int | None]:
        """Run one cell: (whether it ran without an error, its outputs, its execution count)."""
        self.recorder = OutputRecorder(limits)
        try:
            result = self.run_cell(source, store_history=True)
        finally:
            recorder, self.recorder = self.recorder, None
        ok = result.error_before_exec is None and result.error_in_exec is None
        return ok, recorder.finish(), result.execution_count
