"""Comment-preserving edits of map files: fmt (and the templates of new and init)."""
