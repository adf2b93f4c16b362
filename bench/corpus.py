"""A reproducible corpus of realistic social posts in Turkish, Spanish and English.

Posts are built from templates and slot values with a fixed seed, so every run measures
the same 10,000+ texts. About a third carry something a policy should catch (a sponsored
post without a tag, a guaranteed-return claim, an e-mail address, a codename, slang that
must not be flagged...), the rest are ordinary brand and personal posts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

SEED = 20261121

_SLOTS: dict[str, dict[str, list[str]]] = {
    "en": {
        "product": [
            "NexoraPay",
            "the new savings app",
            "our travel card",
            "Nexora Business",
            "the mobile wallet",
        ],
        "city": ["London", "Manchester", "New York", "Austin", "Dublin"],
        "feeling": ["thrilled", "proud", "excited", "happy", "grateful"],
        "event": [
            "the fintech summit",
            "our hackathon",
            "the marathon",
            "the product launch",
            "our town hall",
        ],
        "person": ["Sarah", "James", "Priya", "Tom", "Emily"],
    },
    "tr": {
        "product": [
            "NexoraPay",
            "yeni tasarruf uygulaması",
            "seyahat kartımız",
            "Nexora İşletme",
            "mobil cüzdan",
        ],
        "city": ["İstanbul", "Ankara", "İzmir", "Bursa", "Antalya"],
        "feeling": [
            "çok mutluyuz",
            "gurur duyuyoruz",
            "heyecanlıyız",
            "minnettarız",
            "sabırsızlanıyoruz",
        ],
        "event": [
            "fintek zirvesi",
            "hackathon etkinliğimiz",
            "maraton",
            "ürün lansmanı",
            "şirket buluşması",
        ],
        "person": ["Ayşe", "Mehmet", "Zeynep", "Emre", "Elif"],
    },
    "es": {
        "product": [
            "NexoraPay",
            "la nueva app de ahorro",
            "nuestra tarjeta de viaje",
            "Nexora Empresas",
            "la cartera móvil",
        ],
        "city": ["Madrid", "Barcelona", "Sevilla", "Valencia", "Bilbao"],
        "feeling": ["encantados", "orgullosos", "emocionados", "felices", "agradecidos"],
        "event": [
            "la cumbre fintech",
            "nuestro hackathon",
            "el maratón",
            "el lanzamiento",
            "la reunión anual",
        ],
        "person": ["Lucía", "Javier", "Carmen", "Pablo", "Sofía"],
    },
}

_CLEAN = {
    "en": [
        "We're {feeling} to bring {product} to {city}! Download it today and tell us what you think.",
        "Thanks to everyone who joined {event} in {city}. What a day! Photos coming soon.",
        "{person} from our {city} team shares three tips for saving on your next trip. Read more on our blog.",
        "We killed it at {event} this weekend. Huge thanks to the whole team!",
        "Quick reminder: {product} will be under maintenance tonight from 2 to 4 am. Sorry for the trouble.",
        "Happy Friday! What's the one feature you'd love to see in {product}? Reply below.",
    ],
    "tr": [
        "{product} artık {city}'da! Hemen indirin ve düşüncelerinizi bizimle paylaşın.",
        "{event} için {city}'daydık, katılan herkese teşekkürler. Fotoğraflar yakında!",
        "{city} ekibimizden {person}, seyahatte tasarruf için üç ipucu paylaşıyor. Blogumuzda okuyun.",
        "Bu hafta sonu {event} harikaydı, maçı öldürdük! Bütün ekibe teşekkürler.",
        "Hatırlatma: {product} bu gece 02.00-04.00 arası bakımda olacak. Anlayışınız için teşekkürler.",
        "Mutlu cumalar! {product} uygulamasında görmek istediğiniz özellik ne? Yorumlarda yazın.",
    ],
    "es": [
        "¡Estamos {feeling} de lanzar {product} en {city}! Descárgala hoy y cuéntanos qué te parece.",
        "Gracias a todos los que vinieron a {event} en {city}. ¡Qué día! Pronto subimos las fotos.",
        "{person}, de nuestro equipo de {city}, comparte tres consejos para ahorrar en tu próximo viaje.",
        "¡La rompimos en {event} este fin de semana! Gracias a todo el equipo.",
        "Recordatorio: {product} estará en mantenimiento esta noche de 2 a 4. Disculpa las molestias.",
        "¡Feliz viernes! ¿Qué función te gustaría ver en {product}? Respóndenos aquí.",
    ],
}

_RISKY = {
    "en": [
        "Loving {product}! Use my code {code} for 20% off your first month.",
        "Invest with us: guaranteed returns and completely risk-free. Studies show it works.",
        "Can't wait for Kestrel's launch next month, the {city} team has been working on it for ages.",
        "Having trouble? Email me directly at {first}.{last}@gmail.com or call 07700 900123.",
        "Cheap flights to {city}, book ASAP before prices go up!",
        "Got an insider tip about the merger, buy before Friday.",
    ],
    "tr": [
        "{product} harika! İndirim kodu {code} ile ilk ay %20 indirim.",
        "Bizimle yatırım yapın: garantili getiri, tamamen risksiz. Araştırmaya göre herkes memnun.",
        "Kestrel'in lansmanı gelecek ay, {city} ekibi aylardır bunun üzerinde çalışıyor.",
        "Sorun mu var? Bana {first}.{last}@gmail.com adresinden ya da 0532 418 27 63'ten ulaşın.",
        "Ucuz biletler {city} için burada, fiyatlar artmadan alın!",
        "Vergi kaçırmanın yolunu bulduk, kimse anlamaz.",
    ],
    "es": [
        "¡Me encanta {product}! Usa el código de descuento {code} y ahorra un 20%.",
        "Invierte con nosotros: rentabilidad garantizada y sin riesgo. Según un estudio, funciona.",
        "El lanzamiento de Kestrel es el mes que viene, el equipo de {city} lleva meses con ello.",
        "¿Problemas? Escríbeme a {first}.{last}@gmail.com o llama al 612 345 678.",
        "Vuelos baratos a {city}, ¡reserva antes de que suban los precios!",
        "Cobramos todo en negro y sin factura, así sale más barato.",
    ],
}

_NAMES = {
    "first": ["ali", "maria", "john", "ayse", "pablo"],
    "last": ["yilmaz", "garcia", "smith", "kaya", "lopez"],
}


@dataclass(frozen=True, slots=True)
class Post:
    id: str
    lang: str
    text: str
    risky: bool


def _fill(template: str, lang: str, rng: random.Random) -> str:
    values = {k: rng.choice(v) for k, v in _SLOTS[lang].items()}
    values.update({k: rng.choice(v) for k, v in _NAMES.items()})
    values["code"] = f"{rng.choice(['ANNA', 'AYSE', 'LUCIA', 'MAX'])}{rng.randint(10, 99)}"
    return template.format(**values)


def _pad_to(text: str, lang: str, rng: random.Random, target: int) -> str:
    # Real posts vary in length; some run to the 280-character limit.
    filler = {"en": _CLEAN["en"], "tr": _CLEAN["tr"], "es": _CLEAN["es"]}[lang]
    while len(text) < target:
        text = text + " " + _fill(rng.choice(filler), lang, rng)
    return text[:target].rsplit(" ", 1)[0]


def generate(count: int = 10_500, *, seed: int = SEED, risky_share: float = 0.33) -> list[Post]:
    rng = random.Random(seed)
    posts = []
    for i in range(count):
        lang = ("tr", "es", "en")[i % 3]
        risky = rng.random() < risky_share
        template = rng.choice((_RISKY if risky else _CLEAN)[lang])
        text = _fill(template, lang, rng)
        if rng.random() < 0.5:
            text = _pad_to(text, lang, rng, rng.choice([180, 240, 280]))
        posts.append(Post(f"{lang}-{i:05d}", lang, text, risky))
    return posts
