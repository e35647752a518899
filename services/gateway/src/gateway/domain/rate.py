"""Rate limits as GCRA (generic cell rate algorithm): one number per key, the theoretical
arrival time (TAT) of the next request. `count` requests may come at once, then one every
`period / count` seconds. A key whose TAT has passed holds nothing and may be forgotten."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    count: int
    period: float  # seconds

    @property
    def interval(self) -> float:
        return self.period / self.count


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: float = 0.0  # seconds until one more request would be allowed


def gcra(tat: float | None, now: float, rate: Rate) -> tuple[Decision, float | None]:
    """The decision and the key's new TAT (None: unchanged, the request is refused)."""
    new_tat = max(tat or now, now) + rate.interval
    if new_tat - now <= rate.period:
        return Decision(True), new_tat
    return Decision(False, retry_after=new_tat - rate.period - now), None
