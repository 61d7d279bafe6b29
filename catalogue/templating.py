"""Template helpers: URLs of entries and images, and CLDR-backed formatting for the viewer's locale."""

from __future__ import annotations

from babel import Locale
from babel.numbers import format_currency, format_decimal
from flask import Flask, request, url_for
from markupsafe import Markup

from catalogue.localization import current_locale
from catalogue.models import Factory, Image, Product
from catalogue.public.seo import json_script, og_locale
from catalogue.slugs import slugify


def product_url(product: Product, **kwargs: object) -> str:
    """Canonical URL of a product page in the current locale."""
    return url_for("public.product", product_id=product.id, slug=slugify(product.name), **kwargs)


def factory_url(factory: Factory, **kwargs: object) -> str:
    """Canonical URL of a factory page in the current locale."""
    return url_for("public.factory", factory_id=factory.id, slug=slugify(factory.name), **kwargs)


def image_url(image: Image, width: int = 800, extension: str = "webp") -> str:
    """URL of a cached variant of a stored image."""
    return url_for("media.variant", sha256=image.sha256, width=width, extension=extension)


def image_srcset(image: Image, extension: str = "webp") -> str:
    """``srcset`` listing every variant width not larger than the original (no upscaling)."""
    from catalogue.images import VARIANT_WIDTHS

    widths = [w for w in VARIANT_WIDTHS if w <= image.width] or [VARIANT_WIDTHS[0]]
    return ", ".join(f"{image_url(image, w, extension)} {w}w" for w in widths)


def country_name(code: str) -> str:
    """A country's name in the viewer's language (CLDR)."""
    return Locale.parse(current_locale()).territories.get(code, code)


def price_range(low: float | None, high: float | None, currency: str | None) -> Markup | str:
    """A unit-price range in the viewer's number and currency format, e.g. ``US$3.50 – US$12.00``."""
    if currency is None or (low is None and high is None):
        return ""
    locale = current_locale()
    # Each amount is isolated (<bdi>) so that in right-to-left pages a "CN¥ 19.00" keeps its
    # internal order while the range itself reads right to left.
    parts = [Markup("<bdi>{}</bdi>").format(format_currency(v, currency, locale=locale)) for v in (low, high) if v is not None]
    return parts[0] if len(parts) == 1 or parts[0] == parts[-1] else Markup("{} – {}").format(parts[0], parts[1])


def number(value: float | int | None) -> str:
    """A number in the viewer's format."""
    return "" if value is None else format_decimal(value, locale=current_locale())


def url_for_locale(locale: str) -> str:
    """The current page in another locale, keeping its query string (language switcher, hreflang)."""
    if request.endpoint is None or request.url_rule is None or "lang_code" not in request.url_rule.arguments:
        return url_for("public.home", lang_code=locale)
    args = dict(request.view_args or {})
    args["lang_code"] = locale
    endpoint = request.endpoint.removesuffix("_inquiry")  # a form shown again after a POST
    query = {k: v for k, v in request.args.to_dict(flat=False).items() if k not in args and k != "inquiry"}
    return url_for(endpoint, **args, **query)


def alternate_url(locale: str) -> str:
    """Absolute URL of the current page in ``locale`` for canonical and ``hreflang`` links.

    Only the search page keeps its query (its arguments are the page); elsewhere a query string
    (``?inquiry=sent``) names no other content, so it is dropped.
    """
    if request.endpoint is None or request.url_rule is None or "lang_code" not in request.url_rule.arguments:
        return url_for("public.home", lang_code=locale, _external=True)
    args = dict(request.view_args or {})
    args["lang_code"] = locale
    if request.endpoint == "public.search":
        from catalogue.public.search_args import page_args

        query = page_args(request.args).to_dict(flat=False)
        args.update({k: v for k, v in query.items() if k not in args})
    return url_for(request.endpoint.removesuffix("_inquiry"), _external=True, **args)


def init_app(app: Flask) -> None:
    """Register the helpers as Jinja globals."""
    app.jinja_env.globals.update(
        product_url=product_url, factory_url=factory_url, image_url=image_url, image_srcset=image_srcset,
        country_name=country_name, price_range=price_range, number=number, url_for_locale=url_for_locale,
        alternate_url=alternate_url, og_locale=og_locale, json_script=json_script,
    )
    from catalogue.public import structured  # imports this module: registered last

    structured.init_app(app)
