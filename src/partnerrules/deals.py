"""Deals and opportunities: deal protection, partner kinds, marketplace listing, ACE readiness and customer segmentation (rules mcs.deal.*, mcs.partner.*, mcs.marketplace.*, aws.*).

This module is a placeholder: its rules land with their own issue.
"""

from __future__ import annotations

__all__: list[str] = []
