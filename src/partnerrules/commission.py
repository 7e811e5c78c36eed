"""Commission: tier schedules, the first-sale Diamond campaign, payouts on collection, awards and income schemes (rules omid.tier.*, omid.campaign.*, omid.commission.*, omid.awards.*, mcs.income.*).

This module is a placeholder: its rules land with their own issue.
"""

from __future__ import annotations

__all__: list[str] = []
