"""Private modules of :mod:`partnerrules.contracts`, split by concern."""
