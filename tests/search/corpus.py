"""A small multilingual catalogue and glossary for the search tests.

The glossary is built here rather than read from ``i18n/glossary`` so that each expectation of the
tests rests on labels the test can see. The products are invented, like all sample data.
"""

from __future__ import annotations

from datetime import datetime
from types import MappingProxyType

from i18n.glossary import Concept, Glossary
from search.documents import FactoryDocument, ProductDocument


def _concept(kind: str, slug: str, **labels: list[str]) -> Concept:
    return Concept(kind, slug, MappingProxyType({k: tuple(v) for k, v in labels.items()}))


GLOSSARY = Glossary.from_concepts([
    _concept("themes", "lantern", zh=["彩灯", "灯笼", "宫灯"], en=["Lanterns", "lantern"], fr=["Lanternes", "lanterne"],
             de=["Laternen", "Laterne"], es=["Faroles", "farol", "farolillo"], ru=["Фонари", "фонарь"],
             ar=["الفوانيس", "فانوس"], ja=["提灯", "ランタン"], ko=["등불", "랜턴"], vi=["Đèn lồng"]),
    _concept("themes", "panda", zh=["熊猫"], en=["Panda"], fr=["Panda"], de=["Panda"], es=["Panda"],
             ru=["Панда"], ar=["الباندا"], ja=["パンダ"], ko=["판다"], vi=["Gấu trúc"]),
    _concept("themes", "bamboo", zh=["竹"], en=["Bamboo"], fr=["Bambou"], de=["Bambus"], es=["Bambú"],
             ru=["Бамбук"], ar=["الخيزران"], ja=["竹"], ko=["대나무"], vi=["Tre"]),
    _concept("themes", "time-honored", zh=["老字号"], en=["Time-honoured brands"], fr=["Maisons centenaires"]),
    _concept("themes", "ethnic", zh=["民族特色"], en=["Ethnic crafts"], fr=["Artisanat des minorités"]),
    _concept("themes", "new-energy", zh=["新能源"], en=["New energy"], fr=["Énergies nouvelles"]),
    _concept("materials", "silk", zh=["丝绸", "真丝"], en=["silk"], fr=["soie"], de=["Seide"], es=["seda"],
             ru=["шёлк", "шелк"], ar=["حرير"], ja=["シルク", "絹"], ko=["실크", "비단"], vi=["lụa"]),
    _concept("materials", "bamboo", zh=["竹", "竹子"], en=["bamboo"], fr=["bambou"], de=["Bambus"], es=["bambú"],
             ru=["бамбук"], ar=["خيزران"], ja=["竹"], ko=["대나무"], vi=["tre"]),
    _concept("materials", "yak-wool", zh=["牦牛绒"], en=["yak wool"], fr=["laine de yack"], de=["Yakwolle"],
             ru=["шерсть яка"]),
    _concept("materials", "lithium-iron-phosphate", zh=["磷酸铁锂"], en=["lithium iron phosphate", "LiFePO4", "LFP"]),
    _concept("product-types", "cutting-board", zh=["砧板", "菜板", "案板"],
             en=["cutting board", "chopping board", "chopping block"], fr=["planche à découper"],
             de=["Schneidebrett"], es=["tabla de cortar"], ru=["разделочная доска"], ja=["まな板"], ko=["도마"],
             vi=["thớt"]),
    _concept("product-types", "plush-toy", zh=["毛绒玩具", "毛绒公仔", "玩偶"], en=["plush toy", "soft toy"],
             fr=["peluche"], de=["Plüschtier"], es=["peluche"], ru=["мягкая игрушка"], ja=["ぬいぐるみ"],
             ko=["인형"], vi=["thú bông"]),
    _concept("product-types", "hotpot-base", zh=["火锅底料"], en=["hotpot base"], ko=["훠궈 소스"]),
    _concept("product-types", "silk-lantern", zh=["丝绸灯笼"], en=["silk lantern"], fr=["lanterne en soie"],
             de=["Seidenlaterne"]),
    _concept("product-types", "battery", zh=["电池"], en=["battery"], fr=["batterie"], de=["Akku", "Batterie"]),
    _concept("product-types", "home-battery", zh=["家用储能电池"], en=["home battery"], fr=["batterie domestique"]),
    _concept("product-types", "charging-pile", zh=["充电桩"], en=["charging point", "EV charger"],
             es=["punto de recarga"]),
    _concept("processes", "knitting", zh=["针织"], en=["knitting"], es=["punto", "tejido de punto"]),
    _concept("materials", "sichuan-pepper", zh=["花椒"], en=["Sichuan pepper"], fr=["poivre de Sichuan"]),
    _concept("materials", "paper", zh=["纸"], en=["paper"], fr=["papier"]),
    _concept("processes", "shu-embroidery", zh=["蜀绣"], en=["Shu embroidery"], fr=["broderie de Shu"]),
    _concept("processes", "bamboo-weaving", zh=["竹编"], en=["bamboo weaving"], fr=["vannerie de bambou"]),
    _concept("places", "zigong", zh=["自贡"], en=["Zigong"], fr=["Zigong"]),
    _concept("places", "chengdu", zh=["成都"], en=["Chengdu"], fr=["Chengdu"]),
    _concept("places", "meishan", zh=["眉山"], en=["Meishan"]),
    _concept("places", "yibin", zh=["宜宾"], en=["Yibin"]),
    _concept("certifications", "iso-9001", zh=["ISO 9001质量管理体系"], en=["ISO 9001"], fr=["ISO 9001"]),
    _concept("certifications", "fsc", zh=["FSC森林认证"], en=["FSC"], fr=["FSC"]),
])


