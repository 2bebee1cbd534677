"""Published address lines → the ``letterkit address parse --json`` fields.

Each case cites where the line comes from: Memorial's page (memopzk.org, snapshot
2025-02-22, ../shared/data/memopzk-2025-02-22.jsonl) for lines copied verbatim, or the
page whose line a variant was built from (reordered, abbreviated, glued …), or a
shape of published line the parser must handle. Expected values were checked by hand against the line.
"""

from __future__ import annotations

import pytest

from conftest import BATSENIN_JSON
from letterkit.address.english import english_line
from letterkit.address.format import address_json, envelope_lines
from letterkit.address.parse import parse_address
from letterkit.errors import AddressError
from letterkit.models import ADDRESS_FIELDS as FIELDS  # the JSON order

CASES = [  # (source, published line, expected)
    pytest.param(
        "Memorial page on Aleksandr Batsenin (shared/seed/000_56521f6322ecd0b9.txt)",
        "693008, Сахалинская область, г. Южно-Сахалинск, ул. Пограничная, д. 71, ФКУ ИК-1 УФСИН России по Сахалинской области, Баценину Александру Дмитриевичу, 1995 г. р.",
        {
            "postcode": "693008",
            "region": "Сахалинская область",
            "locality": "г. Южно-Сахалинск",
            "street": "ул. Пограничная",
            "house": "71",
            "facility": "ФКУ ИК-1 УФСИН России по Сахалинской области",
            "recipient": {
                "dative": "Баценину Александру Дмитриевичу",
                "last": "Баценин",
                "first": "Александр",
                "middle": "Дмитриевич",
                "gender": "m",
                "birth_year": 1995,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/chebanov-dmitrij-sergeevich/",
        "127081, Россия, г. Москва, ул. Вилюйская, д. 4, ФКУ СИЗО-4 УФСИН России по г. Москве, Чебанову Дмитрию Сергеевичу, 1977 г. р.",
        {
            "postcode": "127081",
            "region": "г. Москва",
            "locality": "г. Москва",
            "street": "ул. Вилюйская",
            "house": "4",
            "facility": "ФКУ СИЗО-4 УФСИН России по г. Москве",
            "recipient": {
                "dative": "Чебанову Дмитрию Сергеевичу",
                "last": "Чебанов",
                "first": "Дмитрий",
                "middle": "Сергеевич",
                "gender": "m",
                "birth_year": 1977,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/pogorov-ahmed-sarazhudinovich/",
        "360000, Кабардино-Балкарская Республика, г. Нальчик, ул. Вологирова, д. 20, ФКУ СИЗО-1 УФСИН России по КБР, Погорову Ахмеду Саражудиновичу, 1963 г. р. Также можно воспользоваться сервисом ZT (оплата российскими картами).",
        {
            "postcode": "360000",
            "region": "Кабардино-Балкарская Республика",
            "locality": "г. Нальчик",
            "street": "ул. Вологирова",
            "house": "20",
            "facility": "ФКУ СИЗО-1 УФСИН России по КБР",
            "recipient": {
                "dative": "Погорову Ахмеду Саражудиновичу",
                "last": "Погоров",
                "first": "Ахмед",
                "middle": "Саражудинович",
                "gender": "m",
                "birth_year": 1963,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/gimadiev-rais-zakirovich/",
        "446214, Самарская обл., г. Новокуйбышевск, ул. 2-я промышленная , д. 8, ФКУ ИК-3 УФСИН России по Самарской области, Гимадиеву Раису Закировичу, 1970 г. р.",
        {
            "postcode": "446214",
            "region": "Самарская область",
            "locality": "г. Новокуйбышевск",
            "street": "ул. 2-я промышленная",
            "house": "8",
            "facility": "ФКУ ИК-3 УФСИН России по Самарской области",
            "recipient": {
                "dative": "Гимадиеву Раису Закировичу",
                "last": "Гимадиев",
                "first": "Раис",
                "middle": "Закирович",
                "gender": "m",
                "birth_year": 1970,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/ignatov-dmitrij-vladimirovich/",
        "303340, Орловская область, пгт. Глазуновка, ул. Полевая, д. 5 А, Исправительный центр при ИК № 2 по Орловской области, Игнатову Дмитрию Владимировичу, 1997 г.р.",
        {
            "postcode": "303340",
            "region": "Орловская область",
            "locality": "пгт. Глазуновка",
            "street": "ул. Полевая",
            "house": "5А",
            "facility": "Исправительный центр при ИК № 2 по Орловской области",
            "recipient": {
                "dative": "Игнатову Дмитрию Владимировичу",
                "last": "Игнатов",
                "first": "Дмитрий",
                "middle": "Владимирович",
                "gender": "m",
                "birth_year": 1997,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/idrisov-rafis/",
        "625530, Тюменская область, Тюменский район, р. п. Винзили, ул. Вокзальная, д. 3, ФКУ СИЗО-4 УФСИН России по Тюменской области, Идрисову Рафису, 1971 г. р.\n\nЭлектронные письма можно отправлять через сервис «Зонателеком».",
        {
            "postcode": "625530",
            "region": "Тюменская область",
            "district": "Тюменский район",
            "locality": "рп. Винзили",
            "street": "ул. Вокзальная",
            "house": "3",
            "facility": "ФКУ СИЗО-4 УФСИН России по Тюменской области",
            "recipient": {
                "dative": "Идрисову Рафису",
                "last": "Идрисов",
                "first": "Рафис",
                "middle": None,
                "gender": "m",
                "birth_year": 1971,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/hautiev-bagaudin-adamovich/",
        "357873, Ставропольский край, Курский район, x. Дыдымкин, ул. Тивилева, д. 2, ФКУ ИК-6 УФСИН России по Ставропольскому краю, Хаутиеву Багаудину Адамовичу 1990 г. р.",
        {
            "postcode": "357873",
            "region": "Ставропольский край",
            "district": "Курский район",
            "locality": "х. Дыдымкин",
            "street": "ул. Тивилева",
            "house": "2",
            "facility": "ФКУ ИК-6 УФСИН России по Ставропольскому краю",
            "recipient": {
                "dative": "Хаутиеву Багаудину Адамовичу",
                "last": "Хаутиев",
                "first": "Багаудин",
                "middle": "Адамович",
                "gender": "m",
                "birth_year": 1990,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/zekiryaev-server-zekievich/",
        "301781, Тульская область, г. Донской, мкр. Комсомольский, пр-д Димитрова, 1, ФКУ ИК-1 УФСИН России по Тульской области, Зекирьяеву Серверу Зекиевичу, 1973 г.р.",
        {
            "postcode": "301781",
            "region": "Тульская область",
            "locality": "г. Донской",
            "sublocality": "мкр. Комсомольский",
            "street": "проезд Димитрова",
            "house": "1",
            "facility": "ФКУ ИК-1 УФСИН России по Тульской области",
            "recipient": {
                "dative": "Зекирьяеву Серверу Зекиевичу",
                "last": "Зекирьяев",
                "first": "Сервер",
                "middle": "Зекиевич",
                "gender": "m",
                "birth_year": 1973,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/kudinov-viktor/",
        "295051, Республика Крым, г. Симферополь, б-р Ленина, 4, СИЗО № 1 по Республике Крым и Севастополю,\n\nКудинову Виктору Ивановичу, 1969 г. р.\n\nДоступны сервисы «Ф-письмо»",
        {
            "postcode": "295051",
            "region": "Республика Крым",
            "locality": "г. Симферополь",
            "street": "б-р Ленина",
            "house": "4",
            "facility": "СИЗО № 1 по Республике Крым и Севастополю",
            "recipient": {
                "dative": "Кудинову Виктору Ивановичу",
                "last": "Кудинов",
                "first": "Виктор",
                "middle": "Иванович",
                "gender": "m",
                "birth_year": 1969,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/ponomarenko-mariya-nikolaevna/",
        "656021, Алтайский край, г. Барнаул, Канатный проезд, д. 81, ФКУ СИЗО-1 УФСИН России по Алтайскому краю, Пономаренко Марии Николаевне, 1978 г. р.",
        {
            "postcode": "656021",
            "region": "Алтайский край",
            "locality": "г. Барнаул",
            "street": "Канатный проезд",
            "house": "81",
            "facility": "ФКУ СИЗО-1 УФСИН России по Алтайскому краю",
            "recipient": {
                "dative": "Пономаренко Марии Николаевне",
                "last": "Пономаренко",
                "first": "Мария",
                "middle": "Николаевна",
                "gender": "f",
                "birth_year": 1978,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/krasyuk-sergei-ivanovich/",
        "398007, г. Липецк, ул. Ковалева, влд 130Б, ФКУ ИК-2 УФСИН России по Липецкой области, Красюк Сергей Иванович , 1977 г. р.",
        {
            "postcode": "398007",
            "region": "Липецкая область",
            "locality": "г. Липецк",
            "street": "ул. Ковалева",
            "house": "влд. 130Б",
            "facility": "ФКУ ИК-2 УФСИН России по Липецкой области",
            "recipient": {
                "dative": "Красюку Сергею Ивановичу",
                "last": "Красюк",
                "first": "Сергей",
                "middle": "Иванович",
                "gender": "m",
                "birth_year": 1977,
            },
            "printable": True,
            "warnings": ["name-nominative"],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/fattahov-ruslan-vakilevich/",
        "625014, Тюменская область, г. Тюмень, ул. Вербная, д. 13, корп. 2, ФКУ ИК-2 УФСИН России по Тюменской области, Фаттахову Руслану Вакилевичу 1980 г. р.",
        {
            "postcode": "625014",
            "region": "Тюменская область",
            "locality": "г. Тюмень",
            "street": "ул. Вербная",
            "house": "13",
            "building": "корп. 2",
            "facility": "ФКУ ИК-2 УФСИН России по Тюменской области",
            "recipient": {
                "dative": "Фаттахову Руслану Вакилевичу",
                "last": "Фаттахов",
                "first": "Руслан",
                "middle": "Вакилевич",
                "gender": "m",
                "birth_year": 1980,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/sejthalilov-rustem-narimanovich/",
        "185012, Республика Карелия, г. Петрозаводск, Птицефабрика, а/я 1443, ФКУ ИК-9 УФСИН России по Республике Карелия, Сейтхалилову Рустему Наримановичу, 1984 г. р.",
        {
            "postcode": "185012",
            "region": "Республика Карелия",
            "locality": "г. Петрозаводск",
            "sublocality": "Птицефабрика",
            "po_box": "а/я 1443",
            "facility": "ФКУ ИК-9 УФСИН России по Республике Карелия",
            "recipient": {
                "dative": "Сейтхалилову Рустему Наримановичу",
                "last": "Сейтхалилов",
                "first": "Рустем",
                "middle": "Нариманович",
                "gender": "m",
                "birth_year": 1984,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/fomin-vladimir-gennadevich/",
        "369000, Карачаево-Черкесская Республика, г. Черкесск, ул. Первомайская, д. 1, ФКУ СИЗО-1 ОФСИН России по Карачаево-Черкесской Республике, Фомину Владимиру Геннадьевичу 1973 г. р.",
        {
            "postcode": "369000",
            "region": "Карачаево-Черкесская Республика",
            "locality": "г. Черкесск",
            "street": "ул. Первомайская",
            "house": "1",
            "facility": "ФКУ СИЗО-1 ОФСИН России по Карачаево-Черкесской Республике",
            "recipient": {
                "dative": "Фомину Владимиру Геннадьевичу",
                "last": "Фомин",
                "first": "Владимир",
                "middle": "Геннадьевич",
                "gender": "m",
                "birth_year": 1973,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/filatov-sergej-viktorovich/",
        "344033, г. Ростов-на Дону,  пер. Казачий, 22, ИК № 10 по Ростовской области, Филатову Сергею Викторовичу, 1972 г.р.\n\nПисьма поддержки можно направлять обычной почтой или через систему «zonatelecom».",
        {
            "postcode": "344033",
            "region": "Ростовская область",
            "locality": "г. Ростов-на Дону",
            "street": "пер. Казачий",
            "house": "22",
            "facility": "ИК № 10 по Ростовской области",
            "recipient": {
                "dative": "Филатову Сергею Викторовичу",
                "last": "Филатов",
                "first": "Сергей",
                "middle": "Викторович",
                "gender": "m",
                "birth_year": 1972,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/habibullin-timur-magafurovich/",
        "620019, г. Екатеринбург, ул. Малышева, д. 2Б, ПФРСИ при ФКУ ИК-2 ГУФСИН России по Свердловской области, Хабибуллину Тимуру Магафуровичу, 1987 г. р.",
        {
            "postcode": "620019",
            "region": "Свердловская область",
            "locality": "г. Екатеринбург",
            "street": "ул. Малышева",
            "house": "2Б",
            "facility": "ПФРСИ при ФКУ ИК-2 ГУФСИН России по Свердловской области",
            "recipient": {
                "dative": "Хабибуллину Тимуру Магафуровичу",
                "last": "Хабибуллин",
                "first": "Тимур",
                "middle": "Магафурович",
                "gender": "m",
                "birth_year": 1987,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/rudenko-timofej-aleksandrovich/",
        "142370, Московская область, Чеховский р-н, c. Троицкое, д. 5, ГБУЗ «ПКБ № 5 ДЗМ», Руденко Тимофею Александровичу 1992 г. р.",
        {
            "postcode": "142370",
            "region": "Московская область",
            "district": "Чеховский р-н",
            "locality": "с. Троицкое",
            "house": "5",
            "facility": "ГБУЗ «ПКБ № 5 ДЗМ»",
            "recipient": {
                "dative": "Руденко Тимофею Александровичу",
                "last": "Руденко",
                "first": "Тимофей",
                "middle": "Александрович",
                "gender": "m",
                "birth_year": 1992,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/sagandzhi-fevzi-memetovich/",
        "600020, г. Владимир, ул. Большая Нижегородская, д. 67, ФКУ Т-2 УФСИН России по Владимирской области, Саганджи Февзи Меметовичу 1994 г. р. (предположительно). Также можно воспользоваться сервисом Зонателеком.",
        {
            "postcode": "600020",
            "region": "Владимирская область",
            "locality": "г. Владимир",
            "street": "ул. Большая Нижегородская",
            "house": "67",
            "facility": "ФКУ Т-2 УФСИН России по Владимирской области",
            "recipient": {
                "dative": "Саганджи Февзи Меметовичу",
                "last": "Саганджи",
                "first": "Февзи",
                "middle": "Меметович",
                "gender": "m",
                "birth_year": 1994,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/abdullaev-tejmur-rza-ogly/",
        "453256, Республика Башкортостан, г. Салават, станция Южная, ФКУ ИК-2 УФСИН России по Республике Башкортостан, Абдуллаеву Теймуру Рза оглы, 1975 г. р.",
        {
            "postcode": "453256",
            "region": "Республика Башкортостан",
            "locality": "г. Салават",
            "sublocality": "ст. Южная",
            "facility": "ФКУ ИК-2 УФСИН России по Республике Башкортостан",
            "recipient": {
                "dative": "Абдуллаеву Теймуру Рза оглы",
                "last": "Абдуллаев",
                "first": "Теймур",
                "middle": "Рза оглы",
                "gender": "m",
                "birth_year": 1975,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/abdurahmanov-medzhit-anafievich/",
        "429900, Чувашская республика - Чувашия, г. Цивильск, ул. Северная, д. 13, ФКУ ИК-9 УФСИН России по Чувашской Республике – Чувашии, Абдурахманову Меджиту Анафиевичу , 1979 г. р.",
        {
            "postcode": "429900",
            "region": "Чувашская Республика — Чувашия",
            "locality": "г. Цивильск",
            "street": "ул. Северная",
            "house": "13",
            "facility": "ФКУ ИК-9 УФСИН России по Чувашской Республике — Чувашии",
            "recipient": {
                "dative": "Абдурахманову Меджиту Анафиевичу",
                "last": "Абдурахманов",
                "first": "Меджит",
                "middle": "Анафиевич",
                "gender": "m",
                "birth_year": 1979,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/yakupov-ural-gajfullovich/",
        "606781, Нижегородская область, Варнавинский район, п. Мирный, ул. Садовая, д.13, ФКУ ИК-6 ГУФСИН России по Нижегородской области, Якупов Урал Гайфуллович 1991 г. р.",
        {
            "postcode": "606781",
            "region": "Нижегородская область",
            "district": "Варнавинский район",
            "locality": "п. Мирный",
            "street": "ул. Садовая",
            "house": "13",
            "facility": "ФКУ ИК-6 ГУФСИН России по Нижегородской области",
            "recipient": {
                "dative": "Якупову Уралу Гайфулловичу",
                "last": "Якупов",
                "first": "Урал",
                "middle": "Гайфуллович",
                "gender": "m",
                "birth_year": 1991,
            },
            "printable": True,
            "warnings": ["name-nominative"],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/olehnovich-alina-aleksandrovna/",
        "109383, г. Москва, ул. Шоссейная, д. 92, ФКУ СИЗО-6 УФСИН России по г. Москве. Олехнович Алина Александровна 2001 г. р.\n\nЭлектронные письма можно отправлять через сервисы «Ф-Письмо» и «Зонателеком».",
        {
            "postcode": "109383",
            "region": "г. Москва",
            "locality": "г. Москва",
            "street": "ул. Шоссейная",
            "house": "92",
            "facility": "ФКУ СИЗО-6 УФСИН России по г. Москве",
            "recipient": {
                "dative": "Олехнович Алине Александровне",
                "last": "Олехнович",
                "first": "Алина",
                "middle": "Александровна",
                "gender": "f",
                "birth_year": 2001,
            },
            "printable": True,
            "warnings": ["name-nominative"],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/karepov-andrej-vadimovich/",
        "111020, г. Москва, Лефортовский Вал, д. 5, ФКУ СИЗО-2 «Лефортово» ФСИН России, Карепову Андрею Вадимовичу 1972 г. р.",
        {
            "postcode": "111020",
            "region": "г. Москва",
            "locality": "г. Москва",
            "street": "Лефортовский Вал",
            "house": "5",
            "facility": "ФКУ СИЗО-2 «Лефортово» ФСИН России",
            "recipient": {
                "dative": "Карепову Андрею Вадимовичу",
                "last": "Карепов",
                "first": "Андрей",
                "middle": "Вадимович",
                "gender": "m",
                "birth_year": 1972,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/naumov-artyom-yurevich/",
        "Адрес колонии уточняется.\n\nПредыдущий адрес (СИЗО): 452308, Башкортостан, Дюртюлинский р-н, с. Иванаево, ул. Промзона, ФКУ СИЗО-5 УФСИН России по РБ, Наумову Артёму Юрьевичу, 1990 г. р.",
        {
            "postcode": "452308",
            "region": "Республика Башкортостан",
            "district": "Дюртюлинский р-н",
            "locality": "с. Иванаево",
            "street": "ул. Промзона",
            "facility": "ФКУ СИЗО-5 УФСИН России по РБ",
            "recipient": {
                "dative": "Наумову Артёму Юрьевичу",
                "last": "Наумов",
                "first": "Артём",
                "middle": "Юрьевич",
                "gender": "m",
                "birth_year": 1990,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/abuzarova-parvinahan-okilzhonovna/",
        "Адрес уточняется, Абузаровой Парвинахан Окилжоновне, 1992 г. р.",
        {
            "recipient": {
                "dative": "Абузаровой Парвинахан Окилжоновне",
                "last": "Абузарова",
                "first": "Парвинахан",
                "middle": "Окилжоновна",
                "gender": "f",
                "birth_year": 1992,
            },
            "printable": False,
            "warnings": [
                "missing-locality",
                "missing-postcode",
                "missing-region",
                "missing-street",
            ],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/karelina-kseniya-pavlovna/",
        "454047, г. Челябинск, ул. Сталеваров, д. 10, ФКУ ИК-5 ГУФСИН России по Челябинской области, Карелиной Ксении Павловне 1991 г. р. Также можно воспользоваться сервисом ZT (оплата российскими картами).",
        {
            "postcode": "454047",
            "region": "Челябинская область",
            "locality": "г. Челябинск",
            "street": "ул. Сталеваров",
            "house": "10",
            "facility": "ФКУ ИК-5 ГУФСИН России по Челябинской области",
            "recipient": {
                "dative": "Карелиной Ксении Павловне",
                "last": "Карелина",
                "first": "Ксения",
                "middle": "Павловна",
                "gender": "f",
                "birth_year": 1991,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "Memorial page on Aleksandr Batsenin (shared/seed/000_56521f6322ecd0b9.txt)",
        "Баценину Александру Дмитриевичу, 1995 года рождения, ФКУ ИК-1 УФСИН России по Сахалинской области, ул. Пограничная, дом.71, г Южно-Сахалинск, Сахалинская обл., 693008",
        {
            "postcode": "693008",
            "region": "Сахалинская область",
            "locality": "г. Южно-Сахалинск",
            "street": "ул. Пограничная",
            "house": "71",
            "facility": "ФКУ ИК-1 УФСИН России по Сахалинской области",
            "recipient": {
                "dative": "Баценину Александру Дмитриевичу",
                "last": "Баценин",
                "first": "Александр",
                "middle": "Дмитриевич",
                "gender": "m",
                "birth_year": 1995,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "Memorial page on Aleksandr Batsenin (shared/seed/000_56521f6322ecd0b9.txt)",
        "г. Южно-Сахалинск, ул. Пограничная, д. 71, ФКУ ИК-1 УФСИН России по Сахалинской области, Баценину Александру Дмитриевичу (1995 г.р.)",
        {
            "region": "Сахалинская область",
            "locality": "г. Южно-Сахалинск",
            "street": "ул. Пограничная",
            "house": "71",
            "facility": "ФКУ ИК-1 УФСИН России по Сахалинской области",
            "recipient": {
                "dative": "Баценину Александру Дмитриевичу",
                "last": "Баценин",
                "first": "Александр",
                "middle": "Дмитриевич",
                "gender": "m",
                "birth_year": 1995,
            },
            "printable": False,
            "warnings": ["missing-postcode"],
        },
    ),
    pytest.param(
        "Memorial page on Aleksandr Batsenin (shared/seed/000_56521f6322ecd0b9.txt)",
        "693008, г. Южно-Сахалинск. ул. Пограничная, д. 71. ФКУ ИК-1 УФСИН России по Сахалинской области. Баценину Алeксандру Дмитриевичу, 1995",
        {
            "postcode": "693008",
            "region": "Сахалинская область",
            "locality": "г. Южно-Сахалинск",
            "street": "ул. Пограничная",
            "house": "71",
            "facility": "ФКУ ИК-1 УФСИН России по Сахалинской области",
            "recipient": {
                "dative": "Баценину Александру Дмитриевичу",
                "last": "Баценин",
                "first": "Александр",
                "middle": "Дмитриевич",
                "gender": "m",
                "birth_year": 1995,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/fattahov-ruslan-vakilevich/",
        "625014, Тюменская область, город Тюмень, ул. Вербная, д. 13, стр.2, ФКУ ИК-2 УФСИН России по Тюменской области, Фаттахову Руслану Вакилевичу, 1980 г.",
        {
            "postcode": "625014",
            "region": "Тюменская область",
            "locality": "г. Тюмень",
            "street": "ул. Вербная",
            "house": "13",
            "building": "стр. 2",
            "facility": "ФКУ ИК-2 УФСИН России по Тюменской области",
            "recipient": {
                "dative": "Фаттахову Руслану Вакилевичу",
                "last": "Фаттахов",
                "first": "Руслан",
                "middle": "Вакилевич",
                "gender": "m",
                "birth_year": 1980,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/rudenko-timofej-aleksandrovich/",
        "142370, Московская область, Чеховский р-н, с. Троицкое, д. 57ГБУЗ «ПКБ № 5 ДЗМ», Руденко Тимофею Александровичу 1992 г. р.",
        {
            "postcode": "142370",
            "region": "Московская область",
            "district": "Чеховский р-н",
            "locality": "с. Троицкое",
            "house": "57",
            "facility": "ГБУЗ «ПКБ № 5 ДЗМ»",
            "recipient": {
                "dative": "Руденко Тимофею Александровичу",
                "last": "Руденко",
                "first": "Тимофей",
                "middle": "Александрович",
                "gender": "m",
                "birth_year": 1992,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/muidinov-dilmurod-furkatovich/",
        "644009, г. Омск, ул. 10 лет Октября, д.176, ФКУ ИК-6 УФСИН России по Омской области, ЕПКТ, Кара-Мурзе Владимиру Владимировичу, 1981 г. р.",
        {
            "postcode": "644009",
            "region": "Омская область",
            "locality": "г. Омск",
            "street": "ул. 10 лет Октября",
            "house": "176",
            "facility": "ФКУ ИК-6 УФСИН России по Омской области, ЕПКТ",
            "recipient": {
                "dative": "Кара-Мурзе Владимиру Владимировичу",
                "last": "Кара-Мурза",
                "first": "Владимир",
                "middle": "Владимирович",
                "gender": "m",
                "birth_year": 1981,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "a published shape (garbled name as published)",
        "Анастасии Поляковой Анастасии Владимировне, 1990 г. р.",
        {
            "recipient": {
                "dative": "Поляковой Анастасии Владимировне",
                "last": "Полякова",
                "first": "Анастасия",
                "middle": "Владимировна",
                "gender": "f",
                "birth_year": 1990,
            },
            "printable": False,
            "warnings": [
                "missing-locality",
                "missing-postcode",
                "missing-region",
                "missing-street",
                "name-garbled",
            ],
        },
    ),
    pytest.param(
        "a published shape (a name and a SIZO nickname: not an address)",
        "Баценину Александру Дмитриевичу, СИЗО «Кресты»",
        {
            "facility": "СИЗО «Кресты»",
            "recipient": {
                "dative": "Баценину Александру Дмитриевичу",
                "last": "Баценин",
                "first": "Александр",
                "middle": "Дмитриевич",
                "gender": "m",
                "birth_year": None,
            },
            "printable": False,
            "warnings": [
                "missing-birth-year",
                "missing-locality",
                "missing-postcode",
                "missing-region",
            ],
        },
    ),
    pytest.param(
        "a published shape (settlement inside a city: г. Новокузнецк, п. Абагур-Лесной)",
        "654222, Кемеровская область — Кузбасс, г. Новокузнецк, п. Абагур-Лесной, ул. Центральная, д. 1, ФКУ ИК-44 ГУФСИН России по Кемеровской области — Кузбассу, Иванову Ивану Ивановичу, 1980 г. р.",
        {
            "postcode": "654222",
            "region": "Кемеровская область — Кузбасс",
            "locality": "г. Новокузнецк",
            "sublocality": "п. Абагур-Лесной",
            "street": "ул. Центральная",
            "house": "1",
            "facility": "ФКУ ИК-44 ГУФСИН России по Кемеровской области — Кузбассу",
            "recipient": {
                "dative": "Иванову Ивану Ивановичу",
                "last": "Иванов",
                "first": "Иван",
                "middle": "Иванович",
                "gender": "m",
                "birth_year": 1980,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/hautiev-bagaudin-adamovich/",
        "357873, Ставропольский край, Курский район, ст-ца Курская, ш. Моздокское, д. 2, ИВС ОМВД России по Курскому району, Хаутиеву Багаудину Адамовичу 1990 г. р.",
        {
            "postcode": "357873",
            "region": "Ставропольский край",
            "district": "Курский район",
            "locality": "ст-ца Курская",
            "street": "ш. Моздокское",
            "house": "2",
            "facility": "ИВС ОМВД России по Курскому району",
            "recipient": {
                "dative": "Хаутиеву Багаудину Адамовичу",
                "last": "Хаутиев",
                "first": "Багаудин",
                "middle": "Адамович",
                "gender": "m",
                "birth_year": 1990,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/kudinov-viktor/",
        "Бахчисарайский р-н, 298400, Республика Крым, г. Бахчисарай, тер. Промзона, спуск Южный, д. 3, ФКУ Тюрьма-2 УФСИН России по Республике Крым и г. Севастополю, ПКТ, Кудинову Виктору Ивановичу, 1969 г.р.",
        {
            "postcode": "298400",
            "region": "Республика Крым",
            "district": "Бахчисарайский р-н",
            "locality": "г. Бахчисарай",
            "street": "тер. Промзона, спуск Южный",
            "house": "3",
            "facility": "ФКУ Тюрьма-2 УФСИН России по Республике Крым и г. Севастополю, ПКТ",
            "recipient": {
                "dative": "Кудинову Виктору Ивановичу",
                "last": "Кудинов",
                "first": "Виктор",
                "middle": "Иванович",
                "gender": "m",
                "birth_year": 1969,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/sharlot-eduard-valerevich/",
        "Шарлоту  Эдуарду Валерьевичу 1998 г. р., ФКУ СИЗО-1 УФСИН России по Самарской области, Садовый проезд, д. 22, г. Самара, 443022",
        {
            "postcode": "443022",
            "region": "Самарская область",
            "locality": "г. Самара",
            "street": "Садовый проезд",
            "house": "22",
            "facility": "ФКУ СИЗО-1 УФСИН России по Самарской области",
            "recipient": {
                "dative": "Шарлоту Эдуарду Валерьевичу",
                "last": "Шарлот",
                "first": "Эдуард",
                "middle": "Валерьевич",
                "gender": "m",
                "birth_year": 1998,
            },
            "printable": True,
            "warnings": [],
        },
    ),
    pytest.param(
        "Memorial page on Aleksandr Batsenin (shared/seed/000_56521f6322ecd0b9.txt), variant: (name as initials, as RosUznik and news pages publish it)",
        "693008, Сахалинская область, г. Южно-Сахалинск, ул. Пограничная, д. 71, ФКУ ИК-1 УФСИН России по Сахалинской области, Баценину А. Д., 1995 г. р.",
        {
            "postcode": "693008",
            "region": "Сахалинская область",
            "locality": "г. Южно-Сахалинск",
            "street": "ул. Пограничная",
            "house": "71",
            "facility": "ФКУ ИК-1 УФСИН России по Сахалинской области",
            "recipient": {
                "dative": "Баценину А. Д.",
                "last": "Баценин",
                "first": None,
                "middle": None,
                "gender": None,
                "birth_year": 1995,
            },
            "printable": False,
            "warnings": ["initials-only"],
        },
    ),
    pytest.param(
        "Memorial page on Aleksandr Batsenin (shared/seed/000_56521f6322ecd0b9.txt), variant: (glued initials, «г.р.»)",
        "693008, Сахалинская область, г. Южно-Сахалинск, ул. Пограничная, д. 71, ФКУ ИК-1 УФСИН России по Сахалинской области, Баценину А.Д. 1995 г.р.",
        {
            "postcode": "693008",
            "region": "Сахалинская область",
            "locality": "г. Южно-Сахалинск",
            "street": "ул. Пограничная",
            "house": "71",
            "facility": "ФКУ ИК-1 УФСИН России по Сахалинской области",
            "recipient": {
                "dative": "Баценину А. Д.",
                "last": "Баценин",
                "first": None,
                "middle": None,
                "gender": None,
                "birth_year": 1995,
            },
            "printable": False,
            "warnings": ["initials-only"],
        },
    ),
    pytest.param(
        "Memorial page on Aleksandr Batsenin (shared/seed/000_56521f6322ecd0b9.txt), variant: (initials before the surname, no year)",
        "693008, Сахалинская область, г. Южно-Сахалинск, ул. Пограничная, д. 71, ФКУ ИК-1 УФСИН России по Сахалинской области, А. Д. Баценину",
        {
            "postcode": "693008",
            "region": "Сахалинская область",
            "locality": "г. Южно-Сахалинск",
            "street": "ул. Пограничная",
            "house": "71",
            "facility": "ФКУ ИК-1 УФСИН России по Сахалинской области",
            "recipient": {
                "dative": "А. Д. Баценину",
                "last": "Баценин",
                "first": None,
                "middle": None,
                "gender": None,
                "birth_year": None,
            },
            "printable": False,
            "warnings": [
                "initials-only",
                "missing-birth-year",
            ],
        },
    ),
    pytest.param(
        "Memorial page on Aleksandr Batsenin (shared/seed/000_56521f6322ecd0b9.txt), variant: (initials, no comma after the facility)",
        "693008, Сахалинская область, г. Южно-Сахалинск, ул. Пограничная, д. 71, ФКУ ИК-1 УФСИН России по Сахалинской области Баценину А. Д. 1995 г. р.",
        {
            "postcode": "693008",
            "region": "Сахалинская область",
            "locality": "г. Южно-Сахалинск",
            "street": "ул. Пограничная",
            "house": "71",
            "facility": "ФКУ ИК-1 УФСИН России по Сахалинской области",
            "recipient": {
                "dative": "Баценину А. Д.",
                "last": "Баценин",
                "first": None,
                "middle": None,
                "gender": None,
                "birth_year": 1995,
            },
            "printable": False,
            "warnings": ["initials-only"],
        },
    ),
    pytest.param(
        "Memorial page on Aleksandr Batsenin (shared/seed/000_56521f6322ecd0b9.txt), variant: (initials, natural order)",
        "А.Д. Баценину 1995 г.р., ФКУ ИК-1 УФСИН России по Сахалинской области, ул. Пограничная, д. 71, г. Южно-Сахалинск, Сахалинская область, 693008",
        {
            "postcode": "693008",
            "region": "Сахалинская область",
            "locality": "г. Южно-Сахалинск",
            "street": "ул. Пограничная",
            "house": "71",
            "facility": "ФКУ ИК-1 УФСИН России по Сахалинской области",
            "recipient": {
                "dative": "А. Д. Баценину",
                "last": "Баценин",
                "first": None,
                "middle": None,
                "gender": None,
                "birth_year": 1995,
            },
            "printable": False,
            "warnings": ["initials-only"],
        },
    ),
    pytest.param(
        "https://memopzk.org/figurant/zibrova-anastasiya-vladimirovna/ (a woman named by initials)",
        "156000, г. Кострома, п. Васильевское, ФКУ ИК-8 УФСИН России по Костромской области, Ивановой М. П., 1993 г. р.",
        {
            "postcode": "156000",
            "region": "Костромская область",
            "locality": "г. Кострома",
            "sublocality": "п. Васильевское",
            "facility": "ФКУ ИК-8 УФСИН России по Костромской области",
            "recipient": {
                "dative": "Ивановой М. П.",
                "last": "Иванова",
                "first": None,
                "middle": None,
                "gender": None,
                "birth_year": 1993,
            },
            "printable": False,
            "warnings": ["initials-only"],
        },
    ),
]


@pytest.mark.parametrize(("source", "line", "expected"), CASES)
def test_published_line(source: str, line: str, expected: dict) -> None:
    got = address_json(parse_address(line))
    for name in FIELDS:
        assert got[name] == expected.get(name), (name, source)
    want_rec = expected.get("recipient")
    if want_rec is None:
        assert got["recipient"] is None
    else:
        assert got["recipient"] == want_rec
    assert got["printable"] is expected["printable"]
    assert sorted({w["code"] for w in got["warnings"]}) == expected["warnings"]


def test_batsenin_is_the_documented_example() -> None:
    line = (
        "693008, Сахалинская область, г. Южно-Сахалинск, ул. Пограничная, д. 71, "
        "ФКУ ИК-1 УФСИН России по Сахалинской области, Баценину Александру Дмитриевичу, "
        "1995 г. р."
    )
    assert address_json(parse_address(line)) == BATSENIN_JSON


@pytest.mark.parametrize("line", ["", "   ", "\n\t \n"])
def test_empty_line_is_an_address_error(line: str) -> None:
    with pytest.raises(AddressError) as exc:
        parse_address(line)
    assert exc.value.message == "the address is empty"
    assert exc.value.hint


def test_trailing_sentences_become_notes() -> None:
    a = parse_address(CASES[2].values[1])
    assert any(n.startswith("dropped trailing text") for n in a.notes)


def test_region_inferred_from_postcode_is_noted() -> None:
    a = parse_address(
        "620019, г. Екатеринбург, ул. Малышева, д. 2Б, ПФРСИ при ФКУ ИК-2 ГУФСИН России по "
        "Свердловской области, Хабибуллину Тимуру Магафуровичу, 1987 г. р."
    )
    assert a.region == "Свердловская область"
    assert "region inferred from the postcode: Свердловская область" in a.notes


def test_postcode_of_another_region_is_a_warning() -> None:
    a = parse_address(
        "182917, г. Рыбинск, ул. Целинная, д. 50, ФКУ ИК-2 УФСИН России по Ярославской "
        "области, Мухаметову Батыру Радиковичу 1990 г. р."
    )  # memopzk.org/figurant/muhametov-batyr-radikovich/ (as published)
    assert {w.code for w in a.warnings} == {"postcode-region"}


def test_every_input_piece_reaches_the_envelope() -> None:
    a = parse_address(
        "196655, г. Санкт-Петербург, Колпино, ул. Колпинская, д. 9, стр. 1, ФКУ СИЗО-1 УФСИН "
        "России по г. Санкт-Петербургу и Ленинградской области, Глушкину Александру "
        "Львовичу, 1969 г. р."
    )  # memopzk.org/figurant/glushkin-aleksandr-lvovich/ (with «Колпино» added)
    env = envelope_lines(a)
    assert env == [
        "Глушкину Александру Львовичу, 1969 г. р.",
        "ФКУ СИЗО-1 УФСИН России по г. Санкт-Петербургу и Ленинградской области",
        "ул. Колпинская, д. 9, стр. 1",
        "Колпино",
        "г. Санкт-Петербург",
        "196655",
    ]


def test_english_line_has_no_cyrillic_in_any_directory_address():
    import re

    from letterkit.store import Store

    leftovers = [
        p.slug
        for p in Store().people()
        if p.address is not None and re.search("[А-Яа-яЁё]", english_line(p.address))
    ]
    assert leftovers == []
