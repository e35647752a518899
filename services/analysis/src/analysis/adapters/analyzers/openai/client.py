"""One structured chat completion, retried with backoff: 429 (honouring Retry-After), 5xx,
timeouts, connection errors and answers that are not valid JSON for the schema.
Everything else (400, 401, 403, 404 ...) fails at once. An answer cut off at the token
limit is not retried either: the same request would be cut off again, so the caller
asks a smaller question instead (AnswerCutOff)."""

import email.utils
import logging
import time
from dataclasses import dataclass

import msgspec
import openai
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from analysis.adapters.analyzers.openai.schema import AnswerFormat, T
from analysis.adapters.analyzers.openai.settings import LlmSettings
from analysis.adapters.metrics import LLM_COST, LLM_REQUESTS, LLM_TOKENS
from analysis.domain.errors import AnalyzerUnavailable

log = logging.getLogger(__name__)


class InvalidAnswer(Exception):
    """Malformed JSON, a schema violation or a refusal."""


class AnswerCutOff(Exception):
    """finish_reason=length: the answer did not fit in max_output_tokens."""


@dataclass
class Usage:
    """Tokens of every answer received, including the ones we rejected: they cost the same."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in (408, 409, 429) or exc.status_code >= 500
    return isinstance(exc, InvalidAnswer | openai.APITimeoutError | openai.APIConnectionError)


def _retry_after(exc: BaseException | None) -> float | None:
    if not isinstance(exc, openai.APIStatusError):
        return None
    headers = exc.response.headers
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return float(ms) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        when = email.utils.parsedate_to_datetime(value)  # an HTTP date
        return max(when.timestamp() - time.time(), 0.0) if when else None


def _describe(exc: BaseException, settings: LlmSettings, attempts: int) -> str:
    times = f"{attempts} attempt{'s' if attempts != 1 else ''}"
    if isinstance(exc, openai.RateLimitError):
        return f"the AI service kept rate-limiting requests ({times})"
    if isinstance(exc, openai.APIStatusError):
        return f"the AI service answered with an error, HTTP {exc.status_code} ({times})"
    if isinstance(exc, openai.APITimeoutError):
        return f"the AI service did not answer within {settings.timeout_seconds:g} s ({times})"
    if isinstance(exc, openai.APIConnectionError):
        return f"the AI service could not be reached ({times})"
    if isinstance(exc, InvalidAnswer):
        return f"the AI service's answer was not in the expected format ({times})"
    return f"the AI service failed: {type(exc).__name__} ({times})"


class ChatClient:
    def __init__(self, settings: LlmSettings) -> None:
        self._settings = settings
        # Retries are ours (bounded, Retry-After aware), so the SDK's own are off.
        self._client = openai.AsyncOpenAI(base_url=settings.base_url, api_key=settings.api_key,
                                          timeout=settings.timeout_seconds, max_retries=0)

    async def complete(self, messages: list[dict], usage: Usage, answer: AnswerFormat[T]) -> T:
        s = self._settings
        backoff = wait_exponential_jitter(multiplier=s.backoff_seconds, max=s.max_wait_seconds,
                                          jitter=s.backoff_seconds)

        def wait(state: RetryCallState) -> float:
            after = _retry_after(state.outcome.exception() if state.outcome else None)
            return min(after, s.max_wait_seconds) if after is not None else backoff(state)

        retrying = AsyncRetrying(stop=stop_after_attempt(s.max_attempts), wait=wait,
                                 retry=retry_if_exception(_retryable), reraise=True,
                                 before_sleep=lambda st: log.warning("LLM call failed (attempt %d): %r",
                                                                     st.attempt_number, st.outcome.exception()))
        attempts = 0
        try:
            async for attempt in retrying:
                with attempt:
                    attempts = attempt.retry_state.attempt_number
                    return await self._once(messages, usage, answer)
        except AnswerCutOff:
            raise
        except Exception as exc:
            cost = s.cost(usage.prompt_tokens, usage.completion_tokens)
            raise AnalyzerUnavailable(_describe(exc, s, attempts), usage.prompt_tokens, usage.completion_tokens,
                                      cost) from exc
        raise AssertionError("unreachable: tenacity either returns or raises")

    async def _once(self, messages: list[dict], usage: Usage, answer: AnswerFormat[T]) -> T:
        s = self._settings
        extra: dict = {} if s.temperature is None else {"temperature": s.temperature}
        # Local servers (Ollama, LM Studio) read only max_tokens; OpenAI's reasoning models reject it.
        extra["max_tokens" if s.mode == "grounded" else "max_completion_tokens"] = s.max_output_tokens
        try:
            response = await self._client.chat.completions.create(
                model=s.model, messages=messages, response_format=answer.response_format, **extra)
        except Exception:
            LLM_REQUESTS.labels(s.model, "error").inc()
            raise
        LLM_REQUESTS.labels(s.model, "answered").inc()
        usage.calls += 1
        if response.usage:
            prompt, completion = response.usage.prompt_tokens or 0, response.usage.completion_tokens or 0
            usage.prompt_tokens += prompt
            usage.completion_tokens += completion
            LLM_TOKENS.labels(s.model, "prompt").inc(prompt)
            LLM_TOKENS.labels(s.model, "completion").inc(completion)
            LLM_COST.labels(s.model).inc(s.cost(prompt, completion))
        if not response.choices:
            raise InvalidAnswer("no choices in the answer")
        choice = response.choices[0]
        if choice.finish_reason == "length":
            raise AnswerCutOff(f"answer cut off at {self._settings.max_output_tokens} tokens")
        if getattr(choice.message, "refusal", None) or not choice.message.content:
            raise InvalidAnswer("no content in the answer")
        try:
            return answer.decoder.decode(choice.message.content)
        except msgspec.DecodeError as exc:  # ValidationError (schema) is a DecodeError too
            raise InvalidAnswer(str(exc)) from exc