def _product(doc_id: str, name: dict[str, str], created: str, **fields: object) -> ProductDocument:
    return ProductDocument(id=doc_id, name=name, created_at=datetime.fromisoformat(created),
                           version=f"{doc_id}-v1", **fields)  # type: ignore[arg-type]


PRODUCTS = (
    _product("lantern-silk", {"zh": "自贡丝绸灯笼", "en": "Zigong Silk Lantern"}, "2024-03-01",
             description={"en": "Hand-made silk lantern on a bamboo frame, for temple fairs and hotels."},
             factory_id="f-zigong", factory_name={"zh": "自贡华灯工坊", "en": "Zigong Huadeng Workshop"},
             belt="zigong-lanterns", prefecture="zigong", themes=("lantern", "intangible-heritage"),
             category_path=("crafts", "lanterns-lighting"), materials=("silk", "bamboo"),
             capabilities=("OEM", "ODM"), certifications=("iso-9001",), export_markets=("US", "FR"),
             moq=50, price_min=12.0, price_max=30.0),
    _product("lantern-fr", {"fr": "Lanterne en soie rouge"}, "2024-05-01",
             description={"fr": "Lanterne traditionnelle en soie, montée sur bambou."},
             factory_id="f-zigong", prefecture="zigong", themes=("lantern",),
             category_path=("crafts", "lanterns-lighting"), materials=("silk",), capabilities=("OBM",),
             export_markets=("FR",), moq=10, price_min=20.0, price_max=45.0),
    _product("lantern-paper", {"zh": "竹骨纸灯笼", "en": "Bamboo-frame Paper Lantern"}, "2023-11-20",
             factory_id="f-luzhou", prefecture="luzhou", themes=("lantern",),
             category_path=("crafts", "lanterns-lighting"), materials=("paper", "bamboo"),
             capabilities=("OEM",), export_markets=("US",), moq=200, price_min=2.0, price_max=4.0),
    _product("panda-plush", {"zh": "大熊猫毛绒公仔", "en": "Giant Panda Plush Toy", "es": "Peluche de oso panda"},
             "2024-01-15", factory_id="f-chengdu", prefecture="chengdu", themes=("panda",),
             category_path=("gifts-toys", "plush-toys"), materials=("plush",), capabilities=("ODM",),
             certifications=("bsci",), export_markets=("US", "DE"), moq=100, price_min=5.0, price_max=9.0),
    _product("bamboo-board", {"zh": "炭化竹砧板", "en": "Carbonised Bamboo Cutting Board"}, "2024-02-10",
             factory_id="f-meishan", prefecture="meishan", themes=("bamboo",),
             category_path=("home-living", "kitchenware"), materials=("bamboo",), capabilities=("OEM",),
             certifications=("fsc",), export_markets=("US", "JP", "DE"), moq=300, price_min=3.0, price_max=6.0),
    _product("bamboo-basket", {"zh": "青神竹编果篮", "en": "Qingshen Woven Bamboo Fruit Basket",
                               "ja": "青神 竹編み フルーツかご"}, "2023-09-01",
             factory_id="f-meishan", prefecture="meishan", belt="meishan-qingshen-bamboo-weaving",
             themes=("bamboo", "intangible-heritage"), category_path=("crafts", "bamboo-crafts"),
             materials=("bamboo",), capabilities=("OBM",), moq=20, price_min=15.0, price_max=25.0),
    _product("shu-embroidery", {"zh": "蜀绣熊猫挂画", "en": "Shu Embroidery Panda Wall Art"}, "2024-04-01",
             factory_id="f-chengdu", prefecture="chengdu", themes=("bashu", "panda", "intangible-heritage"),
             category_path=("crafts", "embroidery"), materials=("silk",), capabilities=("OBM",),
             export_markets=("FR", "JP"), moq=5, price_min=120.0, price_max=380.0),
    _product("lfp-pack", {"zh": "磷酸铁锂电池包 48V", "en": "48 V LiFePO4 Battery Pack",
                          "ru": "Литиевый аккумулятор 48 В"}, "2024-06-01",
             factory_id="f-yibin", prefecture="yibin", themes=("new-energy",),
             category_path=("new-energy", "battery-packs"), materials=("lithium-iron-phosphate",),
             capabilities=("OEM", "ODM"), certifications=("ce", "un38-3"), export_markets=("DE", "VN", "RU"),
             moq=100, price_min=150.0, price_max=300.0),
    _product("hotpot-base", {"zh": "牛油火锅底料", "en": "Beef Tallow Hotpot Base"}, "2023-12-01",
             factory_id="f-chengdu", prefecture="chengdu", themes=("time-honored",),
             category_path=("food-drink", "condiments"), materials=("chili",), capabilities=("OEM",),
             export_markets=("US", "KR"), moq=1000, price_min=1.0, price_max=2.0),
    _product("yak-scarf", {"zh": "牦牛绒围巾", "en": "Yak Wool Scarf", "ru": "Шарф из шерсти яка"}, "2024-02-20",
             factory_id="f-ganzi", prefecture="ganzi", themes=("ethnic",),
             category_path=("textiles-apparel", "scarves-shawls"), materials=("yak-wool",),
             capabilities=("OEM",), export_markets=("RU", "FR"), moq=30, price_min=40.0, price_max=80.0),
    _product("chopsticks-vi", {"vi": "Đũa tre tự nhiên", "en": "Natural Bamboo Chopsticks"}, "2024-01-05",
             factory_id="f-yibin", prefecture="yibin", themes=("bamboo",), category_path=("home-living", "tableware"),
             materials=("bamboo",), capabilities=("OEM",), export_markets=("VN",), moq=None),
    _product("board-de", {"de": "Schneidebrett aus Bambus"}, "2024-07-01",
             factory_id="f-meishan", prefecture="meishan", themes=("bamboo",),
             category_path=("home-living", "kitchenware"), materials=("bamboo",), capabilities=("ODM",),
             export_markets=("DE",), moq=500, price_min=4.0, price_max=7.0),
    _product("lantren-typo", {"en": "Lantren keyring, enamel"}, "2022-01-01",
             factory_id="f-chengdu", prefecture="chengdu", category_path=("gifts-toys", "souvenirs"),
             capabilities=("OEM",), moq=1000, price_min=0.5, price_max=0.8),
    _product("escape-test", {"en": "Sauce <b>&</b> \"chili\" jar"}, "2022-02-01",
             factory_id="f-chengdu", prefecture="chengdu", category_path=("food-drink", "condiments"),
             capabilities=("OEM",), moq=500),
)

