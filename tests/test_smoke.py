from tests.helpers import fails, ok


def test_program_and_project_round_trip(migrated):
    ok(migrated("program", "add", "HIS2", "Helhetlig informasjonssikkerhet 2", "--number", "1"))
    ok(migrated("project", "add", "IAM2", "IAM 2", "--program", "HIS2", "--number", "1.1"))
    result = ok(migrated("project", "list", "--format", "csv"))
    assert result.stdout.splitlines()[1].startswith("IAM2,1.1,IAM 2,HIS2")
    fails(migrated("project", "show", "IAMM2"))
