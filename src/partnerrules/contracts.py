"""Contracts in BRL: terms, invoice schedule, cancellation, addenda, resource pool, traffic, residency and responsibilities (rules omid.contract.*, omid.residency.*, omid.responsibility.*).

This module is a placeholder: its rules land with their own issue.
"""

from __future__ import annotations

__all__: list[str] = []
