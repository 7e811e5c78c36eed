"""The "Appendix B - Support" pack: published hours, levels and lists, as data only.

Source: "Appendix B - Support" (file ``003``), sections "Estrutura de Serviços
de Suporte Técnico", "Página de Status", "Disponibilidade de suporte" and
"Tempo de Resposta Inicial". The rule functions live in
:mod:`partnerrules.sla`.
"""

from __future__ import annotations

from partnerrules._sla.model import SupportDesk

__all__ = [
    "AFTER_HOURS_CHANNELS",
    "AFTER_HOURS_LANGUAGES",
    "CLOSING",
    "DESK",
    "ESCALATIONS",
    "FIRST_RESPONSE",
    "LEVELS",
    "OPENING",
    "OPEN_WEEKDAYS",
    "PACKAGE_CHANNEL",
    "STATUS_UPDATE_FIELDS",
    "TAM_EXCLUDED_PACKAGES",
]

#: "segunda a sexta-feira, das 9:00 às 18:00, horário local, exceto feriados locais".
OPEN_WEEKDAYS: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday=0 ... Friday=4
OPENING: tuple[int, int] = (9, 0)
CLOSING: tuple[int, int] = (18, 0)

#: Outside hours only critical production cases, by phone, in English only.
AFTER_HOURS_CHANNELS: tuple[str, ...] = ("phone",)
AFTER_HOURS_LANGUAGES: tuple[str, ...] = ("English",)

#: "Canais de Suporte": within hours, the channel of the customer's support package.
PACKAGE_CHANNEL: str = "support package channel"

#: "Tempo de Resposta Inicial": first contact answered within one business day.
FIRST_RESPONSE: tuple[int, str] = (1, "days")

#: The support levels in order, with what each handles.
LEVELS: tuple[tuple[str, str], ...] = (
    ("customer service", "first contact: simple questions, common procedures"),
    ("technical solutions", "complex problems, led by the Technical Account Manager (TAM)"),
    ("product specialists", "the most complex technical questions, with product development"),
)

#: Who may escalate to whom.
ESCALATIONS: tuple[tuple[str, str], ...] = (
    ("customer service", "technical solutions"),
    ("customer service", "product specialists"),
    ("technical solutions", "product specialists"),
)

#: "O suporte TAM não está disponível para clientes de pacotes avançados."
TAM_EXCLUDED_PACKAGES: tuple[str, ...] = ("Advanced",)

#: "Página de Status": what each update during an incident states.
STATUS_UPDATE_FIELDS: tuple[str, ...] = (
    "nature",
    "affected_services",
    "estimated_resolution",
    "measures",
)


#: The desk above as one typed value: the default of ``support_path``,
#: ``can_escalate_level``, ``check_status_page_update`` and ``support_availability``.
DESK: SupportDesk = SupportDesk(
    "Appendix B",
    package_channel=PACKAGE_CHANNEL,
    after_hours_channels=AFTER_HOURS_CHANNELS,
    after_hours_languages=AFTER_HOURS_LANGUAGES,
    levels=LEVELS,
    escalations=ESCALATIONS,
    tam_excluded=TAM_EXCLUDED_PACKAGES,
    status_fields=STATUS_UPDATE_FIELDS,
)
