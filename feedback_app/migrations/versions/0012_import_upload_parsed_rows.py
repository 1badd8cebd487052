"""An upload keeps its parsed rows, so the mapping page never reads the file again

Revision ID: 0012
Revises: 0011
Created: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("import_upload", sa.Column("parsed", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("import_upload", schema=None) as batch_op:
        batch_op.drop_column("parsed")
