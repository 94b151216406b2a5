"""groups of people, per-group phases, series with their facilitators and artefacts

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 21:00:00.000000
"""

from alembic import op
import sqlalchemy as sa
import facilitator.models.types


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('series',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.String(length=1000), nullable=False),
    sa.Column('created_at', facilitator.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_series_owner_id', 'series', ['owner_id'], unique=False)
    op.create_table('series_facilitators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['series_id'], ['series.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('series_id', 'user_id')
    )
    op.create_index('ix_series_facilitators_series_id', 'series_facilitators', ['series_id'])
    op.create_index('ix_series_facilitators_user_id', 'series_facilitators', ['user_id'])
    op.create_table('artefacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('created_at', facilitator.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['series_id'], ['series.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('series_id', 'key')
    )
    op.create_index('ix_artefacts_series_id', 'artefacts', ['series_id'])
    op.create_table('groupings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('created_at', facilitator.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_groupings_workshop_id', 'groupings', ['workshop_id'])
    op.create_table('groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('grouping_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['grouping_id'], ['groupings.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('grouping_id', 'number')
    )
    op.create_index('ix_groups_workshop_id', 'groups', ['workshop_id'])
    op.create_table('group_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grouping_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['grouping_id'], ['groupings.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('grouping_id', 'participant_id')
    )
    op.create_index('ix_group_members_grouping_id', 'group_members', ['grouping_id'])
    op.create_index('ix_group_members_group_id', 'group_members', ['group_id'])
    op.create_index('ix_group_members_participant_id', 'group_members', ['participant_id'])
    op.create_table('artefact_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('artefact_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=True),
    sa.Column('phase_key', sa.String(length=80), nullable=False),
    sa.Column('method', sa.String(length=40), nullable=False),
    sa.Column('created_at', facilitator.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['artefact_id'], ['artefacts.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('artefact_id', 'version')
    )
    op.create_index('ix_artefact_versions_artefact_id', 'artefact_versions', ['artefact_id'])
    op.create_index('ix_artefact_versions_workshop_id', 'artefact_versions', ['workshop_id'])
    with op.batch_alter_table('workshops') as batch:
        batch.add_column(sa.Column('series_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('grouping_id', sa.Integer(), nullable=True))
        batch.create_index('ix_workshops_series_id', ['series_id'])
        batch.create_foreign_key(
            'fk_workshops_series_id', 'series', ['series_id'], ['id'], ondelete='SET NULL'
        )
        batch.create_foreign_key(
            'fk_workshops_grouping_id', 'groupings', ['grouping_id'], ['id'], ondelete='SET NULL'
        )
    with op.batch_alter_table('phases') as batch:
        batch.add_column(sa.Column('per_group', sa.Boolean(), nullable=False, server_default='0'))
    with op.batch_alter_table('contributions') as batch:
        batch.add_column(sa.Column('group_id', sa.Integer(), nullable=True))
        batch.create_index('ix_contributions_group_id', ['group_id'])
        batch.create_foreign_key(
            'fk_contributions_group_id', 'groups', ['group_id'], ['id'], ondelete='SET NULL'
        )


def downgrade() -> None:
    with op.batch_alter_table('contributions') as batch:
        batch.drop_constraint('fk_contributions_group_id', type_='foreignkey')
        batch.drop_index('ix_contributions_group_id')
        batch.drop_column('group_id')
    with op.batch_alter_table('phases') as batch:
        batch.drop_column('per_group')
    with op.batch_alter_table('workshops') as batch:
        batch.drop_constraint('fk_workshops_grouping_id', type_='foreignkey')
        batch.drop_constraint('fk_workshops_series_id', type_='foreignkey')
        batch.drop_index('ix_workshops_series_id')
        batch.drop_column('grouping_id')
        batch.drop_column('series_id')
    op.drop_table('artefact_versions')
    op.drop_table('group_members')
    op.drop_table('groups')
    op.drop_table('groupings')
    op.drop_table('artefacts')
    op.drop_table('series_facilitators')
    op.drop_table('series')
