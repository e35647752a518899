from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Env = Callable[[str, str | None], str | None]
Mode = Literal["full", "grounded"]
MODES: tuple[Mode, ...] = ("full", "grounded")


@dataclass(frozen=True)
class LlmSettings:
    """An OpenAI-compatible endpoint (OpenAI, Azure, vLLM, Ollama, llama.cpp) and how to use it."""

    base_url: str
    api_key: str
    model: str
    # full: the model reads the transcript and quotes it; grounded: it picks numbered candidate
    # passages (short prompt, quotes grounded by construction), for small local models.
    mode: Mode = "full"
    # Low, so the same transcript gets the same labels; None omits it (models that reject it).
    temperature: float | None = 0.2
    timeout_seconds: float = 120.0  # one HTTP call
    context_tokens: int = 128_000  # the model's context window; longer transcripts are split
    max_output_tokens: int = 4_096
    overlap_turns: int = 2  # turns repeated at the start of the next part, so a question keeps its answer
    max_split_depth: int = 3  # times a cut-off part (finish_reason=length) may be halved again
    max_passages: int = 120  # grounded mode: candidate passages offered, at most
    max_attempts: int = 4  # per call, first try included
    backoff_seconds: float = 1.0  # first retry wait, doubling with jitter
    max_wait_seconds: float = 60.0  # cap on one wait, Retry-After included
    price_in_per_1k: float = 0.0  # USD per 1k prompt tokens
    price_out_per_1k: float = 0.0  # USD per 1k completion tokens

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"INSIGHTS_LLM_MODE must be one of {MODES}, not {self.mode!r}")

    @classmethod
    def from_env(cls, env: Env) -> "LlmSettings | None":
        """None unless base URL, API key and model are all set (then the LLM is on)."""
        base_url, api_key, model = (env(f"INSIGHTS_LLM_{n}", None) for n in ("BASE_URL", "API_KEY", "MODEL"))
        if not (base_url and api_key and model):
            return None

        def num(name: str, default: float) -> float:
            return float(env(f"INSIGHTS_LLM_{name}", None) or default)

        temperature = env("INSIGHTS_LLM_TEMPERATURE", None)
        return cls(base_url=base_url, api_key=api_key, model=model,
                   mode=(env("INSIGHTS_LLM_MODE", None) or cls.mode).strip().lower(),  # type: ignore[arg-type]
                   temperature=_temperature(temperature) if temperature else cls.temperature,
                   timeout_seconds=num("TIMEOUT_SECONDS", cls.timeout_seconds),
                   context_tokens=int(num("CONTEXT_TOKENS", cls.context_tokens)),
                   max_output_tokens=int(num("MAX_OUTPUT_TOKENS", cls.max_output_tokens)),
                   overlap_turns=int(num("OVERLAP_TURNS", cls.overlap_turns)),
                   max_split_depth=int(num("MAX_SPLIT_DEPTH", cls.max_split_depth)),
                   max_passages=int(num("MAX_PASSAGES", cls.max_passages)),
                   max_attempts=int(num("MAX_ATTEMPTS", cls.max_attempts)),
                   backoff_seconds=num("BACKOFF_SECONDS", cls.backoff_seconds),
                   max_wait_seconds=num("MAX_WAIT_SECONDS", cls.max_wait_seconds),
                   price_in_per_1k=num("PRICE_IN_PER_1K", cls.price_in_per_1k),
                   price_out_per_1k=num("PRICE_OUT_PER_1K", cls.price_out_per_1k))

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        return prompt_tokens / 1000 * self.price_in_per_1k + completion_tokens / 1000 * self.price_out_per_1k


def _temperature(value: str) -> float | None:
    return None if value.strip().lower() in ("none", "off", "omit") else float(value)
