"""HR/HMS, section 5 of the board report: sick leave against its targets and AML breaches."""

PLUGIN_NAME = "hr"
