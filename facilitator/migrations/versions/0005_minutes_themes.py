"""minutes: themes the facilitator named from the suggestions on the minutes page

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 19:30:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('minutes') as batch:
        batch.add_column(sa.Column('themes', sa.JSON(), nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('minutes') as batch:
        batch.drop_column('themes')
