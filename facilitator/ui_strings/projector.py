"""Script strings for the projector screen (read from 8 metres: short and plain)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

STRINGS = {
    "pj_join_title": _l("Join with your phone"),
    "pj_join_address": _l("Open %(address)s"),
    "pj_join_code": _l("and type the code"),
    "pj_join_qr": _l("QR code for joining the workshop"),
    "pj_starts_soon": _l("The workshop starts soon."),
    "pj_thanks": _l("Thank you for taking part!"),
    "pj_ended": _l("The workshop has ended."),
    "pj_paused": _l("Paused"),
    "pj_time_up": _l("Time is up"),
    "pj_people": _l("%(n)s people here"),
    "pj_people_one": _l("1 person here"),
    "pj_spotlight": _l("In focus"),
    "pj_earlier": _l("%(n)s earlier notes are kept and shown in the minutes."),
    "pj_earlier_one": _l("1 earlier note is kept and shown in the minutes."),
    "pj_page": _l("Earlier notes %(from)s–%(to)s of %(total)s"),
    "pj_phase_of": _l("Phase %(n)s of %(total)s"),
    "pj_reconnecting": _l("Connection lost. Reconnecting…"),
    "pj_minutes_on_phones": _l("These minutes are also on your phones."),
    "pj_group_n": _l("Group %(n)s"),
    "pj_group_named": _l("Group %(n)s · %(name)s"),
    "pj_whole_room": _l("For the whole room"),
}
