"""The rules behind a work report's judgements, as pure functions.

Each rule reads records, a :class:`~villagemodel.parameters.ParameterSet`, a
jurisdiction and a date or period, and returns a result that carries an
:class:`~villagemodel.explain.Explanation`. No rule holds a threshold, weight,
quota or frequency as a literal: each is a dated, cited parameter.

=============================================  ==================================================
module                                         rule
=============================================  ==================================================
:mod:`~villagemodel.rules.star_rating`         star-rated Party branches (星级化管理): rubrics
:mod:`~villagemodel.rules.monitoring`          monitoring and risk elimination (防止返贫动态监测)
:mod:`~villagemodel.rules.guarantees`          the three guarantees and drinking water
:mod:`~villagemodel.rules.collective_economy`  collective-economy class (空壳村 ...)
:mod:`~villagemodel.rules.meetings`            三会一课 and themed Party days
:mod:`~villagemodel.rules.decisions`           四议两公开 and 三务公开
:mod:`~villagemodel.rules.competitions`        competitions, flags and designations
=============================================  ==================================================
"""
