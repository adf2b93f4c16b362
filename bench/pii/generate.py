"""Generate the labelled PII benchmark: natural tr/es/en posts with character-exact spans.

Every value is generated (never real data) and checked with the same public algorithms
that define it (TC Kimlik check digits, DNI/NIE letters, mod-97, Luhn, SSN ranges,
phone-number plans). Hard negatives are mixed in unlabelled: order and invoice numbers,
tracking codes, 11-digit numbers failing the TC Kimlik checksum, 16-digit numbers failing
Luhn, prices, dates and version numbers. The same seed gives the same file.

    python bench/pii/generate.py --out bench/pii/out/posts.jsonl [--posts 1800] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import uuid
from collections.abc import Callable
from pathlib import Path

import phonenumbers
from stdnum import iban, luhn
from stdnum.es import dni, nie
from stdnum.tr import tckimlik

Value = tuple[str, str | None]
"""(text, entity) where entity None means an unlabelled hard negative."""

FIRST = ["ayse", "mehmet", "elif", "can", "lucia", "javier", "maria", "john", "emma", "oliver"]
LAST = ["yilmaz", "kaya", "demir", "garcia", "lopez", "martinez", "smith", "jones", "brown"]
MAIL_DOMAINS = ["gmail.com", "hotmail.com", "outlook.com", "yahoo.es", "yandex.com.tr", "proton.me"]


def tc_kimlik(rng: random.Random) -> str:
    while True:
        base = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(8))
        number = base + tckimlik.calc_check_digits(base)
        if tckimlik.is_valid(number):
            return number


def tc_kimlik_invalid(rng: random.Random) -> str:
    while True:
        number = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(10))
        if not tckimlik.is_valid(number):
            return number


def spaced_tc(rng: random.Random) -> str:
    n = tc_kimlik(rng)
    return f"{n[:3]} {n[3:6]} {n[6:9]} {n[9:]}"


def dni_value(rng: random.Random) -> str:
    digits = f"{rng.randint(0, 99_999_999):08d}"
    letter = dni.calc_check_digit(digits)
    return digits + ("-" if rng.random() < 0.2 else "") + letter


def nie_value(rng: random.Random) -> str:
    body = rng.choice("XYZ") + f"{rng.randint(0, 9_999_999):07d}"
    return body + nie.calc_check_digit(body)


def ssn_value(rng: random.Random) -> str:
    while True:
        area = rng.randint(1, 899)
        if area != 666:
            return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def iban_value(rng: random.Random) -> str:
    country, length = rng.choice([("TR", 26), ("ES", 24), ("GB", 22), ("DE", 22)])
    while True:  # some countries add national check digits: draw until valid
        if country == "GB":
            bank = rng.choice(["NWBK", "BARC", "LOYD"])
            bban = bank + _digits(rng, 14)
        elif country == "TR":
            bban = _digits(rng, 5) + "0" + _digits(rng, 16)
        else:
            bban = _digits(rng, length - 4)
        compact = country + iban.calc_check_digits(country + "00" + bban) + bban
        if iban.is_valid(compact):
            break
    if rng.random() < 0.6:
        return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    return compact


def card_value(rng: random.Random) -> str:
    prefix, length = rng.choice(
        [("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("34", 15), ("37", 15), ("9792", 16)]
    )
    body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    number = body + luhn.calc_check_digit(body)
    style = rng.random()
    if length == 15:
        groups = [number[:4], number[4:10], number[10:]]
    else:
        groups = [number[i : i + 4] for i in range(0, 16, 4)]
    if style < 0.4:
        return number
    return (" " if style < 0.75 else "-").join(groups)


def luhn_invalid_16(rng: random.Random) -> str:
    while True:
        number = "4" + "".join(str(rng.randint(0, 9)) for _ in range(15))
        if not luhn.is_valid(number):
            return " ".join(number[i : i + 4] for i in range(0, 16, 4))


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def phone_value(rng: random.Random, lang: str) -> str:
    while True:
        region = {"tr": "TR", "es": "ES", "en": rng.choice(["US", "GB"])}[lang]
        if rng.random() < 0.15:
            region = rng.choice(["TR", "ES", "US", "GB"])
        text = _phone_in(rng, region)
        number = phonenumbers.parse(text, region)
        if phonenumbers.is_valid_number(number):
            return text


def _phone_in(rng: random.Random, region: str) -> str:
    style = rng.random()
    if region == "TR":
        op = rng.choice(["530", "532", "533", "535", "542", "505", "555", "212", "216", "312"])
        rest = _digits(rng, 7)
        if style < 0.4:
            return f"0{op} {rest[:3]} {rest[3:5]} {rest[5:]}"
        if style < 0.7:
            return f"+90 {op} {rest[:3]} {rest[3:5]} {rest[5:]}"
        if style < 0.85:
            return f"0{op}{rest}"
        return f"0({op}) {rest[:3]}-{rest[3:5]}-{rest[5:]}"
    if region == "ES":
        first = rng.choice(["6", "7", "91", "93", "96"])
        rest = _digits(rng, 9 - len(first))
        n = first + rest
        if style < 0.4:
            return f"{n[:3]} {n[3:5]} {n[5:7]} {n[7:]}"
        if style < 0.7:
            return f"+34 {n[:3]} {n[3:6]} {n[6:]}"
        return n
    if region == "US":
        area = rng.choice(["212", "415", "312", "617", "202", "646", "718", "303", "206"])
        ex = str(rng.randint(2, 9)) + _digits(rng, 2)
        line = _digits(rng, 4)
        if style < 0.5:
            return f"({area}) {ex}-{line}"
        if style < 0.8:
            return f"{area}-{ex}-{line}"
        return f"+1 {area} {ex} {line}"
    # GB
    if style < 0.5:
        return f"+44 20 {rng.randint(3, 8)}{_digits(rng, 3)} {_digits(rng, 4)}"
    return f"07{rng.choice(['4', '5', '7', '8', '9'])}{_digits(rng, 2)} {_digits(rng, 6)}"


def email_value(rng: random.Random) -> str:
    sep = rng.choice([".", "_", ""])
    name = rng.choice(FIRST) + sep + rng.choice(LAST)
    if rng.random() < 0.3:
        name += str(rng.randint(1, 99))
    return f"{name}@{rng.choice(MAIL_DOMAINS)}"


def ip_value(rng: random.Random) -> str:
    if rng.random() < 0.15:
        groups = [f"{rng.randint(0, 0xFFFF):x}" for _ in range(4)]
        return "2a02:" + ":".join(groups) + "::" + f"{rng.randint(1, 0xFFFF):x}"
    first = rng.choice([31, 46, 78, 85, 88, 94, 176, 185, 212, 213])
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


# Hard negatives (never labelled).
def order_number(rng: random.Random) -> str:
    return str(rng.randint(1_000_000_000, 4_999_999_999))


def invoice_number(rng: random.Random) -> str:
    return rng.choice(
        [
            f"F-{rng.randint(2020, 2026)}-{rng.randint(1, 99999):05d}",
            f"{rng.randint(2020, 2026)}{rng.randint(0, 999999):06d}",
        ]
    )


def tracking_code(rng: random.Random) -> str:
    return rng.choice(
        [f"1Z{_digits(rng, 3)}AA{_digits(rng, 10)}", f"TR{_digits(rng, 9)}", f"7{_digits(rng, 12)}"]
    )


def price(rng: random.Random, lang: str) -> str:
    amount = rng.randint(10, 99999)
    if lang == "tr":
        return f"{amount:,}".replace(",", ".") + rng.choice([" TL", " ₺", ",90 TL"])
    if lang == "es":
        return f"{amount:,}".replace(",", ".") + rng.choice([" €", ",99 €", " euros"])
    return rng.choice(["$", "£"]) + f"{amount:,}" + rng.choice(["", ".99"])


def date_value(rng: random.Random) -> str:
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2019, 2026)
    return rng.choice([f"{d:02d}.{m:02d}.{y}", f"{y}-{m:02d}-{d:02d}", f"{d}/{m}/{y}"])


def version(rng: random.Random) -> str:
    parts = [str(rng.randint(1, 12)), str(rng.randint(0, 9)), str(rng.randint(0, 30))]
    if rng.random() < 0.5:
        parts.append(str(rng.randint(0, 9)))
    return ".".join(parts)


def uuid_value(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def commit_hash(rng: random.Random) -> str:
    return f"{rng.getrandbits(160):040x}"[: rng.choice([7, 12, 40])]


def iban_invalid(rng: random.Random) -> str:
    while True:
        value = iban_value(rng)
        broken = value[:-1] + str((int(value[-1]) + 1) % 10)
        if not iban.is_valid(broken.replace(" ", "")):
            return broken


# Templates: {SLOT} is filled by a generator; suffixes after slots are part of the template.
TEMPLATES: dict[str, list[str]] = {
    "tr": [
        "Merhaba, TC kimlik numaram {TC}'dir, başvuruyu buna göre açar mısınız?",
        "Kimlik no: {TC} — kargom hâlâ gelmedi, sipariş no {ORDER}.",
        "Beni {PHONE}'ten arayabilirsiniz, akşam 6'dan sonra müsaitim.",
        "Cep numaram {PHONE}, WhatsApp'tan da yazabilirsiniz.",
        "İade için IBAN'ım {IBAN}, ad soyad Ayşe Yılmaz.",
        "Kart numaram {CARD} ama ödeme geçmiyor, yardım edin!",
        "Bana {EMAIL} adresinden ulaşın lütfen.",
        "E-posta: {EMAIL} / tel: {PHONE}",
        "Modemimin IP adresi {IP}, bağlantı sürekli kopuyor.",
        "Sunucu {IP} üzerinden erişilemiyor, sürüm {VERSION} yüklü.",
        "Fatura no {INVOICE} için ödeme {PRICE} olarak görünüyor.",
        "Kargo takip kodum {TRACKING}, {DATE} tarihinde çıkmış.",
        "Kampanya {DATE} tarihine kadar geçerli, fiyat sadece {PRICE}!",
        "Sipariş numaram {ORDER}, tutar {PRICE}. Hâlâ bekliyorum.",
        "Yeni sürüm {VERSION} yayında, güncellemeyi unutmayın.",
        "{TC} numaralı üyemizin kaydı tamamlandı.",
        "Referans kodu {BADTC} ile başvuru yapıldı.",
        "Kart son kullanma tarihi geçmiş, eski kart {BADCARD} iptal edildi.",
        "Annemin TC'si {TC}, telefonu {PHONE}.",
        "Havale için: {IBAN} (alıcı: Mehmet Kaya), açıklamaya sipariş no {ORDER} yazın.",
        "{EMAIL}",
        "Kimlik numarası {SPACEDTC} şeklinde yazılmış, kontrol eder misiniz?",
        "Ödeme {CARD} kartından çekildi, {PRICE} tutarında.",
        "Bugünkü toplantı {DATE} saat 14:30'da, oda 12.",
        "Ulaşmak isteyen olursa ({PHONE}) — Ayşe",
        "{PHONE}",
        "TC'm {TC}; eşiminki {TC}.",
        "Kartın numarası {CARD} mı, yoksa {BADCARD} mi?",
        "Hata kodu {UUID}, commit {COMMIT} ile düzeldi.",
        "Yanlış IBAN: {BADIBAN}, doğrusu {IBAN}.",
        "Bağlandığım adres {IP} idi, şimdi açılıyor.",
        "Ödeme bilgisi: {EMAIL} / {IBAN}",
        "TC kimlik no hanesine {BADTC} yazılmış ama geçersiz.",
        "Kargo {TRACKING} ve sipariş {ORDER}: {PRICE}",
    ],
    "es": [
        "Hola, mi DNI es {DNI} y todavía no tengo respuesta.",
        "Mi NIE es {NIE}, ¿me podéis confirmar la cita?",
        "Llámame al {PHONE} cuando puedas, por favor.",
        "Mi móvil es el {PHONE}, también por WhatsApp.",
        "Para el reembolso, mi IBAN es {IBAN}.",
        "El número de tarjeta {CARD} me da error al pagar.",
        "Escribidme a {EMAIL} con los detalles.",
        "Contacto: {EMAIL} · tel. {PHONE}",
        "La IP de mi router es {IP} y no conecta.",
        "El servidor {IP} no responde desde la versión {VERSION}.",
        "Factura {INVOICE} por importe de {PRICE}.",
        "Número de seguimiento {TRACKING}, enviado el {DATE}.",
        "Oferta válida hasta el {DATE}: solo {PRICE}.",
        "Pedido {ORDER}, total {PRICE}. Sigo esperando.",
        "Ya está disponible la versión {VERSION} de la app.",
        "DNI {DNI}, NIE {NIE}: documentos de los dos titulares.",
        "Código de referencia {BADTC} registrado.",
        "La tarjeta antigua {BADCARD} quedó anulada.",
        "Titular: Lucía García, DNI {DNI}, teléfono {PHONE}.",
        "Transferencia a {IBAN}, concepto pedido {ORDER}.",
        "{EMAIL}",
        "Pagado con la tarjeta {CARD} ({PRICE}).",
        "La reunión es el {DATE} a las 10:00, sala 4.",
        "Si alguien quiere contactar ({PHONE}) — Lucía",
        "{PHONE}",
        "Mi DNI: {DNI}. El de mi pareja: {DNI}.",
        "¿La tarjeta es {CARD} o {BADCARD}?",
        "Error {UUID}, corregido en el commit {COMMIT}.",
        "IBAN equivocado: {BADIBAN}, el bueno es {IBAN}.",
        "Me conecté desde {IP} y funcionó.",
        "Datos de pago: {EMAIL} / {IBAN}",
        "NIE {NIE} y teléfono {PHONE}.",
        "Envío {TRACKING}, pedido {ORDER}: {PRICE}",
    ],
    "en": [
        "Hi, my SSN is {SSN} and the form keeps rejecting it.",
        "Call me at {PHONE} after 5pm please.",
        "My cell is {PHONE}, text me anytime.",
        "Refund to my IBAN {IBAN}, thanks.",
        "My card number {CARD} was charged twice!",
        "Reach me at {EMAIL} with the details.",
        "Contact: {EMAIL} | phone: {PHONE}",
        "My home IP is {IP} and the site blocks it.",
        "Server {IP} is down again since version {VERSION}.",
        "Invoice {INVOICE} shows {PRICE}, is that right?",
        "Tracking number {TRACKING}, shipped on {DATE}.",
        "Sale ends {DATE}: only {PRICE}!",
        "Order {ORDER}, total {PRICE}. Still waiting.",
        "Version {VERSION} is out now, update today.",
        "Social security number {SSN}, DOB on file.",
        "Reference code {BADTC} has been logged.",
        "The old card {BADCARD} was cancelled.",
        "Customer John Smith, SSN {SSN}, phone {PHONE}.",
        "Wire to {IBAN}, memo: order {ORDER}.",
        "{EMAIL}",
        "Paid with card {CARD} ({PRICE}).",
        "My Turkish ID (TC kimlik) is {TC} and my Spanish NIE is {NIE}.",
        "Meeting on {DATE} at 2:30pm, room 12.",
        "If anyone needs me ({PHONE}) - John",
        "{PHONE}",
        "SSNs on the form: {SSN} and {SSN}.",
        "Is the card {CARD} or {BADCARD}?",
        "Error {UUID}, fixed in commit {COMMIT}.",
        "Wrong IBAN: {BADIBAN}, the right one is {IBAN}.",
        "I connected from {IP} and it worked.",
        "Payment details: {EMAIL} / {IBAN}",
        "Fake SSN 000-12-3456 and real one {SSN}.",
        "Shipment {TRACKING}, order {ORDER}: {PRICE}",
    ],
}
SLOT = re.compile(r"\{([A-Z]+)\}")


def _generators(lang: str) -> dict[str, Callable[[random.Random], Value]]:
    return {
        "TC": lambda r: (tc_kimlik(r), "TR_TC_KIMLIK"),
        "SPACEDTC": lambda r: (spaced_tc(r), "TR_TC_KIMLIK"),
        "DNI": lambda r: (dni_value(r), "ES_DNI"),
        "NIE": lambda r: (nie_value(r), "ES_NIE"),
        "SSN": lambda r: (ssn_value(r), "US_SSN"),
        "IBAN": lambda r: (iban_value(r), "IBAN_CODE"),
        "CARD": lambda r: (card_value(r), "CREDIT_CARD"),
        "PHONE": lambda r: (phone_value(r, lang), "PHONE_NUMBER"),
        "EMAIL": lambda r: (email_value(r), "EMAIL_ADDRESS"),
        "IP": lambda r: (ip_value(r), "IP_ADDRESS"),
        "ORDER": lambda r: (order_number(r), None),
        "INVOICE": lambda r: (invoice_number(r), None),
        "TRACKING": lambda r: (tracking_code(r), None),
        "BADTC": lambda r: (tc_kimlik_invalid(r), None),
        "BADCARD": lambda r: (luhn_invalid_16(r), None),
        "PRICE": lambda r: (price(r, lang), None),
        "DATE": lambda r: (date_value(r), None),
        "VERSION": lambda r: (version(r), None),
        "UUID": lambda r: (uuid_value(r), None),
        "COMMIT": lambda r: (commit_hash(r), None),
        "BADIBAN": lambda r: (iban_invalid(r), None),
    }


def render(template: str, lang: str, rng: random.Random) -> dict[str, object]:
    generators = _generators(lang)
    out: list[str] = []
    spans: list[dict[str, object]] = []
    pos = 0
    length = 0
    for m in SLOT.finditer(template):
        literal = template[pos : m.start()]
        out.append(literal)
        length += len(literal)
        value, entity = generators[m.group(1)](rng)
        if entity is not None:
            spans.append({"start": length, "end": length + len(value), "entity": entity})
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(template[pos:])
    text = "".join(out)
    return {"lang": lang, "text": text, "spans": spans}


def generate(posts: int, seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    out = []
    per_lang = posts // 3
    for lang in ("tr", "es", "en"):
        templates = TEMPLATES[lang]
        for i in range(per_lang):
            # Cycle through the templates so every one is used evenly, shuffled per round.
            out.append(render(templates[i % len(templates)], lang, rng))
    rng.shuffle(out)
    for i, post in enumerate(out):
        post["id"] = i
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--posts", type=int, default=1800)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    posts = generate(args.posts, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for post in posts:
            f.write(json.dumps(post, ensure_ascii=False) + "\n")
    labelled = sum(len(p["spans"]) for p in posts)  # type: ignore[arg-type]
    print(f"wrote {len(posts)} posts with {labelled} labelled spans to {args.out}")


if __name__ == "__main__":
    main()
