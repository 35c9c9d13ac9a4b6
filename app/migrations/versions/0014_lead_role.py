"""a lead: a packer who may do a supervisor's everyday tasks

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 08:30:00

Roles become packer, lead, supervisor and admin (``app.permissions`` says what each
may do); the column's check constraint takes the new value.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _roles(*values: str) -> sa.Enum:
    return sa.Enum(*values, name="user_role", native_enum=False, create_constraint=True, length=16)


OLD = _roles("packer", "supervisor", "admin")
NEW = _roles("packer", "lead", "supervisor", "admin")


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("role", existing_type=OLD, type_=NEW, existing_nullable=False)


def downgrade() -> None:
    op.execute("UPDATE users SET role = 'packer' WHERE role = 'lead'")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("role", existing_type=NEW, type_=OLD, existing_nullable=False)
