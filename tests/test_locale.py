"""Numbers, dates and labels in bokmål and English; every label in both catalogs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from portfolio.period import Period
from portfolio.report.formatting import Formatter
from portfolio.report.i18n import CORE_LOCALES, LANGUAGES, Translator, read_catalog

PACKAGE = Path(__file__).parent.parent / "portfolio"
NBSP = "\u00a0"


def test_bokmal_numbers_percentages_and_dates():
    fmt = Formatter("nb")
    assert fmt.number(91712) == f"91{NBSP}712"
    assert fmt.number(-4413) == f"-4{NBSP}413"
    assert fmt.number(1137600) == f"1{NBSP}137{NBSP}600"
    assert fmt.number(Decimal("0.8"), 1) == "0,8"
    assert fmt.number(Decimal("-0.04"), 1) == "0,0"  # never "-0,0"
    assert fmt.percent(Decimal("6.05"), 2) == f"6,05{NBSP}%"
    assert fmt.percent(45) == f"45{NBSP}%"
    assert fmt.millions(4413) == "4,4"
    assert fmt.date_long(dt.date(2024, 1, 31)) == "31. januar 2024"
    assert fmt.month_name(Period(2024, 1)) == "Januar 2024"
    assert fmt.month_name(Period(2023, 10), with_year=False, abbreviated=True) == "Okt"


def test_english_numbers_percentages_and_dates():
    fmt = Formatter("en")
    assert fmt.number(91712) == "91,712"
    assert fmt.number(-4413) == "-4,413"
    assert fmt.percent(Decimal("6.05"), 2) == "6.05%"
    assert fmt.date_long(dt.date(2024, 1, 31)) == "31 January 2024"
    assert fmt.month_name(Period(2024, 1)) == "January 2024"


def test_half_up_rounding_of_amounts():
    fmt = Formatter("nb")
    assert fmt.number(Decimal("704.5")) == "705"
    assert fmt.number(Decimal("-704.5")) == "-705"


def _used_message_ids() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords={"t": None, "n": (1, 2)}
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_label_the_core_uses_is_in_both_catalogs():
    used = _used_message_ids()
    assert "Monthly report as of {date}" in used and "PROJECT STATUS SUMMARY" in used
    for lang in LANGUAGES:
        catalog = read_catalog(CORE_LOCALES / f"{lang}.po")
        missing = sorted(used - set(catalog))
        assert missing == [], f"{lang}.po lacks {missing}"


def test_catalogs_hold_no_stale_labels():
    used = _used_message_ids()
    for lang in LANGUAGES:
        stale = sorted(set(read_catalog(CORE_LOCALES / f"{lang}.po")) - used)
        assert stale == [], f"{lang}.po has labels nothing uses: {stale}"


def test_translator_fills_placeholders_and_falls_back_to_the_id():
    nb = Translator("nb")
    assert nb("Monthly report as of {date}", date="31. januar 2024") == "Virksomhetsrapport pr. 31. januar 2024"
    assert nb("A label nobody translated") == "A label nobody translated"
    with pytest.raises(ValueError):
        Translator("sv")


def test_a_plugins_catalog_translates_its_labels(migrated, tmp_path, portfolio_register):
    import types

    from portfolio import hookimpl
    from portfolio.report.blocks import Paragraph
    from portfolio.report.sections import SectionSpec
    from tests.helpers import ok

    (tmp_path / "nb.po").write_text('msgid "Benefits so far"\nmsgstr "Gevinster hittil"\n', encoding="utf-8")
    (tmp_path / "en.po").write_text('msgid "Benefits so far"\nmsgstr "Benefits so far"\n', encoding="utf-8")

    def build(ctx):
        return [Paragraph.of(ctx.t("Benefits so far"))]

    plugin = types.SimpleNamespace(
        portfolio_locales=hookimpl(lambda: str(tmp_path)),
        portfolio_report_sections=hookimpl(lambda: [SectionSpec("gain", {"nb": "Gevinst", "en": "Gain"}, build, 45)]),
    )
    portfolio_register("gain", plugin)
    assert "\nGevinster hittil\n" in ok(migrated("report", "build", "--period", "2024-01", "--format", "md")).stdout
    english = ok(migrated("report", "build", "--period", "2024-01", "--format", "md", "--lang", "en")).stdout
    assert "\nBenefits so far\n" in english


def test_parsed_catalogs_are_cached_and_renewed_when_the_file_changes(tmp_path, monkeypatch):
    import os

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    po = tmp_path / "nb.po"
    po.write_text('msgid "Total"\nmsgstr "Sum"\n', encoding="utf-8")
    parse = read_catalog.__wrapped__  # past the in-process memo, to the file cache
    assert parse(po) == {"Total": "Sum"}
    assert len(list((tmp_path / "cache" / "portfolio" / "catalogs").glob("*.json"))) == 1
    po.write_text('msgid "Total"\nmsgstr "I alt"\n', encoding="utf-8")
    os.utime(po, ns=(po.stat().st_atime_ns, po.stat().st_mtime_ns + 1_000_000))
    assert parse(po) == {"Total": "I alt"}


def test_a_message_with_a_count_takes_the_languages_plural_form():
    nb, en = Translator("nb"), Translator("en")
    singular = "{count} open risk this period, counted once, where it is assessed now."
    plural = "{count} open risks this period; each is counted once, where it is assessed now."
    assert nb.n(singular, plural, 1).startswith("1 åpen risiko denne perioden")
    assert nb.n(singular, plural, 2).startswith("2 åpne risikoer denne perioden")
    assert nb.n(singular, plural, 0).startswith("0 åpne risikoer")
    assert en.n(singular, plural, 1).startswith("1 open risk this period")
    assert en.n("{count} thing", "{count} things", 3) == "3 things"  # not in a catalog: English rule


@pytest.mark.parametrize("damage", [None, "import os", "n +", ""])
def test_the_plural_rule_comes_from_the_cache_as_babel_gives_it(tmp_path, monkeypatch, damage):
    """Babel's rule is kept in the user cache (no babel.messages import); a damaged file is read anew."""
    from babel.messages.plurals import get_plural

    from portfolio.report import i18n

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    rule = i18n.plural_index.__wrapped__  # past the in-process memo, to the file cache
    ask_babel = i18n._plural_expression
    for lang in LANGUAGES:
        expected = get_plural(lang).plural_expr
        first = rule(lang)
        (cached,) = (tmp_path / "cache" / "portfolio" / "plurals").glob("*.txt")
        assert cached.read_text(encoding="utf-8") == expected
        if damage is not None:
            cached.write_text(damage, encoding="utf-8")
        else:
            monkeypatch.setattr(i18n, "_plural_expression", lambda lang: pytest.fail("asked Babel again"))
        again = rule(lang)
        assert [again(n) for n in range(5)] == [first(n) for n in range(5)] == [int(n != 1) for n in range(5)]
        assert cached.read_text(encoding="utf-8") == expected
        cached.unlink()
        monkeypatch.setattr(i18n, "_plural_expression", ask_babel)
