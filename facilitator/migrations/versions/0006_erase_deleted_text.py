"""erase deleted text: deleted contributions and stored acks keep no user text

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 19:00:00.000000

Data only. Before this revision a deleted note kept its text, and the replay log kept the text
of every note and label in its stored acks. Both are emptied here, as the app now does on every
write (facilitator/operations/erasure.py).
"""

import json

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

TEXT_KEYS = {"text", "label", "body", "name", "title"}


def _without_text(value):
    if isinstance(value, dict):
        return {k: _without_text(v) for k, v in value.items() if k not in TEXT_KEYS}
    if isinstance(value, list):
        return [_without_text(v) for v in value]
    return value


def _loaded(value):
    return json.loads(value) if isinstance(value, str) else value


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.text("SELECT id, data FROM contributions WHERE deleted = :yes"), {"yes": True}
    ).all()
    for row_id, data in rows:
        data = _loaded(data) or {}
        kept = {k: v for k, v in data.items() if not isinstance(v, str) and k not in TEXT_KEYS}
        conn.execute(
            sa.text("UPDATE contributions SET body = '', data = :data WHERE id = :id").bindparams(
                sa.bindparam("data", type_=sa.JSON)
            ),
            {"data": kept, "id": row_id},
        )
    for row_id, ack in conn.execute(sa.text("SELECT id, ack FROM operations")).all():
        loaded = _loaded(ack)
        stripped = _without_text(loaded)
        if stripped != loaded:
            conn.execute(
                sa.text("UPDATE operations SET ack = :ack WHERE id = :id").bindparams(
                    sa.bindparam("ack", type_=sa.JSON)
                ),
                {"ack": stripped, "id": row_id},
            )


def downgrade() -> None:
    pass  # erased text cannot come back
