"""pytest configuration for the documentation pages.

pytest collects ``docs/`` with ``--doctest-modules``: the Sphinx
configuration is not a test module.
"""

collect_ignore = ["conf.py"]
