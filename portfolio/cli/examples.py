"""The examples at the end of each core command's --help: one table, by command path.

They are the examples docs/cli-reference.md and the user guide show (both generated from here)
and tests/test_help_examples.py runs them as written: the examples of each top-level command,
in this order, against a fresh copy of the demo data (``portfolio demo``), so a later example
may use what an earlier one of the same group made (the program KI, the risk 11). Show what
works, never a refusal; a plugin registers its own with ``cli.add_examples``.
"""

from __future__ import annotations

from portfolio.hookspecs import Example as E

CORE_EXAMPLES: dict[str, tuple[E, ...]] = {
    "": (
        E("Load the demo portfolio into a new database file", "portfolio --db demo.db db upgrade"),
        E("...and its data: January 2024's reference portfolio", "portfolio --db demo.db demo"),
        E(
            "Build January's board report as one HTML file",
            "portfolio --db demo.db report build --period 2024-01 --format html -o board-2024-01.html",
        ),
    ),
    # db: the downgrade last, it removes every table
    "db upgrade": (E("Create the database, or migrate it and every plugin's tables", "portfolio db upgrade"),),
    "db current": (E("The database in use, its revision and whether it needs an upgrade", "portfolio db current"),),
    "db backup": (
        E(
            "Copy the whole database to a SQLite file while others keep working",
            "portfolio db backup portfolio-2024-01.db",
        ),
        E("...or to JSON, which any backend can restore", "portfolio db backup portfolio-2024-01.json --format json"),
    ),
    "db restore": (
        E("Restore a backup into a new, empty database", "portfolio --db restored.db db restore portfolio-2024-01.db"),
        E("...and look at it there", "portfolio --db restored.db period list"),
    ),
    "db downgrade": (
        E("Take a copy first", "portfolio db backup before-downgrade.db"),
        E("Remove every table and all data", "portfolio db downgrade base --yes"),
    ),
    "demo": (
        E("Create a new database file", "portfolio --db demo.db db upgrade"),
        E("Load the demo data of the core and every plugin into it", "portfolio --db demo.db demo"),
    ),
    # program
    "program add": (
        E(
            "Add a third program, numbered 3 in the report",
            'portfolio program add KI "Kunstig intelligens" --number 3 --owner "Direktør fag"',
        ),
    ),
    "program list": (
        E("The programs in report order", "portfolio program list"),
        E("Closed programs too, as CSV", "portfolio program list --all --format csv"),
    ),
    "program show": (E("One program and its projects", "portfolio program show HIS2"),),
    "program edit": (E("Rename a program", 'portfolio program edit KI --name "Kunstig intelligens i klinikken"'),),
    "program close": (E("Close a program (close its projects first)", "portfolio program close KI"),),
    "program reopen": (E("Reopen it", "portfolio program reopen KI"),),
    # project
    "project add": (
        E(
            "Add a standalone project with its manager, phase and dates",
            'portfolio project add RPA "Robotic process automation" --manager "Per Olsen" --phase konsept '
            "--start 2024-03-01 --end 2024-12-31",
        ),
    ),
    "project list": (
        E("One program's projects", "portfolio project list --program HIS2"),
        E("Every project, closed ones too, as CSV", "portfolio project list --all --format csv"),
    ),
    "project show": (E("One project as JSON", "portfolio project show RPA --format json"),),
    "project edit": (
        E(
            "Move a project into a program, as its project 2.7",
            "portfolio project edit RPA --program MODI --number 2.7",
        ),
        E("Take it out again", "portfolio project edit RPA --standalone"),
    ),
    "project close": (E("Close a project after its last status", "portfolio project close RPA"),),
    "project reopen": (E("Reopen it, to correct it", "portfolio project reopen RPA"),),
    # status
    "status set": (
        E(
            "Record ratings of February's status of a project, and an overall comment",
            "portfolio status set RAF --period 2024-02 --scope green --resources yellow "
            '--comment "Resources still scarce"',
        ),
        E(
            "Change one rating and comment it; the rest stays",
            "portfolio status set RAF --period 2024-02 --resources red "
            '--resources-comment "Two developers left in January"',
        ),
    ),
    "status show": (E("One project's status for a month", "portfolio status show SMT --period 2024-01"),),
    "status edit": (E("Edit a status in your editor ($EDITOR)", "portfolio status edit SMT --period 2024-01"),),
    "status template": (
        E(
            "February's form for one project manager, their last ratings filled in",
            'portfolio status template --period 2024-02 --manager "Prosjektleder NAC" -o nac.csv',
        ),
        E(
            "One form per manager, into a folder",
            "portfolio status template --period 2024-02 --split-by manager -o round-2024-02",
        ),
    ),
    "status import": (
        E("Import a month's statuses from a CSV file", "portfolio status import statuses-2024-01.csv --period 2024-01"),
    ),
    "status missing": (
        E(
            "Who has not reported February yet, in one program",
            "portfolio status missing --period 2024-02 --program HIS2",
        ),
    ),
    "status explain": (
        E("Why a cell of the matrix shows what it shows", "portfolio status explain TP2 --period 2024-01"),
    ),
    "status history": (
        E("A project's statuses month by month", "portfolio status history IFRONT"),
        E(
            "The last 4 months up to February, as CSV",
            "portfolio status history IFRONT --last 4 --period 2024-02 --format csv",
        ),
    ),
    "status grid": (
        E(
            "One dimension for every project over the last 3 months",
            "portfolio status grid --dimension resources --last 3 --period 2024-01 --lang en",
        ),
    ),
    "status matrix": (
        E("January's matrix in the terminal", "portfolio status matrix --period 2024-01"),
        E("...in English, as CSV", "portfolio status matrix --period 2024-01 --lang en --format csv"),
    ),
    # risk: the risk added first is number 11 of the demo data
    "risk add": (
        E(
            "Add a risk to a project, assessed for January",
            'portfolio risk add DVH "The choice of platform may be delayed" -p 3 -c 4 --period 2024-01 '
            '--owner "Prosjektleder DVH"',
        ),
    ),
    "risk assess": (E("Assess it again for February", "portfolio risk assess 11 --period 2024-02 -p 4 -c 4"),),
    "risk list": (
        E("January's red risks", "portfolio risk list --zone red --period 2024-01"),
        E("One project's risks in February", "portfolio risk list --period 2024-02 --project DVH"),
    ),
    "risk show": (E("One risk, its assessment and measures", "portfolio risk show 4 --period 2024-01"),),
    "risk edit": (E("Give a risk a new owner", 'portfolio risk edit 11 --owner "Fagansvarlig datavarehus"'),),
    "risk close": (E("Close a risk from April on", "portfolio risk close 11 --period 2024-04"),),
    "risk reopen": (E("Reopen it", "portfolio risk reopen 11"),),
    # measure: the measure added first is number 13 of the demo data
    "measure add": (
        E(
            "Add a measure against risk 9",
            'portfolio measure add 9 "Decide between on-premises and cloud at the April portfolio board" '
            '--owner "Prosjektleder DVH" --due 2024-04-30',
        ),
    ),
    "measure list": (E("The measures against one risk", "portfolio measure list --risk 2"),),
    "measure show": (E("One measure", "portfolio measure show 13"),),
    "measure edit": (
        E("Mark it in progress with a new due date", "portfolio measure edit 13 --status in-progress --due 2024-05-15"),
    ),
    "measure close": (E("Mark it done", "portfolio measure close 13"),),
    # texts
    "narrative set": (
        E(
            "The paragraph about one program for February",
            'portfolio narrative set --period 2024-02 --program MODI --text "MoDI is on plan."',
        ),
    ),
    "narrative show": (E("The month's paragraphs", "portfolio narrative show --period 2024-01"),),
    "assessment set": (
        E(
            "The chief executive's assessment for February",
            "portfolio assessment set --period 2024-02 "
            '--text "Status for virksomheten er samlet sett tilfredsstillende."',
        ),
    ),
    "assessment show": (E("January's assessment", "portfolio assessment show --period 2024-01"),),
    # the month
    "check": (
        E("Every check of the core and the plugins for January", "portfolio check --period 2024-01"),
        E("...as CSV, for a spreadsheet", "portfolio check --period 2024-01 --format csv"),
    ),
    "round": (
        E("January's round at a glance: what is in, what is missing, can it close", "portfolio round --period 2024-01"),
    ),
    "history": (
        E("The newest changes to a project's January data", "portfolio history NAC --period 2024-01 --limit 4"),
    ),
    "period list": (E("The months, their statuses and whether they are closed", "portfolio period list"),),
    "period close": (E("Close January: it becomes read-only, its report archived", "portfolio period close 2024-01"),),
    "period open": (
        E(
            "Reopen it to correct it, saying why",
            'portfolio period open 2024-01 --reason "NAC\'s dependencies were reported wrong"',
        ),
    ),
    # the report
    "report build": (
        E("January's board report in the terminal", "portfolio report build --period 2024-01"),
        E(
            "...as Markdown, in English",
            "portfolio report build --period 2024-01 --format md --lang en -o board-2024-01.md",
        ),
        E("...as the Excel workbook", "portfolio report build --period 2024-01 --format xlsx -o board-2024-01.xlsx"),
    ),
    "report sections": (E("The sections of the report, in order, and who makes them", "portfolio report sections"),),
    "report diff": (
        E("What changed from December to January", "portfolio report diff 2023-12 2024-01"),
        E("Only the ratings, as CSV", "portfolio report diff 2023-12 2024-01 --kind rating --format csv"),
    ),
    "report verify": (
        E("Build a report as JSON", "portfolio report build --period 2024-01 --format json -o board-2024-01.json"),
        E("Does a copy still match the data?", "portfolio report verify board-2024-01.json"),
    ),
    "report archive list": (
        E("Close January, which archives its report", "portfolio period close 2024-01"),
        E("The archived reports", "portfolio report archive list"),
    ),
    "report archive show": (
        E(
            "The report as it was when January closed",
            "portfolio report archive show 2024-01 --format md -o archived-2024-01.md",
        ),
    ),
    "report archive backfill": (
        E("Archive the report of every closed month without one", "portfolio report archive backfill"),
    ),
    # access (PostgreSQL only)
    "access setup": (E("Create the roles, grants and row-level policies", "portfolio access setup"),),
    "access grant": (E("Let a login write the projects it manages", "portfolio access grant kari --role manager"),),
    "access revoke": (E("Take a login's role away again", "portfolio access revoke kari"),),
    "access list": (E("Who has which role", "portfolio access list"),),
    # about the installation
    "info": (E("Version, database, config file, plugins and schema state", "portfolio info"),),
    "import profiles": (E("The export formats every import can read", "portfolio import profiles"),),
    "plugins": (E("The loaded plugins with their versions and hooks", "portfolio plugins"),),
    "plugins new": (E("Start a new section plugin in a folder of its own", "portfolio plugins new benefits"),),
}
