"""What a map may say: the fields of format v1, its JSON Schema and the registry of codes."""
