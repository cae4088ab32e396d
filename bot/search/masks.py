"""The columns of the search index that limits apply to, one entry a credential, and the mask of
the credentials a set of limits lets through."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from bot.domain.limits import Limits
from bot.language.text import normalise

BoolArray = npt.NDArray[np.bool_]


@dataclass
class Columns:
    online: BoolArray
    hours: npt.NDArray[np.float64]  # NaN: unknown
    cost: npt.NDArray[np.float64]  # NaN: unknown
    provider_of: npt.NDArray[np.int32]  # a number in `provider_normalised`
    provider_normalised: list[str]  # every name of the provider, normalised ("" for none)
    taught: dict[str, BoolArray]  # language code -> taught in it
    nowhere: BoolArray = field(init=False)

    def __post_init__(self) -> None:
        self.nowhere = np.zeros(len(self.online), bool)

    def taught_in(self, lang: str) -> BoolArray:
        return self.taught.get(lang, self.nowhere)

    def mask(self, limits: Limits) -> BoolArray | None:
        """Credentials within the limits (None: no limit set). The currency is not checked: the
        catalogue's costs are compared as they are."""
        mask: BoolArray | None = None

        def both(other: BoolArray) -> None:
            nonlocal mask
            mask = other if mask is None else mask & other

        if limits.online:
            both(self.online)
        if limits.taught_in:
            both(self.taught_in(limits.taught_in))
        with np.errstate(invalid="ignore"):
            if limits.max_hours is not None:
                both(self.hours <= limits.max_hours)
            if limits.max_cost is not None:
                both(self.cost <= float(limits.max_cost))
            if limits.free:
                both(self.cost == 0.0)
        if limits.provider:
            wanted = normalise(limits.provider)
            ids = [i for i, name in enumerate(self.provider_normalised) if name and wanted in name]
            both(np.isin(self.provider_of, np.asarray(ids, np.int32)))
        return mask
