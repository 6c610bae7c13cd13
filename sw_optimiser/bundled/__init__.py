"""The bundled companies, scenarios, peer set and region example, found through the package.

In the repository they live in `models/` and `scenarios/` at the top; the wheel carries the same files
as the package data `sw_optimiser/bundled/models/` and `sw_optimiser/bundled/scenarios/` (pyproject's
package-dir maps the two folders there, so there is no second copy in the repository). `folder()`
finds them either way, and `copy_out` copies one example out for a user to edit
(`sw-optimiser example NAME [DIR]`).
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from ..i18n import DEFAULT_LANG, t

KINDS = ("models", "scenarios")
REGION = "region"  # the region example: models/region.yaml and the workbooks it names


def folder(kind: str) -> Path:
    """The folder of bundled `kind` ("models" or "scenarios"): the package data of an installed wheel,
    else the repository's own folder (a checkout, installed editable or not at all)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; one of {KINDS}")
    packaged = resources.files(__name__) / kind
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / kind


def names() -> list[str]:
    """What `copy_out` knows: each bundled workbook, the region, each scenario (by file stem)."""
    workbooks = sorted(p.stem for p in folder("models").glob("*.xlsx"))
    scenarios = sorted(p.stem for p in folder("scenarios").glob("*.yaml"))
    return [*workbooks, REGION, *scenarios]


def _files(name: str) -> dict[str, bytes]:
    """The files of example `name`: file name -> content, ready to be written side by side."""
    import yaml

    models, scenarios = folder("models"), folder("scenarios")
    stem = Path(name).stem
    if (models / f"{stem}.xlsx").is_file():
        return {f"{stem}.xlsx": (models / f"{stem}.xlsx").read_bytes()}
    if stem == REGION:
        text = (models / "region.yaml").read_text(encoding="utf-8")
        members = [m["model"] for m in yaml.safe_load(text)["members"]]
        return {"region.yaml": text.encode("utf-8"), **{m: (models / m).read_bytes() for m in members}}
    if (scenarios / f"{stem}.yaml").is_file():  # the scenario, and the model it names, side by side
        text = (scenarios / f"{stem}.yaml").read_text(encoding="utf-8")
        model = yaml.safe_load(text).get("model")
        if not model:
            return {f"{stem}.yaml": text.encode("utf-8")}
        model_name = Path(model).name
        text = re.sub(r"^model:.*$", f"model: {model_name}", text, count=1, flags=re.MULTILINE)
        return {f"{stem}.yaml": text.encode("utf-8"), model_name: (scenarios / model).read_bytes()}
    return {}


def copy_out(name: str, directory: str | Path = ".", lang: str = DEFAULT_LANG, overwrite: bool = False) -> list[Path]:
    """Copy example `name` into `directory` (made if missing); returns the files written. Every
    target is checked before the first is written, so a refusal leaves nothing half copied."""
    from ..output import OutputRefused, check, write_bytes

    files = _files(name)
    if not files:
        raise OutputRefused(t("cli.example_unknown", lang, name=name, names=", ".join(names())))
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    targets = {directory / file: data for file, data in files.items()
               if not ((directory / file).is_file() and (directory / file).read_bytes() == data)}  # there already
    for target in targets:
        check(target, overwrite=overwrite, lang=lang)
    return [write_bytes(target, data, overwrite=overwrite, lang=lang) for target, data in targets.items()]
