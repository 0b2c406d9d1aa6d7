"""The core's import preview: per month and line, or per month for many records, against what is
stored; the table every import prints before it stores."""

from __future__ import annotations

from decimal import Decimal

from portfolio.api import Preview


def test_lines_show_the_file_months_and_every_month_that_changes():
    before = {("2024-01", "a"): Decimal("1.50"), ("2024-01", "b"): 2, ("2024-02", "a"): 7, ("2023-12", "a"): 1}
    after = {("2024-01", "a"): Decimal("1.5"), ("2024-01", "c"): 3, ("2024-02", "a"): 8, ("2023-12", "a"): 1}
    preview = Preview()
    preview.lines(before, after, months=["2024-01"])
    assert [(r.month, r.what, r.now, r.new, r.state) for r in preview.rows] == [
        ("2024-01", "a", "1.5", "1.5", "unchanged"),
        ("2024-01", "b", "2", "-", "removed"),
        ("2024-01", "c", "-", "3", "new"),
        ("2024-02", "a", "7", "8", "changed"),
    ]
    assert preview.render().splitlines() == [
        "Month    What  Stored now  To store  Change",
        "-------  ----  ----------  --------  ---------",
        "2024-01  a     1.5         1.5       unchanged",
        "2024-01  b     2           -         removed",
        "2024-01  c     -           3         new",
        "2024-02  a     7           8         changed",
    ]
    assert preview.counts() == {"unchanged": 1, "removed": 1, "new": 1, "changed": 1}


def test_records_are_counted_and_summed_per_month():
    before = {"x": ("2024-01", Decimal(2)), "y": ("2024-01", Decimal(3)), "z": ("2024-02", Decimal(1))}
    after = {"x": ("2024-01", Decimal(2)), "y": ("2024-01", Decimal(4)), "w": ("2024-01", Decimal("0.5"))}
    preview = Preview()
    preview.records("days", before, after, amount=lambda v: v, unit=" h")
    rows = [(r.month, r.now, r.new, r.state) for r in preview.rows]
    assert rows == [
        ("2024-01", "2 (5 h)", "3 (6.5 h)", "1 new, 1 changed, 1 unchanged"),
        ("2024-02", "1 (1 h)", "0 (0 h)", "1 removed"),
    ]


def test_a_record_moved_to_another_month_leaves_one_and_joins_the_other():
    preview = Preview()
    preview.records("orders", {"A": ("2024-01", 1)}, {"A": ("2024-02", 1)})
    assert [(r.month, r.state) for r in preview.rows] == [("2024-01", "1 removed"), ("2024-02", "1 new")]


def test_nothing_to_change_is_one_line():
    preview = Preview()
    preview.lines({("2024-01", "a"): 1}, {("2024-01", "a"): 1})
    preview.records("orders", {"A": ("2024-01", 1)}, {"A": ("2024-01", 1)})
    assert preview.render() == "Nothing changes: the file gives what is stored.\n"


def test_a_streamed_table_is_the_one_add_and_render_make():
    rows = [("2024-01", "a actual", None, Decimal(3)), ("2024-01", "bb budget", Decimal("1.50"), Decimal("1.5"))]
    calls = []

    def made():
        calls.append(1)
        return iter(rows)

    preview = Preview()
    for row in rows:
        preview.add(*row)
    assert "".join(Preview.stream(made)) == preview.render()
    assert len(calls) == 2  # widths, then lines: nothing held between
    assert "".join(Preview.stream(lambda: iter(()))) == "Nothing changes: the file gives what is stored.\n"


def test_a_tally_counts_a_month_in_one_row():
    preview = Preview()
    preview.tally("2024-03", "line figures", 2, 5, {"unchanged": 2, "new": 3})
    assert [(r.month, r.what, r.now, r.new, r.state) for r in preview.rows] == [
        ("2024-03", "line figures", "2", "5", "3 new, 2 unchanged")
    ]
    assert Preview.state(None, 1) == "new" and Preview.state(1, 1) == "unchanged"
    assert Preview.state(1, None) == "removed" and Preview.state(1, 2) == "changed"
