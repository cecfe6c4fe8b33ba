"""The domain: what a declaration is, independent of how it is read or checked.

The declaration model and its source map (:mod:`.model`), dates (:mod:`.dates`),
text helpers (:mod:`.text`), Chinese numerals (:mod:`.numerals`), the label
vocabulary (:mod:`.vocab`), the line index of a text (:mod:`.lines`), findings
and reports (:mod:`.findings`, :mod:`.result`) and input problems
(:mod:`.problems`).  Standard library only; every other layer builds on it.
"""
