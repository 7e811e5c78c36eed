"""Support SLAs: severity, matrices, clocks with pauses, escalation, regional lookup and entitlements (rules zoho.*, appb.*, omid.support.*).

This module is a placeholder: its rules land with their own issue.
"""

from __future__ import annotations

__all__: list[str] = []
