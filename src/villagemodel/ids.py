"""Typed ids: one ``NewType`` of ``str`` per kind of record.

At run time an id is a plain ``str``; under a type checker a
``HouseholdId`` cannot be passed where a ``VillageId`` is expected.

>>> from villagemodel.ids import VillageId
>>> VillageId("taohua")
'taohua'
"""

from typing import NewType

__all__ = [
    "ActivityId",
    "AdmissionId",
    "AllocationId",
    "AwardId",
    "BranchId",
    "CadreId",
    "CityId",
    "CountyId",
    "DisputeId",
    "FirstSecretaryId",
    "FundId",
    "GridWorkerId",
    "HamletId",
    "HouseholdId",
    "IndustryId",
    "MeetingId",
    "MemberId",
    "MonitoringId",
    "PartyMemberId",
    "ProjectId",
    "RegionId",
    "SupportingUnitId",
    "SurveyId",
    "TownshipId",
    "VillageId",
    "WorkTeamId",
]

RegionId = NewType("RegionId", str)
CityId = NewType("CityId", str)
CountyId = NewType("CountyId", str)
TownshipId = NewType("TownshipId", str)
VillageId = NewType("VillageId", str)
HamletId = NewType("HamletId", str)
GridWorkerId = NewType("GridWorkerId", str)
BranchId = NewType("BranchId", str)
PartyMemberId = NewType("PartyMemberId", str)
CadreId = NewType("CadreId", str)
SupportingUnitId = NewType("SupportingUnitId", str)
WorkTeamId = NewType("WorkTeamId", str)
FirstSecretaryId = NewType("FirstSecretaryId", str)
IndustryId = NewType("IndustryId", str)
HouseholdId = NewType("HouseholdId", str)
MemberId = NewType("MemberId", str)
MonitoringId = NewType("MonitoringId", str)
SurveyId = NewType("SurveyId", str)
AdmissionId = NewType("AdmissionId", str)
FundId = NewType("FundId", str)
AllocationId = NewType("AllocationId", str)
ProjectId = NewType("ProjectId", str)
ActivityId = NewType("ActivityId", str)
MeetingId = NewType("MeetingId", str)
AwardId = NewType("AwardId", str)
DisputeId = NewType("DisputeId", str)
