"""Periodic crawls: a cron line or a systemd user timer. The crawl's own job lock stops overlaps."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

_INTERVAL = re.compile(r"^(\d+)([mhd])$")
_UNIT_MINUTES = {"m": 1, "h": 60, "d": 1440}


def parse_interval(text: str) -> int:
    """Minutes in '30m', '6h' or '1d'; cron can only repeat evenly, so other values are refused."""
    match = _INTERVAL.match(text.strip())
    if not match or int(match.group(1)) == 0:
        raise ValueError(f"interval must look like 30m, 6h or 1d, not {text!r}")
    minutes = int(match.group(1)) * _UNIT_MINUTES[match.group(2)]
    hours = minutes // 60
    even = (minutes < 60 and 60 % minutes == 0) or (minutes % 60 == 0 and hours < 24 and 24 % hours == 0) \
        or minutes % 1440 == 0
    if not even:
        raise ValueError(f"{text!r} does not divide an hour or a day evenly, which cron needs")
    return minutes


def cron_line(command: str, minutes: int, marker: str) -> str:
    """Quiet on success: `sct crawl --job` logs to the job directory, so cron mails only failures."""
    if minutes < 60:
        when = f"*/{minutes} * * * *"
    elif minutes < 1440:
        when = f"7 */{minutes // 60} * * *"
    else:
        when = f"7 3 */{minutes // 1440} * *"
    return f"{when} {command} {marker}"


def install_cron(line: str, marker: str) -> None:
    """Replace our line in the user's crontab (found by its marker), keeping every other line."""
    current = subprocess.run(["crontab", "-l"], capture_output=True, text=True, check=False)
    kept = [one for one in current.stdout.splitlines() if marker not in one] if current.returncode == 0 else []
    subprocess.run(["crontab", "-"], input="\n".join([*kept, line]) + "\n", text=True, check=True)


def systemd_units(command: str, minutes: int, workdir: Path) -> dict[str, str]:
    service = (
        "[Unit]\nDescription=Crawl the Công Thương news sites into the archive\n\n"
        f"[Service]\nType=oneshot\nWorkingDirectory={workdir}\nExecStart={command}\n"
    )
    timer = (
        "[Unit]\nDescription=Periodic crawl of the Công Thương news sites\n\n"
        f"[Timer]\nOnBootSec=10min\nOnUnitActiveSec={minutes}min\nPersistent=true\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )
    return {"sct-crawl.service": service, "sct-crawl.timer": timer}


def install_systemd(units: dict[str, str]) -> list[Path]:
    home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    folder = home / "systemd" / "user"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in units.items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
