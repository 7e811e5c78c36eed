"""Business time: calendars with opening hours, holidays and a compiled timeline.

This module is a placeholder: its rules land with their own issue.
"""

from __future__ import annotations

__all__: list[str] = []
