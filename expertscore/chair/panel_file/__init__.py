"""The signed panel results file (``expertscore-panel/1``) for the authority.

``signed`` writes, reads and re-checks the file (its envelope, signature and inputs);
``model`` is its payload: the records written and their typed reading.
"""

from expertscore.chair.panel_file.signed import (
    MAX_PANEL_BYTES,
    MISSING,
    PANEL_FORMAT,
    PANEL_PAYLOAD_TYPE,
    InputFile,
    PanelFileError,
    PanelRefused,
    PanelWrongAlgorithm,
    ReadPanel,
    build_payload,
    check_panel_bytes,
    input_files,
    input_of,
    input_records,
    panel_envelope_bytes,
    read_panel,
    read_panel_bytes,
    read_panel_file,
    recheck_panel_file,
    write_panel_file,
)

__all__ = [
    "MAX_PANEL_BYTES",
    "MISSING",
    "PANEL_FORMAT",
    "PANEL_PAYLOAD_TYPE",
    "InputFile",
    "PanelFileError",
    "PanelRefused",
    "PanelWrongAlgorithm",
    "ReadPanel",
    "build_payload",
    "check_panel_bytes",
    "input_files",
    "input_of",
    "input_records",
    "panel_envelope_bytes",
    "read_panel",
    "read_panel_bytes",
    "read_panel_file",
    "recheck_panel_file",
    "write_panel_file",
]
