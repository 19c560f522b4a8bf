"""The one way into a map: which files, the project-root guard, reading, decoding, parsing,
checking, the results cache and parallel loading."""

from acmap.load.parse import MAX_BYTES, Loaded, Unreadable, load_file, load_text

__all__ = ["MAX_BYTES", "Loaded", "Unreadable", "load_file", "load_text"]
