"""Buyer inquiries posted from product and factory pages.

On an error the page is shown again with the messages next to the fields (status 400, nothing
stored); on success the browser is redirected back (303) so that reloading does not resend.
"""

from __future__ import annotations

from flask import abort, current_app, render_template, request, url_for
from werkzeug.wrappers import Response

from catalogue.db import get_session
from catalogue.models import Factory
from catalogue.public import bp
from catalogue.public.forms import InquiryForm
from catalogue.services import inquiries, pages
from catalogue.slugs import slugify


def _handle(recipient: Factory, product_id: int | None, template: str, back: str, **context: object) -> tuple[str, int] | Response:
    form = InquiryForm()
    if not form.validate_on_submit():
        return render_template(template, form=form, **context), 400
    session = get_session()
    key = inquiries.client_key(request.remote_addr, current_app.secret_key or "")
    if not inquiries.allowed(session, key):
        return render_template(template, form=form, limited=True, **context), 429
    inquiries.store(session, recipient, product_id, form.to_input(), key)
    return current_app.redirect(f"{back}?inquiry=sent#inquiry", 303)


@bp.post("/products/<int(max=2147483647):product_id>/inquiry")
def product_inquiry(product_id: int) -> tuple[str, int] | Response:
    page = pages.product_page(get_session(), product_id)
    if page is None:
        abort(404)
    back = url_for(".product", product_id=product_id, slug=slugify(page.view.product.name))
    return _handle(page.view.factory, product_id, "public/product.html", back, page=page, view=page.view)


@bp.post("/factories/<int(max=2147483647):factory_id>/inquiry")
def factory_inquiry(factory_id: int) -> tuple[str, int] | Response:
    page = pages.factory_page(get_session(), factory_id)
    if page is None:
        abort(404)
    back = url_for(".factory", factory_id=factory_id, slug=slugify(page.factory.name))
    return _handle(page.factory, None, "public/factory.html", back, page=page, factory=page.factory)
