"""Private modules of :mod:`partnerrules.sla`, split by concern."""
