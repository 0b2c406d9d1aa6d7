from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Column, ForeignKey, Integer, Numeric
from sqlmodel import Field, SQLModel


class Note(SQLModel, table=True):
    __tablename__ = "test_note"

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(sa_column=Column(Integer, ForeignKey("project.id"), nullable=False))
    text: str
    amount: Decimal = Field(default=Decimal(0), sa_column=Column(Numeric(12, 2), nullable=False))
