"""Domain exceptions (no HTTP or NATS words)."""


class AnalyzerUnavailable(Exception):
    """An analyzer gave up for good. Carries what the failed calls still cost, so the run
    that records the failure (or the fallback's metadata) can account for it."""

    def __init__(self, reason: str, prompt_tokens: int = 0, completion_tokens: int = 0,
                 estimated_cost_usd: float = 0.0) -> None:
        super().__init__(reason)
        self.prompt_tokens = prompt_tokens
        self.completion_tokens = completion_tokens
        self.estimated_cost_usd = estimated_cost_usd


class TranscriptNotKept(Exception):
    """A re-run was asked for an insight whose transcript analysis never received or has erased."""


class TranscriptUnreadable(Exception):
    """The analyzer cannot read this transcript at all (it is not in a language the analyzer reads):
    trying again cannot help, so the insight fails at once. The message is written for the user."""
