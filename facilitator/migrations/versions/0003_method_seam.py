"""method seam: typed method state, revisions on co-edited text, ordering keys; brainstorm's
note sets are "theme" (a "group" is a group of people from now on)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 19:30:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('phases') as batch:
        batch.add_column(sa.Column('method_state', sa.JSON(), nullable=False, server_default='{}'))
    with op.batch_alter_table('contributions') as batch:
        batch.add_column(sa.Column('revision', sa.Integer(), nullable=False, server_default='0'))
        batch.add_column(sa.Column('order_key', sa.String(length=80), nullable=True))
    op.execute(
        "UPDATE contributions SET kind = 'theme' WHERE kind = 'group' AND phase_id IN "
        "(SELECT id FROM phases WHERE method = 'brainstorm')"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE contributions SET kind = 'group' WHERE kind = 'theme' AND phase_id IN "
        "(SELECT id FROM phases WHERE method = 'brainstorm')"
    )
    with op.batch_alter_table('contributions') as batch:
        batch.drop_column('order_key')
        batch.drop_column('revision')
    with op.batch_alter_table('phases') as batch:
        batch.drop_column('method_state')
