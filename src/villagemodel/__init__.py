"""villagemodel: the typed domain library behind rural-revitalisation work reports.

Import the domain types from the top level::

    >>> import villagemodel as vm
    >>> vm.Money.from_wan("90.2").format_zh()
    '90.2万元'
    >>> vm.StarRating.of(4).zh
    '四星'

See the documentation for the domain guide and the API reference.
"""

from villagemodel._version import __version__
from villagemodel.activities import (
    Activity,
    ActivityKind,
    Award,
    AwardKind,
    DisputeMediation,
    Meeting,
    MeetingKind,
)
from villagemodel.dataset import TABLES, Dataset, Table
from villagemodel.errors import (
    DatasetValidationError,
    InexactNumberError,
    InvalidValueError,
    PeriodError,
    Problem,
    UnitMismatchError,
    UnknownDatasetError,
    UnknownReferenceError,
    VillageModelError,
)
from villagemodel.finance import Allocation, CollectiveIncome, Fund, FundPurpose, FundSource
from villagemodel.households import (
    GuaranteeSurvey,
    Household,
    HouseholdIncome,
    HousingGrade,
    Member,
    MonitoringRecord,
    PovertyHistory,
    PovertyStatus,
    PovertyStatusKind,
    Relation,
    RiskCategory,
    Sex,
    UniversityAdmission,
    WaterSupply,
    WorkingCapacity,
)
from villagemodel.industry import (
    PARTY_COMPANY_PARK_HOUSEHOLDS,
    Industry,
    IndustryKind,
    OperatingModel,
    OperatingPart,
)
from villagemodel.labels import LabelledEnum
from villagemodel.money import Money
from villagemodel.party import (
    BranchRating,
    Cadre,
    CadrePost,
    CadreStatus,
    FirstSecretary,
    MembershipStatus,
    PartyBranch,
    PartyMember,
    StarRating,
    SupportingUnit,
    WorkTeam,
)
from villagemodel.periods import Period
from villagemodel.places import (
    City,
    County,
    GridWorker,
    Hamlet,
    Region,
    RegionKind,
    Township,
    TownshipKind,
    Village,
)
from villagemodel.projects import Project, ProjectKind
from villagemodel.quantities import (
    Count,
    HouseholdCount,
    Percentage,
    PercentagePoints,
    PersonCount,
    PersonTimes,
    Quantity,
    Rate,
    Unit,
)

__all__ = [
    "PARTY_COMPANY_PARK_HOUSEHOLDS",
    "TABLES",
    "Activity",
    "ActivityKind",
    "Allocation",
    "Award",
    "AwardKind",
    "BranchRating",
    "Cadre",
    "CadrePost",
    "CadreStatus",
    "City",
    "CollectiveIncome",
    "Count",
    "County",
    "Dataset",
    "DatasetValidationError",
    "DisputeMediation",
    "FirstSecretary",
    "Fund",
    "FundPurpose",
    "FundSource",
    "GridWorker",
    "GuaranteeSurvey",
    "Hamlet",
    "Household",
    "HouseholdCount",
    "HouseholdIncome",
    "HousingGrade",
    "Industry",
    "IndustryKind",
    "InexactNumberError",
    "InvalidValueError",
    "LabelledEnum",
    "Meeting",
    "MeetingKind",
    "Member",
    "MembershipStatus",
    "Money",
    "MonitoringRecord",
    "OperatingModel",
    "OperatingPart",
    "PartyBranch",
    "PartyMember",
    "Percentage",
    "PercentagePoints",
    "Period",
    "PeriodError",
    "PersonCount",
    "PersonTimes",
    "PovertyHistory",
    "PovertyStatus",
    "PovertyStatusKind",
    "Problem",
    "Project",
    "ProjectKind",
    "Quantity",
    "Rate",
    "Region",
    "RegionKind",
    "Relation",
    "RiskCategory",
    "Sex",
    "StarRating",
    "SupportingUnit",
    "Table",
    "Township",
    "TownshipKind",
    "Unit",
    "UnitMismatchError",
    "UniversityAdmission",
    "UnknownDatasetError",
    "UnknownReferenceError",
    "Village",
    "VillageModelError",
    "WaterSupply",
    "WorkTeam",
    "WorkingCapacity",
    "__version__",
]
