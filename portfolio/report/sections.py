"""What a plugin hands the report: a section definition, and the context its builder receives."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the blocks are imported where they are made: `check` builds a context without them
    from sqlmodel import Session

    from portfolio.config import Settings
    from portfolio.context import AppContext
    from portfolio.period import Period
    from portfolio.plugin_host import PluginHost
    from portfolio.report.blocks import Block
    from portfolio.report.formatting import Formatter
    from portfolio.report.i18n import Translator


@dataclass(frozen=True)
class SectionContext:
    """Everything a section builder may use: the data, the month, the language and its formats."""

    session: Session
    period: Period
    lang: str
    settings: Settings
    t: Translator
    fmt: Formatter
    app: Any = None


@dataclass(frozen=True)
class SectionSpec:
    """A report section a plugin contributes.

    ``key`` is stable and unique (used in config and JSON); ``titles`` has the title in every
    report language; ``order`` places it when the configuration does not (the seed's sections are
    10, 20, ... 60); ``build`` returns the section's blocks for a context.
    """

    key: str
    titles: Mapping[str, str]
    build: Callable[[SectionContext], Sequence[Block]]
    order: int = 100

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or next(iter(self.titles.values()))


def text_blocks(text: str) -> list[Block]:
    """Blocks from free text: paragraphs split by blank lines; runs of '- ' lines become bullet lists."""
    from portfolio.report.blocks import BulletList, Paragraph

    blocks: list[Block] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        start = 0
        while start < len(lines):
            bullet = lines[start].startswith(("- ", "* "))
            end = start
            while end < len(lines) and lines[end].startswith(("- ", "* ")) == bullet:
                end += 1
            group = lines[start:end]
            if bullet:
                blocks.append(BulletList.of([line[2:].strip() for line in group]))
            else:
                blocks.append(Paragraph.of(" ".join(group)))
            start = end
    return blocks


def locale_folders(host: PluginHost) -> dict[str, Path]:
    """Each plugin's catalog folder, by plugin name."""
    return {plugin: Path(folder) for plugin, folder in host.call("portfolio_locales")}


def make_context(
    app: AppContext,
    session: Session,
    period: Period,
    lang: str,
    plugin: str = "core",
    folders: dict[str, Path] | None = None,
) -> SectionContext:
    """The context a plugin's section builder or rule gets: data, month, language, labels, formats.

    Labels come from the plugin's own catalog first, then the core's: two plugins may translate
    the same English id differently without one overriding the other.
    """
    from portfolio.report.formatting import Formatter
    from portfolio.report.i18n import Translator

    if folders is None:
        folders = locale_folders(app.host)
    own = [folders[plugin]] if plugin in folders else []
    return SectionContext(session, period, lang, app.settings, Translator(lang, own), Formatter(lang), app)
