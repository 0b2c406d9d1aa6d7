"""Deviation reports from the quality system (DocMap): section 6 of the board report."""
