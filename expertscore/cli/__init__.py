"""The ``expertscore`` command line."""
