"""perflint: lint and audit Chinese budget performance-target declarations (绩效目标申报表)."""

__version__ = "0.1.0"
