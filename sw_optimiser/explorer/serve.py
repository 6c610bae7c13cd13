"""`sw-optimiser explorer [MODEL]`: start the Streamlit app from the installed package, with the
settings of streamlit.toml (the same file the repository's .streamlit/config.toml links to)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from ..i18n import DEFAULT_LANG, t
from ..problems import InputError, Problem

HERE = Path(__file__).resolve().parent
APP = Path(importlib.util.find_spec("sw_optimiser.explorer.app").origin)  # the main script, as installed
CONFIG = HERE / "streamlit.toml"


def options(config: Path = CONFIG) -> list[str]:
    """streamlit.toml as Streamlit's command-line options: --section.key=value."""
    with open(config, "rb") as fh:
        settings = tomllib.load(fh)
    return [f"--{section}.{key}={str(value).lower() if isinstance(value, bool) else value}"
            for section, values in settings.items() for key, value in values.items()]


def command(model: str | None = None, port: int = 8501, headless: bool = False) -> tuple[list[str], dict]:
    """The command line and environment that start the explorer."""
    env = dict(os.environ)
    if model:
        path = Path(model)
        if not path.is_file():
            raise InputError([Problem(str(model), None, None, "file.missing", {"path": str(model)})], str(model))
        env["SW_EXPLORER_MODEL"] = str(path.resolve())  # the server may run from another folder
    args = [sys.executable, "-m", "streamlit", "run", str(APP), f"--server.port={port}", *options()]
    if headless:
        args.append("--server.headless=true")
    return args, env


def serve(model: str | None = None, port: int = 8501, lang: str = DEFAULT_LANG, headless: bool = False) -> int:
    args, env = command(model, port, headless)
    print(t("cli.explorer_starting", lang, url=f"http://localhost:{port}"), flush=True)
    try:
        return subprocess.call(args, env=env)
    except KeyboardInterrupt:  # Ctrl+C reaches Streamlit too, which stops
        return 0
