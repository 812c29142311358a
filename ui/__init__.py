"""ExpertScore's Qt (PySide6) front end.

It only calls the headless core in ``expertscore``; nothing in the core imports this package.
"""
