"""Exit codes, in one place."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  #: nothing at or above --fail-on
    FINDINGS = 1  #: findings at or above --fail-on
    ERROR = 2  #: usage, configuration or internal error