FACTORIES = (
    FactoryDocument(id="f-zigong", name={"zh": "自贡华灯工坊", "en": "Zigong Huadeng Workshop"},
                    profile={"en": "Silk and bamboo lanterns for festivals since 1988."}, prefecture="zigong",
                    belts=("zigong-lanterns",), themes=("lantern",), categories=("crafts", "lanterns-lighting"),
                    materials=("silk", "bamboo"), capabilities=("OEM", "ODM", "OBM"), certifications=("iso-9001",),
                    export_markets=("US", "FR"), moq=10, lead_time_days=30,
                    created_at=datetime(2020, 1, 1), version="f-zigong-v1"),
    FactoryDocument(id="f-meishan", name={"zh": "青神竹艺厂", "en": "Qingshen Bamboo Art Factory"},
                    profile={"zh": "竹编果篮、竹砧板", "en": "Bamboo weaving and cutting boards."},
                    prefecture="meishan", belts=("meishan-qingshen-bamboo-weaving",), themes=("bamboo",),
                    categories=("crafts", "bamboo-crafts", "home-living", "kitchenware"), materials=("bamboo",),
                    capabilities=("OEM", "OBM"), certifications=("fsc",), export_markets=("US", "JP", "DE"),
                    moq=20, lead_time_days=20, created_at=datetime(2021, 6, 1), version="f-meishan-v1"),
    FactoryDocument(id="f-yibin", name={"zh": "宜宾储能科技", "en": "Yibin Energy Storage Technology"},
                    profile={"en": "LiFePO4 battery packs and cells."}, prefecture="yibin", themes=("new-energy",),
                    categories=("new-energy", "battery-packs"), materials=("lithium-iron-phosphate",),
                    capabilities=("OEM", "ODM"), certifications=("ce",), export_markets=("DE", "VN"),
                    moq=100, lead_time_days=45, created_at=datetime(2022, 3, 1), version="f-yibin-v1"),
)
