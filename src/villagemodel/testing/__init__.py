"""Tools for testing code that uses villagemodel.

:mod:`villagemodel.testing.strategies` holds Hypothesis strategies for the
domain types; it needs the ``hypothesis`` extra.
"""
