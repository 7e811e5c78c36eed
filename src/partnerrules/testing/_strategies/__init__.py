"""The strategies of :mod:`partnerrules.testing.strategies`, one module per concern (private)."""
