"""Private modules of :mod:`partnerrules.deals`, split by rule."""
