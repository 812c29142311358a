"""Realistic, deterministic demo batch packages (``expertscore demo-batch``).

``make_demo_batch`` writes a package for any scheme: invented Chinese platforms and
operators from the scheme's province, reported values with believable spreads, evidence
files (PDF, PNG, XLSX) linked to the indicators they support, a roster of experts, their
assignments and a few recorded conflicts of interest. The same arguments always give a
byte-identical package.
"""

from expertscore.demo.batch import make_demo_batch

__all__ = ["make_demo_batch"]
