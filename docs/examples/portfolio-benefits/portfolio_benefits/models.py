"""The plugin's table; its schema is made by the migrations in migrations/."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Column, ForeignKey, Integer, Numeric
from sqlmodel import Field, SQLModel


class Entry(SQLModel, table=True):
    """One entry: a project's amount and description for a month."""

    __tablename__ = "benefits_entry"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=Column(Integer, ForeignKey("project.id"), nullable=False))
    period: str = Field(max_length=7, index=True)
    description: str
    value: Decimal = Field(sa_column=Column(Numeric(14, 2), nullable=False))
