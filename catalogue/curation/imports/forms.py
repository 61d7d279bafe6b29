"""Forms of the match decisions (Flask-WTF, so each carries a CSRF token).

The hidden fields only say which question is answered; the service checks that the run asked it
and that the factory is of the official's prefecture.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from catalogue.curation.forms import options
from catalogue.models import MatchVerdict


class MatchDecisionForm(FlaskForm):
    """"Same factory: update it" or "different factory: create a new one" for one likely duplicate."""

    key = HiddenField(validators=[DataRequired(), Length(min=64, max=64)])
    factory_id = IntegerField(validators=[InputRequired()])
    verdict = SelectField(choices=options([(v.value, v.value) for v in MatchVerdict]), validators=[DataRequired()])


class ForgetDecisionForm(FlaskForm):
    """Forgetting a remembered decision is a POST with a token; ``run_id`` says where to go back."""

    run_id = IntegerField(validators=[Optional()])
