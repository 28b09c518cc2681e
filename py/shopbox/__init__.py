"""shopbox: taxonomy, validation and file formats for a browser labeling studio."""

__version__ = "0.1.0"
