"""Private modules of :mod:`partnerrules.lifecycle`: its parts, and its integer engine."""
