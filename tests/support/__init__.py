"""Helpers the test modules share (no tests here).

``pyproject.toml`` puts ``tests/`` on ``sys.path``, so a test module imports
them plainly: ``from support.paths import EXAMPLES``.  Test modules never
import each other; whatever two of them need lives here.
"""
