"""Ingestion's own settings (read only by main.py), beside the common ones."""

from dataclasses import dataclass
from pathlib import Path

from chassis.settings import CommonSettings, env


@dataclass(frozen=True)
class IngestionSettings:
    common: CommonSettings
    spool_dir: Path | None  # where uploads wait while being read; None: the system temp dir
    purge_every_seconds: float  # how often expired Idempotency-Keys are deleted

    @classmethod
    def from_env(cls) -> "IngestionSettings":
        spool = env("INGESTION_SPOOL_DIR")
        return cls(
            common=CommonSettings.from_env("ingestion", 8001),
            spool_dir=Path(spool) if spool else None,
            purge_every_seconds=float(env("INGESTION_IDEMPOTENCY_PURGE_SECONDS", "3600")),
        )
