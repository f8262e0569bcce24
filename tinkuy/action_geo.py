"""Where an event happened, in the columns a GDELT user knows: ``action_geo_*``.

GDELT 2.0's event table places an event with ``ActionGeo_Type``, ``_FullName``,
``_CountryCode``, ``_ADM1Code``, ``_Lat``, ``_Long`` and ``_FeatureID``. The exports
(``tinkuy.exports``) write the same columns in snake case, read from an event's
``location`` (``docs/record.md``), with tinkuy's codes where GDELT's differ:

- ``action_geo_type``: ``place``, ``division`` or ``country`` (GDELT numbers its types);
- ``action_geo_fullname``: the place, its division and its country, as GDELT writes
  them ("Córdoba, Córdoba, Argentina"; "Córdoba, Argentina" for the province;
  "Argentina");
- ``action_geo_country_code``: ISO 3166-1 alpha-2, as GeoNames gives it (GDELT writes
  FIPS 10-4; tinkuy's actor codes are alpha-3);
- ``action_geo_adm1_code``: the first-order division as GeoNames keys it, country and
  admin1 code ("AR.05"), and, as in GDELT, the country's code for a country;
- ``action_geo_lat``, ``action_geo_long``: degrees;
- ``action_geo_feature_id``: the GeoNames id (GDELT gives a GNS or GNIS id).
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from .places.units import unit_names

_FULL_NAME = (
    "CASE {loc}.precision WHEN 'country' THEN {loc}.name"
    " WHEN 'division' THEN concat_ws(', ', {loc}.name, geo_country.unit_name)"
    " ELSE concat_ws(', ', {loc}.name, geo_division.unit_name, geo_country.unit_name) END"
)
COLUMNS: dict[str, str] = {
    "action_geo_type": "{loc}.precision",
    "action_geo_fullname": _FULL_NAME,
    "action_geo_country_code": "{loc}.country_code",
    "action_geo_adm1_code": "coalesce({loc}.admin1, {loc}.country_code)",
    "action_geo_lat": "{loc}.latitude",
    "action_geo_long": "{loc}.longitude",
    "action_geo_feature_id": "{loc}.geonames_id",
}
"""Each column, as SQL over a location struct ``{loc}``."""
LATITUDE, LONGITUDE = "action_geo_lat", "action_geo_long"
_UNITS = "geo_units"
_JOINS = (
    "LEFT JOIN {units} geo_division ON geo_division.unit_code = {loc}.admin1"
    " LEFT JOIN {units} geo_country ON geo_country.unit_code = {loc}.country_code"
)


def columns(location: str) -> str:
    """The ``action_geo_*`` columns of the location struct ``location``, for a query with ``name_joins(location)``."""
    return ", ".join(f"{sql.format(loc=location)} AS {name}" for name, sql in COLUMNS.items())


def name_joins(con: duckdb.DuckDBPyConnection, location: str) -> str:
    """The joins the columns read the names of divisions and countries from, registering those names on ``con``."""
    con.register(_UNITS, pa.table({"unit_code": list(unit_names()), "unit_name": list(unit_names().values())}))
    return _JOINS.format(units=_UNITS, loc=location)
