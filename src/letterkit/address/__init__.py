"""Published prisoner addresses: parse, validate, format (ru-post.md §1–§5)."""
