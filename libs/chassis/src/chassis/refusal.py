"""The base of every domain's "we refuse this request" errors. Plain Python (domain code may
import it); the HTTP adapters turn it into problem+json with its `status` and stable `code`."""


class Refusal(Exception):
    code = "invalid_input"
    status = 422

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
