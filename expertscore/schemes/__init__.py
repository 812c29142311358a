"""Evaluation schemes: the indicator tree, weights, point rules, tags, categories, grades."""

from expertscore.schemes.loader import load_scheme, load_scheme_text
from expertscore.schemes.model import Indicator, Scheme
from expertscore.schemes.rules import max_points

__all__ = ["Indicator", "Scheme", "load_scheme", "load_scheme_text", "max_points"]
