"""The closed vocabularies of an event: weapon categories, statuses, date precision and date source.

They are `str` enums so that they serialise as plain strings in JSON and compare equal to them:

>>> Category("missiles") is Category.MISSILES
True
"""
from enum import Enum


class Category(str, Enum):
    """What kind of materiel moved. Extractors choose the most specific one a mention supports."""

    AIRCRAFT = "aircraft"
    UAV = "uav"
    MISSILES = "missiles"
    AIR_DEFENCE = "air_defence"
    ARTILLERY = "artillery"
    AMMUNITION = "ammunition"
    ARMOURED_VEHICLES = "armoured_vehicles"
    SMALL_ARMS = "small_arms"
    SHIPS = "ships"
    SENSORS = "sensors"
    TECHNOLOGY = "technology"
    MILITARY_EQUIPMENT = "military_equipment"  # weapons with no more specific type given
    NON_MILITARY = "non_military"  # aid, food, fuel moving in the same context


class Status(str, Enum):
    """Where the transfer stands according to the source."""

    DELIVERED = "delivered"
    PLANNED = "planned"  # also promised, pledged, approved, ordered, contracted
    REQUESTED = "requested"
    OFFERED = "offered"
    DENIED = "denied"
    CANCELLED = "cancelled"  # also halted, suspended, withdrawn


class DatePrecision(str, Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class DateSource(str, Enum):
    """Where an event's date came from, in the order extractors prefer them."""

    EXPLICIT = "explicit"  # the stated time of the transfer
    STATEMENT = "statement"  # the date of the statement reporting it
    PUBLISHED = "published"  # the article's publication date


class ActorKind(str, Enum):
    STATE = "state"
    NON_STATE = "non_state"


# Specific categories win over the generic one when a single clause names both ("weapons, including rockets").
GENERIC_CATEGORIES = frozenset({Category.MILITARY_EQUIPMENT})
