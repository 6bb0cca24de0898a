"""For scrapyd-deploy, which builds its egg by running setup.py; everything is configured in pyproject.toml."""

from setuptools import setup

setup()
