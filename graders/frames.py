"""JSON messages over a pipe: each one a 4-byte length, then that many bytes of JSON.

Used wherever two processes of the course talk: a check and the child that runs the student's
function, the grader and its sandboxed worker, the worker and the notebook it runs. A reader
never trusts the other side: a frame too large, cut short or not JSON ends the conversation
rather than the reader.
"""

from __future__ import annotations

import json
import os
import select
import struct
import time
from typing import Any

HEADER = struct.Struct(">I")
TIMED_OUT = object()  # returned by FrameReader.next_frame when its deadline passed
CLOSED = None  # returned when the other side closed the pipe or broke the format


def encode_frame(message: Any) -> bytes:
    payload = json.dumps(message, separators=(",", ":")).encode()
    return HEADER.pack(len(payload)) + payload


def write_frame(fd: int, message: Any) -> None:
    """Send one message on a file descriptor (blocking until it is all written)."""
    data = memoryview(encode_frame(message))
    while data:
        data = data[os.write(fd, data):]


class FrameReader:
    """Messages from a file descriptor, each within a deadline and a size limit."""

    def __init__(self, fd: int, max_size: int = 512 * 2**20):
        self.fd = fd
        self.max_size = max_size
        self.buffer = bytearray()
        self.received = 0  # bytes of the messages read so far

    def next_frame(self, deadline: float | None = None) -> Any:
        """The next message; CLOSED when the pipe closed or the data broke the format;
        TIMED_OUT when `deadline` (a time.monotonic() value) passed first."""
        status = self._fill(HEADER.size, deadline)
        if status is not True:
            return status
        (size,) = HEADER.unpack(self.buffer[:HEADER.size])
        if size > self.max_size:
            return CLOSED
        status = self._fill(HEADER.size + size, deadline)
        if status is not True:
            return status
        payload = bytes(self.buffer[HEADER.size:HEADER.size + size])
        del self.buffer[:HEADER.size + size]
        self.received += HEADER.size + size
        try:
            return json.loads(payload)
        except (ValueError, RecursionError):
            return CLOSED

    def _fill(self, size: int, deadline: float | None) -> Any:
        while len(self.buffer) < size:
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return TIMED_OUT
                ready, _, _ = select.select([self.fd], [], [], left)
                if not ready:
                    return TIMED_OUT
            try:
                chunk = os.read(self.fd, max(65536, min(size - len(self.buffer), 16 * 2**20)))
            except OSError:
                return CLOSED
            if not chunk:
                return CLOSED
            self.buffer += chunk
        return True
