"""Pure pieces of the public site, tested without an app: query strings and JSON-LD."""

from __future__ import annotations

import json

from werkzeug.datastructures import MultiDict

from catalogue.public import search_args, seo


def test_page_args_keep_known_arguments_only() -> None:
    args = MultiDict([("q", "lantern"), ("theme", "panda"), ("evil", "x"), ("tab", "../etc"), ("page", "")])
    kept = search_args.page_args(args)
    assert kept.to_dict(flat=False) == {"q": ["lantern"], "theme": ["panda"]}


def test_with_value_toggles_one_value_and_resets_the_page() -> None:
    args = MultiDict([("theme", "panda"), ("page", "3")])
    added = search_args.with_value(args, "theme", "lantern", selected=False)
    assert added == {"theme": ["panda", "lantern"]}
    removed = search_args.with_value(MultiDict(added), "theme", "panda", selected=True)
    assert removed == {"theme": ["lantern"]}


def test_active_filters_are_unique_and_in_schema_order() -> None:
    args = MultiDict([("material", "silk"), ("theme", "panda"), ("theme", "panda"), ("nope", "x")])
    assert search_args.active_filters(args, "products") == [("theme", "panda"), ("material", "silk")]


def test_search_input_bounds_lengths_and_unknown_tabs() -> None:
    loose = search_args.search_input(MultiDict([("q", "x" * 9000), ("tab", "nope")]), "fr")
    assert len(loose["text"]) == search_args.MAX_ARG_LENGTH and loose["entity"] == "products"


def test_json_script_cannot_close_its_element() -> None:
    text = seo.json_script({"name": "</script><script>alert(1)</script> & more"})
    assert "</" not in text and "<" not in text and json.loads(text)["name"].startswith("</script>")


def test_product_ld_offer_and_breadcrumbs() -> None:
    maker = seo.organization_ld("Maker", "https://x/f/1", region="Zigong")
    data = seo.product_ld("Lantern", "https://x/p/1", "Silk", ["https://x/i.webp"], maker, 3.5, 12.0, "USD", 100)
    assert data["offers"] == {"@type": "AggregateOffer", "priceCurrency": "USD", "lowPrice": 3.5, "highPrice": 12.0,
                              "offerCount": 1, "eligibleQuantity": {"@type": "QuantitativeValue", "minValue": 100, "unitCode": "H87"}}
    assert "@context" not in data["manufacturer"]
    assert "offers" not in seo.product_ld("L", "u", "", [], maker, None, None, None, None)
    crumbs = seo.breadcrumbs_ld([("Home", "https://x/"), ("Lantern", "https://x/p/1")])
    assert [i["position"] for i in crumbs["itemListElement"]] == [1, 2]


def test_open_graph_locales_come_from_cldr() -> None:
    assert seo.og_locale("fr") == "fr_FR" and seo.og_locale("zh") == "zh_CN" and seo.og_locale("ar") == "ar_EG"
