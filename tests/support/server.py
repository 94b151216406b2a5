"""Start the real server (`facilitator serve`) in a subprocess on a free loopback port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """One server process; ``kill()`` sends SIGKILL, ``start()`` starts it again (same data)."""

    def __init__(
        self,
        data_dir: Path,
        *,
        async_mode: str = "gevent",
        port: int | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.async_mode = async_mode
        self.port = port or free_port()
        self.env = {
            **os.environ,
            "FACILITATOR_DATA_DIR": str(data_dir),
            "FACILITATOR_ASYNC_MODE": async_mode,
            "FACILITATOR_PUBLIC_URL": f"http://127.0.0.1:{self.port}",
            "FACILITATOR_SECRET_KEY": "live-test-secret",
            "PYTHONUNBUFFERED": "1",
            # Every test phone joins from 127.0.0.1: lift the per-address join limit.
            "FACILITATOR_JOIN_RATE": "100000 per minute",
            "FACILITATOR_SEAT_RATE": "100000 per minute",
            **(env or {}),
        }
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = data_dir / f"server-{self.port}.log"

    @property
    def url(self) -> str:
        """Base URL."""
        return f"http://127.0.0.1:{self.port}"

    def cli(self, *args: str, input_text: str | None = None) -> str:
        """Run a `facilitator` CLI command against the same data."""
        out = subprocess.run(
            [sys.executable, "-m", "facilitator", *args],
            env=self.env,
            input=input_text,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        return out.stdout

    def create_user(self, username: str, password: str) -> None:
        """A facilitator account via the CLI."""
        self.cli("users", "create", username, "--password", password)

    def start(self, timeout: float = 30.0) -> None:
        """Start and wait until it answers HTTP."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")  # noqa: SIM115 (kept open for the process's life)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "facilitator",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log()}")
            try:
                requests.get(f"{self.url}/j", timeout=1)
                return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError(f"server did not start in {timeout}s: {self.log()}")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush; what was committed must survive."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        """Terminate politely (then kill)."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self, tail: int | None = 4000) -> str:
        """The server's output so far (the last ``tail`` characters; None: all of it)."""
        try:
            text = self.log_path.read_text(errors="replace")
            return text if tail is None else text[-tail:]
        except OSError:
            return ""
