"""Benefits: a plugin for portfolio."""

__version__ = "0.1.0"
