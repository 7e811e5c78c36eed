"""Omid Cloud technical support pack: always-on hours and channels, as data only.

Source: Omid Cloud partner programme, module 007 (file ``000``), §5.2
("Suporte técnico 24x7") and §3.3 (0800, WhatsApp, direct contact with the
engineering team for relevant customers). The rule functions live in
:mod:`partnerrules.sla`.
"""

from __future__ import annotations

from partnerrules._sla.model import AlwaysOnDesk

__all__ = ["CHANNELS", "DESK", "ENGINEERING_CHANNEL", "HOURS", "LANGUAGES", "ZONE"]

#: §5.2: technical support around the clock.
HOURS: str = "24x7"

#: §3.3: channels open to every customer.
CHANNELS: tuple[str, ...] = ("0800", "WhatsApp")

#: §3.3: direct contact with the engineering team, for relevant customers only.
ENGINEERING_CHANNEL: str = "engineering contact"

#: §3.3: support in Portuguese.
LANGUAGES: tuple[str, ...] = ("Portuguese",)

#: Zone in which Omid reports instants; the clock itself never closes.
ZONE: str = "America/Sao_Paulo"


#: The desk above as one typed value: the default of ``omid_support_availability``.
DESK: AlwaysOnDesk = AlwaysOnDesk(
    "Omid",
    hours=HOURS,
    channels=CHANNELS,
    engineering_channel=ENGINEERING_CHANNEL,
    languages=LANGUAGES,
    zone=ZONE,
)
