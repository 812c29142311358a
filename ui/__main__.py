"""``python -m ui``: the scoring window without the rest of the command line.

The desktop entry point (and the frozen app) start here: it skips importing every other
``expertscore`` command, which shortens the cold start.
"""

from ui.cli import gui_command

if __name__ == "__main__":
    gui_command(prog_name="expertscore-gui")
