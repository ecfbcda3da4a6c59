"""The rules behind a work report's judgements, as pure functions.

Each rule reads records, a :class:`~villagemodel.parameters.ParameterSet`, a
jurisdiction and a date or period, and returns a result that carries an
:class:`~villagemodel.explain.Explanation`. No rule holds a threshold, weight,
quota or frequency as a literal: each is a dated, cited parameter.
"""
