"""The package list (everything else is in pyproject.toml): the code, plus the repository's models/ and
scenarios/ folders as the package data sw_optimiser.bundled.models and sw_optimiser.bundled.scenarios."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["sw_optimiser*"]), "sw_optimiser.bundled.models",
                "sw_optimiser.bundled.scenarios"])
