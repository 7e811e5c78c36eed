"""Private helpers of :mod:`partnerrules.lifecycle` (the integer engine)."""
