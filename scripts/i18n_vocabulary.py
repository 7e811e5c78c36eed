"""The words of the programmes' vocabularies that a translated reason translates too.

A reason's fact that is a word of a vocabulary (a metric, a clock state, a
ticket category, a partner kind...) is a plain ``str``. When a reason is
rendered with a catalog, such a fact is looked up in the catalog with the
fact's *name* as the message context (``msgctxt "metric"``, ``msgid
"acknowledgement"``), so the Portuguese sentence says "reconhecimento" and the
Russian one "подтверждение". Names and ids (partners, customers, contracts)
are in no catalog and stay as written.

The words in the context ``report`` are those of the report ``partnerrules
run`` prints (partnerrules._report): its titles, column headers and section
names, translated the same way when the report is printed in a locale.

This file is only read by the message extractor (keyword ``fact:1c,2`` in
``babel.cfg``); nothing imports it at run time. ``tests/test_i18n.py`` checks
that it lists every member of each vocabulary below, and that every other word
still occurs in the package's source.
"""

from __future__ import annotations


def fact(name: str, word: str) -> tuple[str, str]:
    """A word that facts named *name* take, to translate in that context."""
    return name, word


WORDS = (
    # partnerrules.sla.Metric, and partnerrules.lifecycle.Clock
    fact("metric", "acknowledgement"),
    fact("metric", "problem determination"),
    fact("clock", "acknowledgement"),
    fact("clock", "problem determination"),
    fact("clock", "resolution"),
    # the clock a deadline runs on (partnerrules.sla, deadline reasons)
    fact("clock", "policy's business calendar"),
    fact("clock", "24x5 clock"),
    fact("clock", "24x7 clock"),
    # the windows of the shipped SLA matrices (str(ResponseWindow)), and a support-hours span
    fact("window", "1-3 hours"),
    fact("window", "2-8 hours"),
    fact("window", "6-12 hours"),
    fact("window", "16-24 hours"),
    fact("window", "24-48 hours"),
    fact("window", "2-3 days"),
    fact("window", "1 day"),
    fact("span", "one business day"),
    # partnerrules.sla.ClockState
    fact("state", "running"),
    fact("state", "at risk"),
    fact("state", "breached"),
    fact("state", "met"),
    fact("state", "met late"),
    fact("state", "paused"),
    fact("state", "exempt"),
    # partnerrules.lifecycle.NoticeState
    fact("state", "pending"),
    fact("state", "fired"),
    fact("state", "cancelled"),
    # partnerrules.lifecycle.Phase, and a reopened ticket
    fact("phase", "open"),
    fact("phase", "resolved"),
    fact("phase", "closed"),
    fact("phase", "reopened"),
    # partnerrules.sla.Impact, and where the impact came from
    fact("impact", "critical"),
    fact("impact", "moderate"),
    fact("impact", "minimal"),
    fact("basis", "stated impact"),
    fact("basis", "usual impact of the category"),
    # partnerrules.sla.Category
    fact("category", "downtime"),
    fact("category", "outage"),
    fact("category", "login"),
    fact("category", "data integrity"),
    fact("category", "slowness"),
    fact("category", "incorrect results"),
    fact("category", "how-to"),
    fact("category", "product limitation"),
    fact("category", "feature request"),
    fact("category", "other"),
    # partnerrules.sla.EscalationGround
    fact("ground", "response commitment passed"),
    fact("ground", "tangible production impact"),
    fact("ground", "high business risk"),
    fact("ground", "major high-impact problem slow to isolate"),
    fact("ground", "prolonged outage exceeding or threatening the commitment"),
    fact("ground", "recurring or multiple related high-priority incidents"),
    fact("ground", "security breach without an agreed workaround"),
    # partnerrules.sla.SupportTopic, and the verdicts of scope and overload
    fact("topic", "feature enhancement"),
    fact("topic", "deluge"),
    fact("topic", "api integration"),
    fact("topic", "product feedback"),
    fact("topic", "api connection from scratch"),
    fact("verdict", "in scope"),
    fact("verdict", "out of scope"),
    fact("verdict", "no notification"),
    fact("verdict", "notify the partner's account manager"),
    # the fields of a support request (Zoho) and of a status update (Appendix B)
    fact("field", "customer_email"),
    fact("field", "reference_email"),
    fact("field", "request_type"),
    fact("field", "reproducible"),
    fact("field", "reproduction_note"),
    fact("field", "product"),
    fact("field", "description"),
    fact("field", "troubleshooting_steps"),
    fact("field", "screenshots"),
    fact("field", "nature"),
    fact("field", "affected_services"),
    fact("field", "estimated_resolution"),
    fact("field", "measures"),
    # support availability (Appendix B pack)
    fact("channel", "support package channel"),
    fact("channels", "phone"),
    fact("languages", "English"),
    fact("closure", "outside hours"),
    fact("scope", "a holiday"),
    fact("scope", "a national holiday"),
    fact("scope", "a local holiday"),
    # who holds a duty (Omid pack), and where the sales trip goes
    fact("party", "the partner"),
    fact("destination", "all-inclusive resort in Brazil"),
    # partnerrules.deals.PartnerKind, PartnerService, DealScheme
    fact("kind", "software_maker"),
    fact("kind", "integrator"),
    fact("kind", "distributor"),
    fact("kind", "consulting"),
    fact("service", "l1_support"),
    fact("service", "l2_support"),
    fact("service", "platform_implementation"),
    fact("scheme", "resale"),
    fact("scheme", "agency"),
    fact("scheme", "services"),
    # partnerrules.deals.ListingStage (a marketplace listing moves from one to the next)
    fact("source", "draft"),
    fact("source", "applied"),
    fact("source", "evaluated"),
    fact("source", "image_built"),
    fact("source", "priced"),
    fact("source", "listed"),
    fact("target", "draft"),
    fact("target", "applied"),
    fact("target", "evaluated"),
    fact("target", "image_built"),
    fact("target", "priced"),
    fact("target", "listed"),
    # partnerrules.deals.OpportunityStatus
    fact("status", "active"),
    fact("status", "inactive"),
    fact("status", "launched"),
    fact("status", "closed"),
    # partnerrules.deals.Segment and Adoption
    fact("segment", "startup"),
    fact("segment", "isv"),
    fact("segment", "digital_native"),
    fact("segment", "enterprise"),
    fact("segment", "smb"),
    fact("segment", "government"),
    fact("segment", "education"),
    fact("segment", "nonprofit"),
    fact("segment", "healthcare"),
    fact("adoption", "engaged"),
    fact("adoption", "greenfield"),
    # the report of `partnerrules run` (partnerrules._report): its titles, column headers,
    # section names and the words of its cells (a rate's basis, a deal's protection state)
    fact("report", "Portfolio as of {as_of}, evaluated at {at} (locale {locale})"),
    # the what-if of `partnerrules run --compare` (partnerrules.whatif.Comparison.render)
    fact("report", "{total} decisions compared, {changed} changed"),
    fact("report", "commission per partner: baseline -> candidate (difference)"),
    fact("report", "quote"),
    fact("report", "sla"),
    fact("report", "protection"),
    fact("report", "readiness"),
    fact("report", "The portfolio holds nothing to evaluate."),
    fact("report", "1 decision ({counts})"),
    fact("report", "{total} decisions ({counts})"),
    fact("report", "none"),
    fact("report", "contracts"),
    fact("report", "commission"),
    fact("report", "tickets"),
    fact("report", "deals"),
    fact("report", "opportunities"),
    fact("report", "Cancellation quotes on {date}"),
    fact("report", "CONTRACT"),
    fact("report", "CUSTOMER"),
    fact("report", "ENDS"),
    fact("report", "TCV"),
    fact("report", "REMAINING"),
    fact("report", "FEE"),
    fact("report", "Commission statements from {start} to {end} (exclusive)"),
    fact("report", "PARTNER"),
    fact("report", "SIGNED"),
    fact("report", "RATE"),
    fact("report", "BASIS"),
    fact("report", "COMMISSION"),
    fact("report", "RELEASED"),
    fact("report", "PENDING"),
    fact("report", "(total)"),
    fact("report", "campaign"),
    fact("report", "tier"),
    fact("report", "SLA status at {at}"),
    fact("report", "TICKET"),
    fact("report", "SEV"),
    fact("report", "LEVEL"),
    fact("report", "FIRST RESPONSE"),
    fact("report", "DUE"),
    fact("report", "PROBLEM DETERMINATION"),
    fact("report", "Deal protection at {at}"),
    fact("report", "DEAL"),
    fact("report", "STATE"),
    fact("report", "PROTECTED UNTIL"),
    fact("report", "protected"),
    fact("report", "lapsable"),
    fact("report", "ACE readiness at {at}"),
    fact("report", "OPPORTUNITY"),
    fact("report", "PROJECT"),
    fact("report", "READY"),
    fact("report", "FAILED"),
    fact("report", "yes"),
    fact("report", "no"),
)
