"""``portfolio service``: import, record and show the figures of the services section."""

from __future__ import annotations

import click

from portfolio_services.cli_import import import_group
from portfolio_services.cli_record import record_group
from portfolio_services.cli_show import show_group


@click.group("service")
def service_group() -> None:
    """Support desk, New services and operations: section 3 of the report."""


service_group.add_command(import_group)
service_group.add_command(record_group)
service_group.add_command(show_group)
