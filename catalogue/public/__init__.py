"""The public site: pages for buyers and sellers, under a locale prefix (``/en/...``)."""

from flask import Blueprint

bp = Blueprint("public", __name__, url_prefix="/<lang_code>", template_folder="templates")

from catalogue.public import routes  # noqa: E402,F401  (registers the views on bp)
