"""Uploaded files -> speaker turns: sniffing, guards, subtitle parsing and unstructured."""

from ingestion.adapters.extractors.file_text_extractor import FileTextExtractor

__all__ = ["FileTextExtractor"]
