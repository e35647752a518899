"""A real HTTP server speaking OpenAI chat completions, scripted per test.

Runs uvicorn in a thread on a free port; records every request (body and arrival time)
and answers from a script of steps, then from `default`. A step is a Reply or a function
of the request body returning one (to answer according to what was asked); `by_schema`
answers each kind of request (parts, synthesis, grounded) its own way, and `cut_off` is
an answer stopped at the token limit (finish_reason=length)."""

import asyncio
import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from litestar import Litestar, Request, Response, post


@dataclass
class Reply:
    body: Any
    status: int = 200
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


Step = Reply | Callable[[dict], Reply]


@dataclass
class Recorded:
    body: dict
    at: float  # time.monotonic() on arrival

    @property
    def user(self) -> str:
        return next(m["content"] for m in self.body["messages"] if m["role"] == "user")

    @property
    def system(self) -> str:
        return next(m["content"] for m in self.body["messages"] if m["role"] == "system")

    @property
    def schema_name(self) -> str:
        """Which kind of request: session_insights, grounded_insights or session_synthesis."""
        return self.body["response_format"]["json_schema"]["name"]


def answer(content: dict | str, prompt_tokens: int = 1000, completion_tokens: int = 200, delay: float = 0.0,
           finish_reason: str = "stop") -> Reply:
    text = content if isinstance(content, str) else json.dumps(content)
    return Reply(delay=delay, body={
        "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": "fake-model",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish_reason}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens}})


def error(status: int, message: str = "scripted failure", headers: dict | None = None, delay: float = 0.0) -> Reply:
    return Reply(status=status, delay=delay, headers=headers or {},
                 body={"error": {"message": message, "type": "server_error", "code": None}})


def cut_off(prompt_tokens: int = 1000, completion_tokens: int = 4096) -> Reply:
    """An answer that hit max tokens: finish_reason=length and JSON that stops mid-way."""
    return answer('{"celebration": {"description": "The client fin', prompt_tokens, completion_tokens,
                  finish_reason="length")


def insight(**sections: Any) -> dict:
    """A schema-valid answer: empty sections unless given."""
    base = {"celebration": None, "intention": None, "client_discoveries": [], "goal_progress": [],
            "coaching_presence": None, "powerful_questions": [], "action_items": [], "emotional_shifts": [],
            "values_beliefs": [], "communication_patterns": None, "session_summary": "A focused session.",
            "key_themes": [], "overall_session_quality": "Good", "coach_feedback": None}
    return {**base, **sections}


def action(text: str, *evidence: str) -> dict:
    return {"action": text, "timeline": None, "accountability_measure": None, "client_commitment_level": "High",
            "missing_smart": [], "evidence": list(evidence)}


def feedback(kind: str, *evidence: str, competency: str = "Evokes Awareness", observation: str = "") -> dict:
    return {"kind": kind, "competency": competency, "pcc_marker": "7.1 Asks questions about the client",
            "observation": observation or f"{kind} observed", "suggestion": None, "evidence": list(evidence)}


def synthesis(keep: dict[str, list[int]] | None = None, intention: int | None = None, **fields: Any) -> dict:
    """A schema-valid synthesis answer; lists not named in `keep` keep nothing (i.e. everything)."""
    lists = ("client_discoveries", "goal_progress", "powerful_questions", "action_items", "emotional_shifts",
             "values_beliefs", "strengths", "missed_opportunities")
    base = {"session_summary": "The whole session, synthesised.", "key_themes": ["planning"],
            "overall_session_quality": "Good", "quality_rationale": "Open questions, client-led actions.",
            "intention": intention, "keep": {name: (keep or {}).get(name, []) for name in lists}}
    return {**base, **fields}


def by_schema(**steps: Step) -> Callable[[dict], Reply]:
    """A step answering each kind of request (by its json_schema name) with its own step."""

    def reply(body: dict) -> Reply:
        step = steps[body["response_format"]["json_schema"]["name"]]
        return step(body) if callable(step) else step

    return reply


class FakeLLM:
    def __init__(self) -> None:
        self.script: deque[Step] = deque()
        self.default: Step | None = None
        self.requests: list[Recorded] = []
        self.port = _free_port()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def then(self, *steps: Step) -> "FakeLLM":
        self.script.extend(steps)
        return self

    async def _handle(self, request: Request) -> Response:
        body = await request.json()
        self.requests.append(Recorded(body=body, at=time.monotonic()))
        step = self.script.popleft() if self.script else self.default
        reply = (step(body) if callable(step) else step) if step else error(500, "script exhausted")
        if reply.delay:
            await asyncio.sleep(reply.delay)
        return Response(reply.body, status_code=reply.status, headers=reply.headers)

    def start(self) -> "FakeLLM":
        handler = post("/v1/chat/completions", status_code=200)(self._handle)
        app = Litestar([handler], debug=False)
        # "critical": a request still sleeping at shutdown (the timeout test) is cancelled on purpose.
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="critical", lifespan="off",
                                timeout_graceful_shutdown=1)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True, name="fake-llm")
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise TimeoutError("fake LLM did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server:
            self._server.should_exit = True
        if self._thread:
            self._thread.join(5)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def quoting_answer(delay: float = 0.0) -> Callable[[dict], Reply]:
    """A step answering any transcript with an action item that quotes its last turn verbatim."""

    def reply(body: dict) -> Reply:
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        lines = re.findall(r"^\[\d+\] [^\n]*?\((?:coach|client|unknown)\): (.*)$", user, re.M)
        quote = lines[-1]
        return answer(insight(action_items=[action("Follow through on the plan", quote)],
                              session_summary="The client made a plan.", key_themes=["planning"]), delay=delay)

    return reply
