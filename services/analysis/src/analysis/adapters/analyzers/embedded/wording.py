def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 question', '6 questions': summaries are read by people, not parsed."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


_INNER = str.maketrans({'"': "'", "\u201c": "\u2018", "\u201d": "\u2019"})


def quoted(text: str) -> str:
    """`text` in double quotes for a sentence of prose; the double quotes it holds become single ones, so a
    client quoting someone reads 'They said: "He told me 'no'."', never 'They said: ""He told me "no".""'."""
    return f'"{text.translate(_INNER)}"'
