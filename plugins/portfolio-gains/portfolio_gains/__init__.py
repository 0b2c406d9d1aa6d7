"""Benefits per project or program: owner, measure, baseline, target and target date, a realised
value every month, realisation against the planned curve and the evidence it gives against the
benefits rating. Named "gains" (the entry point, the tables' prefix ``gains_`` and the command
``portfolio gain``) so that it never meets the documentation's example plugin "benefits"."""

PLUGIN_NAME = "gains"
