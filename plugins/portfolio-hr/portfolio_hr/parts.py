"""The parts of the section a person writes, and where each appears (no heavy imports here)."""

from __future__ import annotations

PARTS: dict[str, str] = {
    "intro": "at the top of the section, before the sick-leave figures",
    "sick-leave": "after the chart of total sick leave, following the year's average",
    "certification": "after the chart of self- and doctor-certified absence",
    "short-term": "under the heading on short-term absence",
    "long-term": "under the heading on long-term absence",
    "aml": "after the table of AML breaches",
}
