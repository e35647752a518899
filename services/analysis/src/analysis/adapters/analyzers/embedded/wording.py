def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 question', '6 questions': summaries are read by people, not parsed."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
