"""The topics of a month's free text, in the order the section prints them, and where each goes."""

from __future__ import annotations

TOPICS: dict[str, str] = {
    "result": "after the income statement and the sentence on the result",
    "revenue": "under Revenue, after the sentence on total revenue",
    "personnel": "under Costs, after the sentence on total costs (personnel costs)",
    "staffing": "under Costs, run on after the sentences on full-time equivalents",
    "costs": "under Costs, after the staffing paragraph (the other cost lines)",
    "summary": "under Summary, before the sentence on the forecast",
    "investments": "after the project and investment budget",
    "liquidity": "after the credit line table and its sentences",
}
TOPIC_NAMES = tuple(TOPICS)
