"""Marketplace listings (rule ``mcs.marketplace.listing``).

Private: import these names from :mod:`partnerrules.deals`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import attrs

from partnerrules._deals.common import (
    _filled,
    _member,
    _nonblank,
    _reasons,
    _str,
    _texts,
    _type_error,
    _typed,
    _value_error,
    _Vocabulary,
)
from partnerrules._deals.partners import _rows
from partnerrules._public import home
from partnerrules.decisions import Reason
from partnerrules.errors import (
    InvalidTransitionError,
    InvalidValueError,
)
from partnerrules.money import Money
from partnerrules.policies import mcs as mcs_pack

# -- mcs.marketplace.listing ------------------------------------------------


class ListingStage(_Vocabulary):
    """The stages of a marketplace listing, in order (rule ``mcs.marketplace.listing``)."""

    DRAFT = "draft"
    APPLIED = "applied"
    EVALUATED = "evaluated"
    IMAGE_BUILT = "image_built"
    PRICED = "priced"
    LISTED = "listed"


_STAGES = tuple(ListingStage)

# How many data items each step has: the fields of its data value below.
_STEP_WIDTHS: Final = {
    ListingStage.APPLIED: 4,
    ListingStage.EVALUATED: 3,
    ListingStage.IMAGE_BUILT: 2,
    ListingStage.PRICED: 2,
    ListingStage.LISTED: 0,
}


def _to_steps(value: object) -> tuple[tuple[ListingStage, tuple[str, ...]], ...]:
    rows = _rows("steps", value, 2)
    stages = _STAGES[1:]
    if len(rows) != len(stages):
        raise _value_error(
            "steps",
            value,
            f"{len(stages)} rows, one per stage after the draft: "
            + ", ".join(s.value for s in stages),
        )
    result = []
    for index, ((key, labels), stage) in enumerate(zip(rows, stages, strict=True)):
        if _member(f"steps[{index}][0]", key, ListingStage) is not stage:
            raise _value_error(
                f"steps[{index}][0]", key, f"{stage.value!r} (the stages come in order)"
            )
        texts = _texts(f"steps[{index}][1]", labels)
        width = _STEP_WIDTHS[stage]
        if len(texts) != width or not all(map(_filled, texts)):
            raise _value_error(
                f"steps[{index}][1]", labels, f"{width} non-blank labels, one per data item"
            )
        result.append((stage, texts))
    return tuple(result)


@attrs.frozen
class ListingSteps:
    """What each step of a marketplace listing needs (rule ``mcs.marketplace.listing``).

    Source: seed 002, "Размещение ПО в Marketplace". One row per stage after
    the draft, in order: the stage the step reaches and a label for each
    data item it needs (four for the application, three for the evaluation,
    two for the image, two for the terms, none for publishing, one per field
    of :class:`ListingApplication`, :class:`ExpertEvaluation`,
    :class:`SoftwareImage` and :class:`ListingTerms`). Missing items are
    reported by these labels. Built from rows such as the MCS pack's
    ``MARKETPLACE_STEPS``, which is what ``steps=None`` stands for wherever a
    listing takes its steps.

    >>> from partnerrules.policies import mcs
    >>> ListingSteps(mcs.MARKETPLACE_STEPS).items("image_built")
    ('image reference', 'template')

    Raises:
        InvalidTypeError: *steps* is not a sequence of (stage, labels) rows.
        InvalidValueError: a stage missing or out of order, or the wrong
            number of labels for a step.
    """

    steps: tuple[tuple[ListingStage, tuple[str, ...]], ...] = attrs.field(converter=_to_steps)

    def items(self, stage: ListingStage | str) -> tuple[str, ...]:
        """The labels of the items the step reaching *stage* needs (``mcs.marketplace.listing``).

        Raises:
            UnknownKeyError: not a stage.
            InvalidValueError: the draft, which no step reaches.
        """
        wanted = _member("stage", stage, ListingStage)
        for reached, labels in self.steps:
            if reached is wanted:
                return labels
        raise _value_error("stage", stage, "a stage after the draft")


_MCS_STEPS: Final = ListingSteps(mcs_pack.MARKETPLACE_STEPS)


def _to_listing_steps(value: object) -> ListingSteps:
    if value is None:
        return _MCS_STEPS
    return _typed("steps", value, ListingSteps, "a ListingSteps or None")


def _missing(stage: ListingStage, present: Sequence[bool], steps: object) -> tuple[str, ...]:
    labels = _to_listing_steps(steps).items(stage)
    return tuple(item for item, ok in zip(labels, present, strict=True) if not ok)


def _to_focus_industries(value: object) -> tuple[str, ...]:
    return _texts("focus_industries", value)


def _to_implementation_stories(value: object) -> tuple[str, ...]:
    return _texts("implementation_stories", value)


@attrs.frozen
class ListingApplication:
    """The partner's application (rule ``mcs.marketplace.listing``, step 1).

    Blank fields are allowed here; :meth:`MarketplaceListing.submit_application`
    refuses an application with any of them blank, naming every one.
    """

    functionality: str = attrs.field(default="", kw_only=True, validator=_str)
    focus_industries: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_to_focus_industries
    )
    implementation_stories: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_to_implementation_stories
    )
    company_description: str = attrs.field(default="", kw_only=True, validator=_str)

    def missing(self, *, steps: ListingSteps | None = None) -> tuple[str, ...]:
        """The items still missing for the application step (rule ``mcs.marketplace.listing``).

        Args:
            steps: the labels to report them by; ``None`` (the default) stands
                for the MCS pack's steps.
        """
        return _missing(
            ListingStage.APPLIED,
            (
                _filled(self.functionality),
                any(map(_filled, self.focus_industries)),
                any(map(_filled, self.implementation_stories)),
                _filled(self.company_description),
            ),
            steps,
        )


@attrs.frozen
class ExpertEvaluation:
    """The MCS experts' assessment (rule ``mcs.marketplace.listing``, step 2).

    The source names what is assessed but no scale, so each is free text.
    """

    complexity: str = attrs.field(default="", kw_only=True, validator=_str)
    innovation: str = attrs.field(default="", kw_only=True, validator=_str)
    demand: str = attrs.field(default="", kw_only=True, validator=_str)

    def missing(self, *, steps: ListingSteps | None = None) -> tuple[str, ...]:
        """The items still missing for the evaluation step (rule ``mcs.marketplace.listing``).

        Args:
            steps: the labels to report them by; ``None`` (the default) stands
                for the MCS pack's steps.
        """
        return _missing(
            ListingStage.EVALUATED,
            (_filled(self.complexity), _filled(self.innovation), _filled(self.demand)),
            steps,
        )


@attrs.frozen
class SoftwareImage:
    """The software image built from the template (rule ``mcs.marketplace.listing``, step 3)."""

    reference: str = attrs.field(default="", kw_only=True, validator=_str)
    template: str = attrs.field(default="", kw_only=True, validator=_str)

    def missing(self, *, steps: ListingSteps | None = None) -> tuple[str, ...]:
        """The items still missing for the image step (rule ``mcs.marketplace.listing``).

        Args:
            steps: the labels to report them by; ``None`` (the default) stands
                for the MCS pack's steps.
        """
        return _missing(
            ListingStage.IMAGE_BUILT, (_filled(self.reference), _filled(self.template)), steps
        )


def _optional_price(_instance: Any, _attribute: Any, value: Any) -> None:
    if value is None:
        return
    if _typed("price", value, Money, "a Money or None").is_negative():
        raise InvalidValueError("price", value, "zero or more")


def _to_technical_requirements(value: object) -> tuple[str, ...]:
    return _texts("technical_requirements", value)


@attrs.frozen
class ListingTerms:
    """Price and technical requirements (rule ``mcs.marketplace.listing``, step 4)."""

    price: Money | None = attrs.field(default=None, kw_only=True, validator=_optional_price)
    technical_requirements: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_to_technical_requirements
    )

    def missing(self, *, steps: ListingSteps | None = None) -> tuple[str, ...]:
        """The items still missing for the pricing step (rule ``mcs.marketplace.listing``).

        Args:
            steps: the labels to report them by; ``None`` (the default) stands
                for the MCS pack's steps.
        """
        return _missing(
            ListingStage.PRICED,
            (self.price is not None, any(map(_filled, self.technical_requirements))),
            steps,
        )


_STEP_FIELDS: dict[ListingStage, tuple[str, type[Any]]] = {
    ListingStage.APPLIED: ("application", ListingApplication),
    ListingStage.EVALUATED: ("evaluation", ExpertEvaluation),
    ListingStage.IMAGE_BUILT: ("image", SoftwareImage),
    ListingStage.PRICED: ("terms", ListingTerms),
}


def _to_stage(value: object) -> ListingStage:
    return _member("stage", value, ListingStage)


@attrs.frozen
class MarketplaceListing:
    """A software product on its way to the MCS marketplace (rule ``mcs.marketplace.listing``).

    Source: seed 002, "Размещение ПО в Marketplace". A pure state machine:
    draft -> applied -> evaluated -> image built -> priced -> listed. Each
    transition method returns a new listing; a step taken out of order, or
    with missing data, raises :class:`~partnerrules.errors.InvalidTransitionError`
    whose ``missing`` lists every problem. A listing built directly at a later
    stage must carry complete data for every stage it has passed.

    Args:
        product: the product's name.
        partner: the software maker's id.
        stage: the stage reached (a draft by default).
        application: the application, once applied.
        evaluation: the experts' evaluation, once evaluated.
        image: the software image, once built.
        terms: price and technical requirements, once priced.
        reasons: the transitions so far (a tuple of Reason).
        steps: the steps' data items and their labels; ``None`` (the
            default) stands for the MCS pack's. Not shown in ``repr``.

    Raises:
        InvalidTypeError: a field of the wrong type.
        InvalidValueError: data missing or incomplete for a stage passed, or
            present for a stage not reached.
        UnknownKeyError: an unknown stage.

    >>> from partnerrules.deals import ExpertEvaluation, MarketplaceListing
    >>> from partnerrules.errors import InvalidTransitionError
    >>> draft = MarketplaceListing("CRM Cloud", partner="soft-1")
    >>> draft.record_evaluation(ExpertEvaluation(complexity="high"))
    Traceback (most recent call last):
    ...
    partnerrules.errors.InvalidTransitionError: cannot go from 'draft' to 'evaluated': ...
    >>> try:
    ...     draft.record_evaluation(ExpertEvaluation(complexity="high"))
    ... except InvalidTransitionError as err:
    ...     err.missing
    ("step 'applied' not done yet", 'innovation of the technology stack', 'demand')
    """

    product: str = attrs.field(validator=_nonblank)
    partner: str = attrs.field(kw_only=True, validator=_nonblank)
    stage: ListingStage = attrs.field(
        default=ListingStage.DRAFT,
        kw_only=True,
        converter=_to_stage,
    )
    application: ListingApplication | None = attrs.field(default=None, kw_only=True)
    evaluation: ExpertEvaluation | None = attrs.field(default=None, kw_only=True)
    image: SoftwareImage | None = attrs.field(default=None, kw_only=True)
    terms: ListingTerms | None = attrs.field(default=None, kw_only=True)
    reasons: tuple[Reason, ...] = attrs.field(default=(), kw_only=True, validator=_reasons)
    steps: ListingSteps = attrs.field(
        default=None, kw_only=True, converter=_to_listing_steps, repr=False
    )

    def __attrs_post_init__(self) -> None:
        reached = _STAGES.index(self.stage)
        for stage, (name, kind) in _STEP_FIELDS.items():
            value = getattr(self, name)
            if value is not None and not isinstance(value, kind):
                raise _type_error(name, value, f"a {kind.__name__} or None")
            if _STAGES.index(stage) <= reached:
                gaps = ("missing",) if value is None else value.missing(steps=self.steps)
                if gaps:
                    raise InvalidValueError(
                        name,
                        value,
                        f"complete for a listing at stage {self.stage.value!r}",
                        hint="missing: " + ", ".join(gaps),
                    )
            elif value is not None:
                raise InvalidValueError(
                    name, value, f"None before stage {stage.value!r} is reached"
                )

    @property
    def next_stage(self) -> ListingStage | None:
        """The stage the next transition leads to, or None once listed."""
        index = _STAGES.index(self.stage)
        return _STAGES[index + 1] if index + 1 < len(_STAGES) else None

    def _advance(self, target: ListingStage, data: Any) -> MarketplaceListing:
        problems: list[str] = []
        current, wanted = _STAGES.index(self.stage), _STAGES.index(target)
        if wanted <= current:
            problems.append(f"the listing is already at stage {self.stage.value!r}")
        else:
            problems.extend(f"step {s.value!r} not done yet" for s in _STAGES[current + 1 : wanted])
        changes: dict[str, Any] = {"stage": target}
        if target in _STEP_FIELDS:
            name, kind = _STEP_FIELDS[target]
            _typed(name, data, kind)
            problems.extend(data.missing(steps=self.steps))
            changes[name] = data
        if problems:
            raise InvalidTransitionError(self.stage.value, target.value, problems)
        reason = Reason.of(
            "mcs.marketplace.listing",
            "{product} of {partner} moved from {source} to {target}",
            product=self.product,
            partner=self.partner,
            source=self.stage.value,
            target=target.value,
        )
        return attrs.evolve(self, reasons=(*self.reasons, reason), **changes)

    def submit_application(self, application: ListingApplication) -> MarketplaceListing:
        """Step 1 (rule ``mcs.marketplace.listing``): the partner applies.

        Needs functionality, focus industries, implementation stories and a
        company description.

        Raises:
            InvalidTransitionError: not a draft, or items missing (all listed).
        """
        return self._advance(ListingStage.APPLIED, application)

    def record_evaluation(self, evaluation: ExpertEvaluation) -> MarketplaceListing:
        """Step 2 (rule ``mcs.marketplace.listing``): MCS experts evaluate the product.

        Needs an assessment of complexity, innovation of the technology stack
        and demand from current and prospective customers.

        Raises:
            InvalidTransitionError: not applied yet, or items missing (all listed).
        """
        return self._advance(ListingStage.EVALUATED, evaluation)

    def build_image(self, image: SoftwareImage) -> MarketplaceListing:
        """Step 3 (rule ``mcs.marketplace.listing``): the image is built from the template.

        Raises:
            InvalidTransitionError: not evaluated yet, or items missing (all listed).
        """
        return self._advance(ListingStage.IMAGE_BUILT, image)

    def set_terms(self, terms: ListingTerms) -> MarketplaceListing:
        """Step 4 (rule ``mcs.marketplace.listing``): price and technical requirements.

        Raises:
            InvalidTransitionError: no image yet, or items missing (all listed).
        """
        return self._advance(ListingStage.PRICED, terms)

    def publish(self) -> MarketplaceListing:
        """Step 5 (rule ``mcs.marketplace.listing``): the product is listed.

        Raises:
            InvalidTransitionError: price and requirements not set yet.
        """
        return self._advance(ListingStage.LISTED, None)


home("partnerrules.deals", globals())
