"""Private modules of :mod:`partnerrules.commission`, split by concern."""
