"""The board report: neutral blocks from the core and the plugins, rendered by the renderers."""
