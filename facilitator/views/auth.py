"""Facilitator accounts: first-run set-up, log in, log out."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required, login_url, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from werkzeug.wrappers import Response
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from facilitator.extensions import db, limiter, login_manager
from facilitator.models import User
from facilitator.web_guard import safe_next

bp = Blueprint("auth", __name__)


class LoginForm(FlaskForm):
    """Username and password."""

    username = StringField(
        _l("Username"),
        validators=[
            DataRequired(message=_l("Write your username.")),
            Length(max=80, message=_l("Use at most 80 characters.")),
        ],
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(message=_l("Write your password.")),
            Length(max=200, message=_l("Use at most 200 characters.")),
        ],
    )


class SetupForm(LoginForm):
    """The first facilitator account."""

    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(message=_l("Choose a password.")),
            Length(
                min=10,
                max=200,
                message=_l("Use at least 10 characters (at most 200). A few words make it easy."),
            ),
        ],
    )
    confirm = PasswordField(
        _l("Password again"),
        validators=[
            DataRequired(message=_l("Write the same password again.")),
            EqualTo("password", message=_l("The passwords differ. Write the same one twice.")),
        ],
    )


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Flask-Login's loader."""
    return db.session.get(User, int(user_id))


def has_users() -> bool:
    """True once any facilitator account exists."""
    return bool(db.session.scalar(select(func.count()).select_from(User)))


@bp.route("/setup", methods=["GET", "POST"])
def setup() -> str | Response:
    """Create the first facilitator account (only while there is none)."""
    if has_users():
        return redirect(url_for("auth.login"))
    form = SetupForm()
    if form.validate_on_submit():
        user = User(username=form.username.data.strip(), display_name=form.username.data.strip())
        user.set_password(form.password.data)
        db.session.add(user)
        db.session.commit()
        login_user(user, remember=True)
        return redirect(url_for("console.home"))
    return render_template("auth/setup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def login() -> str | Response:
    """Log in a facilitator."""
    if not has_users():
        return redirect(url_for("auth.setup"))
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalars(select(User).where(User.username == form.username.data)).first()
        if user is not None and user.check_password(form.password.data):
            login_user(user, remember=True)
            return redirect(safe_next(request.args.get("next"), url_for("console.home")))
        flash(_("Wrong username or password."), "error")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    """Log out."""
    logout_user()
    return redirect(url_for("auth.login"))


login_manager.login_view = "auth.login"


@login_manager.unauthorized_handler
def unauthorized() -> Response:
    """A page that needs a facilitator: on the very first visit create the first account (no
    "log in" when there is nobody to log in as), otherwise log in and come back."""
    if not has_users():
        return redirect(url_for("auth.setup"))
    flash(_("Log in to continue."), "info")
    return redirect(login_url("auth.login", next_url=request.full_path.rstrip("?")))
