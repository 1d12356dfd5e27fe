"""Spreadsheet imports (units, people, ratings, initiatives, awards): all or nothing.

The framework lives here (column specs, value parsers, row problems, the runner, templates); the
importers live in each app's `interfaces/imports.py`. The `vinhdanh import` command and the web
import both call `run_import`.
"""

from vinhdanh.common.importing.problems import Problem
from vinhdanh.common.importing.runner import KINDS, ImportResult, importer_class, run_import

__all__ = ["KINDS", "ImportResult", "Problem", "importer_class", "run_import"]
