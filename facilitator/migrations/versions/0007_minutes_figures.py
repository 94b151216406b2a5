"""minutes: the SVGs of the figures (charts) the minutes text refers to, by key

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 09:00:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('minutes') as batch:
        batch.add_column(sa.Column('figures', sa.JSON(), nullable=False, server_default='{}'))


def downgrade() -> None:
    with op.batch_alter_table('minutes') as batch:
        batch.drop_column('figures')
