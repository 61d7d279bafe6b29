"""Drawn pictures for the sample catalogue: product illustrations and theme banners.

Pillow only, no fonts, no text: the pictures look the same on every machine and in every language.
"""

from .banner import draw_theme_banner
from .product import draw_product_image

__all__ = ["draw_product_image", "draw_theme_banner"]
