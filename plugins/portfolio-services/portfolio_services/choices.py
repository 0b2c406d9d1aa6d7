"""The plugin's fixed vocabularies, free of heavy imports so the CLI can offer them in --help."""

from __future__ import annotations

# Order categories in New services, in the order the key figures list them.
CATEGORIES = ("new-service", "advisory", "network")
CATEGORY_ALIASES = {
    "new-service": "new-service",
    "new service": "new-service",
    "ny tjeneste": "new-service",
    "ny-tjeneste": "new-service",
    "advisory": "advisory",
    "rådgivning": "advisory",
    "network": "network",
    "nettverk": "network",
    "nettverkstjenester": "network",
}

# Emergency readiness levels, least to most severe.
LEVELS = ("green", "yellow", "red")
LEVEL_ALIASES = {
    "green": "green",
    "grønn": "green",
    "yellow": "yellow",
    "gul": "yellow",
    "red": "red",
    "rød": "red",
}

# The parts of the section a person writes text for.
TEXT_PARTS = ("intro", "support", "orders", "incidents")


def category_of(text: str, categories: tuple[str, ...] = CATEGORIES) -> str:
    """The category key for a key or a Norwegian name, among the configured ``categories``
    ([plugins.services] categories); ValueError naming what is allowed."""
    written = " ".join(text.split()).lower()
    key = CATEGORY_ALIASES.get(written, written)
    if key not in categories:
        names = [
            name
            for name, alias in (
                ("Ny tjeneste", "new-service"),
                ("Rådgivning", "advisory"),
                ("Nettverkstjenester", "network"),
            )
            if alias in categories
        ]
        also = f" (or {', '.join(names)})" if names else ""
        raise ValueError(
            f"'{text}' is not a category; use {', '.join(categories)}{also}: the categories of "
            "[plugins.services] categories"
        )
    return key


def level_of(text: str) -> str:
    """The readiness level key for a key or a Norwegian name; ValueError naming what is allowed."""
    key = LEVEL_ALIASES.get(text.strip().lower())
    if key is None:
        raise ValueError(f"'{text}' is not a readiness level; use {', '.join(LEVELS)}")
    return key
