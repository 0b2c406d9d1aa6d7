"""Milestones per project: a baseline date, a forecast every month, the milestone trend analysis
and the evidence it gives against a project's schedule rating."""

PLUGIN_NAME = "milestones"
