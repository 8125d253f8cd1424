from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def nianbao(*args: str, data_dir: Path, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run the real console script in a subprocess."""
    e = {**os.environ, "NIANBAO_DATA_DIR": str(data_dir), **(env or {})}
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=ROOT, env=e, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.fail(f"../shared is missing at {SHARED}: the tests need the shared corpus")
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory, shared) -> Path:
    """A data dir with the shared text corpus and the PDF eval corpus ingested, once per session."""
    d = tmp_path_factory.mktemp("corpus-data")
    r = nianbao("ingest", str(shared / "corpus"), str(shared / "eval_corpus"), "--json", data_dir=d)
    assert r.returncode == 0, r.stdout + r.stderr
    return d
