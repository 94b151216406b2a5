"""minutes: generated and edited text, decisions, next steps, shared flag

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 05:20:00.000000
"""

from alembic import op
import sqlalchemy as sa
import facilitator.models.types


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('minutes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=False),
    sa.Column('generated', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('proposed', sa.Text(), nullable=True),
    sa.Column('proposed_locale', sa.String(length=5), nullable=True),
    sa.Column('decisions', sa.JSON(), nullable=False),
    sa.Column('next_steps', sa.JSON(), nullable=False),
    sa.Column('shared', sa.Boolean(), nullable=False),
    sa.Column('generated_at', facilitator.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('updated_at', facilitator.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workshop_id')
    )


def downgrade() -> None:
    op.drop_table('minutes')
