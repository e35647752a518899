from collections.abc import Callable
from dataclasses import dataclass

Env = Callable[[str, str | None], str | None]


@dataclass(frozen=True)
class LlmSettings:
    """An OpenAI-compatible endpoint (OpenAI, Azure, vLLM, Ollama) and how to use it."""

    base_url: str
    api_key: str
    model: str
    timeout_seconds: float = 120.0  # one HTTP call
    context_tokens: int = 128_000  # the model's context window; longer transcripts are split
    max_output_tokens: int = 4_096
    max_attempts: int = 4  # per call, first try included
    backoff_seconds: float = 1.0  # first retry wait, doubling with jitter
    max_wait_seconds: float = 60.0  # cap on one wait, Retry-After included
    price_in_per_1k: float = 0.0  # USD per 1k prompt tokens
    price_out_per_1k: float = 0.0  # USD per 1k completion tokens

    @classmethod
    def from_env(cls, env: Env) -> "LlmSettings | None":
        """None unless base URL, API key and model are all set (then the LLM is on)."""
        base_url, api_key, model = (env(f"INSIGHTS_LLM_{n}", None) for n in ("BASE_URL", "API_KEY", "MODEL"))
        if not (base_url and api_key and model):
            return None

        def num(name: str, default: float) -> float:
            return float(env(f"INSIGHTS_LLM_{name}", None) or default)

        return cls(base_url=base_url, api_key=api_key, model=model,
                   timeout_seconds=num("TIMEOUT_SECONDS", cls.timeout_seconds),
                   context_tokens=int(num("CONTEXT_TOKENS", cls.context_tokens)),
                   max_output_tokens=int(num("MAX_OUTPUT_TOKENS", cls.max_output_tokens)),
                   max_attempts=int(num("MAX_ATTEMPTS", cls.max_attempts)),
                   backoff_seconds=num("BACKOFF_SECONDS", cls.backoff_seconds),
                   max_wait_seconds=num("MAX_WAIT_SECONDS", cls.max_wait_seconds),
                   price_in_per_1k=num("PRICE_IN_PER_1K", cls.price_in_per_1k),
                   price_out_per_1k=num("PRICE_OUT_PER_1K", cls.price_out_per_1k))

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        return prompt_tokens / 1000 * self.price_in_per_1k + completion_tokens / 1000 * self.price_out_per_1k
