"""`vinhdanh check --deploy` is clean under production settings (docs/deploy.md)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PRODUCTION = {
    "VINHDANH_HTTPS": "true",
    "VINHDANH_DEBUG": "false",
    "VINHDANH_ALLOWED_HOSTS": "vinhdanh.hatinh.gov.vn",
}


def deploy_check(home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("VINHDANH_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-m", "vinhdanh", "check", "--deploy", "--fail-level", "WARNING"],
        env={**clean, "VINHDANH_HOME": str(home), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("secret_length", [50, 80])
def test_check_deploy_is_clean_with_production_settings(tmp_path: Path, secret_length: int) -> None:
    key = secrets.token_urlsafe(secret_length)
    done = deploy_check(tmp_path, VINHDANH_SECRET_KEY=key, **PRODUCTION)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout + done.stderr


def test_check_deploy_fails_without_a_real_secret_key_or_https(tmp_path: Path) -> None:
    done = deploy_check(tmp_path)
    out = done.stdout + done.stderr
    assert done.returncode != 0
    for code in ("security.W009", "security.W004", "security.W008", "security.W012"):
        assert code in out
