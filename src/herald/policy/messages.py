"""What the policy loader says about a pack, in Turkish, Spanish and English, by stable code.

Templates use ``str.format`` fields filled from a problem's arguments. A list argument is
joined with commas; ``{name:or}`` joins it as alternatives ("'a', 'b' or 'c'") in the
reader's language. Numbers are written the reader's way (1,000 / 1.000).
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from typing import Any

from herald.types import LANGUAGES

ProblemArg = str | int | float | list[str]
"""Argument values stay JSON-friendly so APIs can return them next to the code."""

DEFAULT_LANG = "en"

MESSAGES: dict[str, dict[str, str]] = {
    # -- reading the file ------------------------------------------------------------------
    "no_such_file": {
        "en": "no such file",
        "tr": "böyle bir dosya yok",
        "es": "no existe el archivo",
    },
    "unreadable_file": {
        "en": "cannot read the file: {reason}",
        "tr": "dosya okunamıyor: {reason}",
        "es": "no se puede leer el archivo: {reason}",
    },
    "empty_directory": {
        "en": "the directory holds no .yaml files",
        "tr": "dizinde hiç .yaml dosyası yok",
        "es": "el directorio no contiene archivos .yaml",
    },
    "file_too_large": {
        "en": "the file is larger than {limit_mb} MB",
        "tr": "dosya {limit_mb} MB sınırını aşıyor",
        "es": "el archivo supera los {limit_mb} MB",
    },
    "binary_file": {
        "en": "the file is binary, not YAML text",
        "tr": "dosya YAML metni değil, ikili veri",
        "es": "el archivo es binario, no texto YAML",
    },
    "not_utf8": {
        "en": "the file is not valid UTF-8 text",
        "tr": "dosya geçerli bir UTF-8 metni değil",
        "es": "el archivo no es texto UTF-8 válido",
    },
    "empty_file": {
        "en": "the file is empty",
        "tr": "dosya boş",
        "es": "el archivo está vacío",
    },
    # -- listening queries -------------------------------------------------------------------
    "duplicate_query_id": {
        "en": "listening query id '{id}' is used twice",
        "tr": "'{id}' dinleme sorgusu kimliği iki kez kullanılmış",
        "es": "el id de consulta de escucha '{id}' está repetido",
    },
    "query_unclosed_quote": {
        "en": "the query has an unclosed quote at character {position}",
        "tr": "sorguda {position}. karakterdeki tırnak kapanmamış",
        "es": "la consulta tiene comillas sin cerrar en el carácter {position}",
    },
    "query_unclosed_parenthesis": {
        "en": "the parenthesis at character {position} is never closed",
        "tr": "{position}. karakterdeki parantez kapanmamış",
        "es": "el paréntesis del carácter {position} no se cierra",
    },
    "query_unopened_parenthesis": {
        "en": "the parenthesis at character {position} closes nothing",
        "tr": "{position}. karakterdeki parantez hiçbir şeyi kapatmıyor",
        "es": "el paréntesis del carácter {position} no cierra nada",
    },
    "query_empty_parentheses": {
        "en": "empty parentheses at character {position}",
        "tr": "{position}. karakterde boş parantez",
        "es": "paréntesis vacíos en el carácter {position}",
    },
    "query_missing_operand": {
        "en": "a term is missing at character {position} (after AND, OR or NOT?)",
        "tr": "{position}. karakterde bir terim eksik (AND, OR veya NOT sonrasında mı?)",
        "es": "falta un término en el carácter {position} (¿tras AND, OR o NOT?)",
    },
    "query_empty_query": {
        "en": "the query is empty",
        "tr": "sorgu boş",
        "es": "la consulta está vacía",
    },
    "query_empty_term": {
        "en": "the term at character {position} has no letters or digits",
        "tr": "{position}. karakterdeki terimde harf ya da rakam yok",
        "es": "el término del carácter {position} no tiene letras ni dígitos",
    },
    "query_bad_tag": {
        "en": "'{term}' at character {position} is not a hashtag or handle",
        "tr": "{position}. karakterdeki '{term}' geçerli bir etiket ya da kullanıcı adı değil",
        "es": "'{term}' en el carácter {position} no es un hashtag ni un usuario",
    },
    "query_unknown_field": {
        "en": "unknown field '{field}:' at character {position}; use lang:, network: or author:",
        "tr": "{position}. karakterde bilinmeyen alan '{field}:'; lang:, network: ya da author: kullanın",
        "es": "campo desconocido '{field}:' en el carácter {position}; use lang:, network: o author:",
    },
    "query_empty_field": {
        "en": "'{field}:' at character {position} has no value",
        "tr": "{position}. karakterdeki '{field}:' alanının değeri yok",
        "es": "'{field}:' en el carácter {position} no tiene valor",
    },
    "query_unknown_language": {
        "en": "unknown language '{value}' at character {position}; use tr, es, en or other",
        "tr": "{position}. karakterde bilinmeyen dil '{value}'; tr, es, en ya da other kullanın",
        "es": "idioma desconocido '{value}' en el carácter {position}; use tr, es, en u other",
    },
    "query_too_deep": {
        "en": "the query nests deeper than {limit} levels at character {position}",
        "tr": "sorgu {position}. karakterde {limit} düzeyden derin iç içe geçiyor",
        "es": "la consulta anida más de {limit} niveles en el carácter {position}",
    },
    "query_too_many_terms": {
        "en": "the query has more than {limit} terms",
        "tr": "sorguda {limit} terimden fazlası var",
        "es": "la consulta tiene más de {limit} términos",
    },
    "query_query_too_long": {
        "en": "the query is longer than {limit} characters",
        "tr": "sorgu {limit} karakterden uzun",
        "es": "la consulta supera los {limit} caracteres",
    },
    "query_unexpected": {
        "en": "unexpected '{token}' at character {position}",
        "tr": "{position}. karakterde beklenmeyen '{token}'",
        "es": "'{token}' inesperado en el carácter {position}",
    },
    # -- YAML --------------------------------------------------------------------------------
    "yaml_alias": {
        "en": "YAML aliases (*name) are not allowed in a policy pack; write the value out",
        "tr": "politika paketinde YAML takma adları (*ad) kullanılamaz; değeri açıkça yazın",
        "es": "los alias de YAML (*nombre) no se admiten en un paquete; escriba el valor",
    },
    "yaml_tag": {
        "en": "YAML tag {tag!r} is not allowed; write plain text, numbers, lists and mappings",
        "tr": "{tag!r} YAML etiketine izin verilmiyor; düz metin, sayı, liste ve eşlem yazın",
        "es": "la etiqueta YAML {tag!r} no se admite; use texto, números, listas y mapas",
    },
    "yaml_bad_scalar": {
        "en": "this value cannot be read: {reason}",
        "tr": "bu değer okunamıyor: {reason}",
        "es": "no se puede leer este valor: {reason}",
    },
    "yaml_too_deep": {
        "en": "the YAML is nested more than {limit} levels deep",
        "tr": "YAML {limit} düzeyden daha derin iç içe",
        "es": "el YAML tiene más de {limit} niveles de anidamiento",
    },
    "yaml_too_many_nodes": {
        "en": "the YAML holds more than {limit} values",
        "tr": "YAML {limit} değerden fazlasını içeriyor",
        "es": "el YAML contiene más de {limit} valores",
    },
    "yaml_too_large": {
        "en": "the pack is larger than {limit} characters",
        "tr": "paket {limit} karakterden büyük",
        "es": "el paquete supera los {limit} caracteres",
    },
    "yaml_syntax": {
        "en": "YAML syntax error: {reason}",
        "tr": "YAML söz dizimi hatası: {reason}",
        "es": "error de sintaxis YAML: {reason}",
    },
    "yaml_error": {
        "en": "YAML error: {reason}",
        "tr": "YAML hatası: {reason}",
        "es": "error de YAML: {reason}",
    },
    "key_not_text": {
        "en": "keys must be plain text",
        "tr": "anahtarlar düz metin olmalı",
        "es": "las claves deben ser texto simple",
    },
    "duplicate_key": {
        "en": "duplicate key {key!r}",
        "tr": "yinelenen anahtar: {key!r}",
        "es": "clave duplicada: {key!r}",
    },
    "not_a_mapping": {
        "en": "a policy pack is a mapping (key: value) at the top",
        "tr": "politika paketinin en üst düzeyi bir eşleme (anahtar: değer) olmalı",
        "es": "un paquete de políticas es un mapa (clave: valor) en el nivel superior",
    },
    # -- the schema --------------------------------------------------------------------------
    "unsupported_schema_version": {
        "en": "unsupported schema version {version}; this Herald reads version {supported}",
        "tr": "desteklenmeyen şema sürümü: {version}; bu Herald yalnızca şu sürümü okur: {supported}",
        "es": "versión de esquema no admitida: {version}; este Herald lee la versión {supported}",
    },
    "unknown_field": {
        "en": "unknown field {field!r}",
        "tr": "bilinmeyen alan: {field!r}",
        "es": "campo desconocido: {field!r}",
    },
    "missing_field": {
        "en": "missing field {field!r}",
        "tr": "eksik alan: {field!r}",
        "es": "falta el campo {field!r}",
    },
    "unknown_rule_type": {
        "en": "unknown rule type {type!r}; expected one of: {expected}",
        "tr": "bilinmeyen kural türü: {type!r}; şunlardan biri olmalı: {expected}",
        "es": "tipo de regla desconocido: {type!r}; se espera uno de: {expected}",
    },
    "missing_rule_type": {
        "en": "missing field 'type' (one of: {expected})",
        "tr": "'type' alanı eksik (şunlardan biri: {expected})",
        "es": "falta el campo 'type' (uno de: {expected})",
    },
    "bad_id": {
        "en": "an id uses lower-case letters, digits, '.', '-' and '_' "
        "and starts with a letter or digit",
        "tr": "kimlikte yalnızca küçük harf, rakam, '.', '-' ve '_' kullanılır "
        "ve kimlik bir harf ya da rakamla başlar",
        "es": "un id usa minúsculas, dígitos, '.', '-' y '_' y empieza por una letra o un dígito",
    },
    "pattern_mismatch": {
        "en": "{field}: String should match pattern {pattern!r}",
        "tr": "{field}: değer şu kalıba uymalı: {pattern!r}",
        "es": "{field}: el texto debe seguir el patrón {pattern!r}",
    },
    "not_one_of": {
        "en": "{field}: Input should be {allowed:or}",
        "tr": "{field}: şunlardan biri olmalı: {allowed:or}",
        "es": "{field}: debe ser {allowed:or}",
    },
    "not_text": {
        "en": "{field}: Input should be a valid string",
        "tr": "{field}: metin olmalı",
        "es": "{field}: debe ser texto",
    },
    "not_integer": {
        "en": "{field}: Input should be a valid integer",
        "tr": "{field}: tam sayı olmalı",
        "es": "{field}: debe ser un número entero",
    },
    "not_number": {
        "en": "{field}: Input should be a valid number",
        "tr": "{field}: sayı olmalı",
        "es": "{field}: debe ser un número",
    },
    "not_boolean": {
        "en": "{field}: Input should be a valid boolean",
        "tr": "{field}: true ya da false olmalı",
        "es": "{field}: debe ser true o false",
    },
    "not_list": {
        "en": "{field}: Input should be a valid list",
        "tr": "{field}: liste olmalı",
        "es": "{field}: debe ser una lista",
    },
    "not_mapping": {
        "en": "{field}: Input should be a valid dictionary",
        "tr": "{field}: eşleme (anahtar: değer) olmalı",
        "es": "{field}: debe ser un mapa (clave: valor)",
    },
    "too_small": {
        "en": "{field}: Input should be greater than or equal to {limit}",
        "tr": "{field}: en az {limit} olmalı",
        "es": "{field}: debe ser mayor o igual que {limit}",
    },
    "too_big": {
        "en": "{field}: Input should be less than or equal to {limit}",
        "tr": "{field}: en çok {limit} olmalı",
        "es": "{field}: debe ser menor o igual que {limit}",
    },
    "empty_value": {
        "en": "{field}: must not be empty",
        "tr": "{field}: boş olamaz",
        "es": "{field}: no puede estar vacío",
    },
    "text_too_long": {
        "en": "{field}: String should have at most {limit} characters",
        "tr": "{field}: en çok {limit} karakter olabilir",
        "es": "{field}: admite como máximo {limit} caracteres",
    },
    "invalid_value": {
        "en": "{field}: {reason}",
        "tr": "{field}: geçersiz değer ({reason})",
        "es": "{field}: valor no válido ({reason})",
    },
    "message_missing": {
        "en": "message is missing for language(s): {languages}",
        "tr": "şu dil(ler) için mesaj eksik: {languages}",
        "es": "falta el mensaje para estos idiomas: {languages}",
    },
    "matcher_empty": {
        "en": "{field}: give at least one of terms, patterns or hashtags",
        "tr": "{field}: terms, patterns ya da hashtags alanlarından en az birini verin",
        "es": "{field}: indique al menos uno de terms, patterns o hashtags",
    },
    # -- rules across files ------------------------------------------------------------------
    "duplicate_rule_id": {
        "en": "duplicate rule id {id!r}",
        "tr": "yinelenen kural kimliği: {id!r}",
        "es": "id de regla duplicado: {id!r}",
    },
    "unknown_reply_variable": {
        "en": "unknown variable(s) {names} in the reply; a reply may use {expected}",
        "tr": "yanıtta bilinmeyen değişken(ler): {names}; bir yanıt şunları kullanabilir: {expected}",
        "es": "variable(s) desconocida(s) {names} en la respuesta; una respuesta puede usar {expected}",
    },
    "unknown_disable": {
        "en": "no inherited rule {id!r} to disable",
        "tr": "devre dışı bırakılacak miras kural yok: {id!r}",
        "es": "no hay ninguna regla heredada {id!r} que desactivar",
    },
    "unknown_example_rule": {
        "en": "examples for an unknown rule: {id}",
        "tr": "bilinmeyen bir kural için örnekler: {id}",
        "es": "ejemplos para una regla desconocida: {id}",
    },
    "unknown_override": {
        "en": "no inherited rule {id!r} to override",
        "tr": "değiştirilecek miras kural yok: {id!r}",
        "es": "no hay ninguna regla heredada {id!r} que modificar",
    },
    "params_only_detector": {
        "en": "only detector rules take params",
        "tr": "params yalnızca detector türündeki kurallarda kullanılır",
        "es": "solo las reglas de tipo detector admiten params",
    },
    "min_score_only_detector": {
        "en": "only detector rules take min_score",
        "tr": "min_score yalnızca detector türündeki kurallarda kullanılır",
        "es": "solo las reglas de tipo detector admiten min_score",
    },
    "too_many_rules": {
        "en": "the pack has {count} rules; at most {limit} are allowed",
        "tr": "pakette {count} kural var; en fazla {limit} kurala izin verilir",
        "es": "el paquete tiene {count} reglas; se admiten como máximo {limit}",
    },
    "extends_loop": {
        "en": "packs extend each other in a loop: {chain}",
        "tr": "paketler birbirini döngüsel olarak genişletiyor: {chain}",
        "es": "los paquetes se extienden entre sí en un bucle: {chain}",
    },
    "extends_upload": {
        "en": "an uploaded pack can extend only a built-in pack (herald:…), not {ref!r}",
        "tr": "yüklenen bir paket yalnızca yerleşik bir paketi (herald:…) genişletebilir, {ref!r} değil",
        "es": "un paquete subido solo puede extender un paquete integrado (herald:…), no {ref!r}",
    },
    "extends_outside": {
        "en": "{ref!r} must be a relative path inside the pack's directory (no absolute path, no '..')",
        "tr": "{ref!r} paketin dizini içinde göreli bir yol olmalı (mutlak yol ve '..' olmaz)",
        "es": "{ref!r} debe ser una ruta relativa dentro del directorio del paquete (sin rutas absolutas ni '..')",
    },
    "not_regular_file": {
        "en": "not a regular file",
        "tr": "olağan bir dosya değil",
        "es": "no es un archivo normal",
    },
    "unknown_builtin_pack": {
        "en": "unknown built-in pack {ref!r}; known: {known}",
        "tr": "bilinmeyen yerleşik paket: {ref!r}; bilinenler: {known}",
        "es": "paquete integrado desconocido: {ref!r}; conocidos: {known}",
    },
    # -- compiling rules ---------------------------------------------------------------------
    "max_below_min": {
        "en": "max is smaller than min",
        "tr": "max değeri min değerinden küçük",
        "es": "max es menor que min",
    },
    "regex_empty": {
        "en": "the pattern is empty",
        "tr": "kalıp boş",
        "es": "el patrón está vacío",
    },
    "regex_too_long": {
        "en": "the pattern is longer than {limit} characters",
        "tr": "kalıp {limit} karakterden uzun",
        "es": "el patrón tiene más de {limit} caracteres",
    },
    "regex_invalid": {
        "en": "invalid regular expression: {reason}",
        "tr": "geçersiz düzenli ifade: {reason}",
        "es": "expresión regular no válida: {reason}",
    },
    "regex_invalid_at": {
        "en": "invalid regular expression: {reason} (at character {offset})",
        "tr": "geçersiz düzenli ifade: {reason} (karakter {offset})",
        "es": "expresión regular no válida: {reason} (en el carácter {offset})",
    },
    "regex_matches_empty": {
        "en": "the pattern matches empty text, so it would match everywhere",
        "tr": "kalıp boş metinle eşleşiyor, yani her yerde eşleşirdi",
        "es": "el patrón coincide con texto vacío, así que coincidiría en todas partes",
    },
    "regex_nested": {
        "en": "the pattern nests repetitions (like (a+)+), which can take exponential time; "
        "rewrite it without a repeated group that itself repeats",
        "tr": "kalıpta iç içe tekrarlar var ((a+)+ gibi), bu üstel süre alabilir; "
        "kendisi de tekrarlanan bir grubu tekrarlamadan yeniden yazın",
        "es": "el patrón anida repeticiones (como (a+)+), lo que puede tardar un tiempo "
        "exponencial; reescríbalo sin un grupo repetido que a su vez se repita",
    },
    "regex_slow": {
        "en": "the pattern takes too long on a simple input (catastrophic backtracking)",
        "tr": "kalıp basit bir girdide çok uzun sürüyor (aşırı geri izleme)",
        "es": "el patrón tarda demasiado con una entrada sencilla (retroceso catastrófico)",
    },
    "unknown_detector": {
        "en": "unknown detector {detector!r}; known: {known}",
        "tr": "bilinmeyen dedektör: {detector!r}; bilinenler: {known}",
        "es": "detector desconocido: {detector!r}; conocidos: {known}",
    },
    "unknown_parameter": {
        "en": "unknown parameter {name!r} for detector {detector!r}",
        "tr": "bilinmeyen parametre: {name!r} (dedektör: {detector!r})",
        "es": "parámetro desconocido {name!r} para el detector {detector!r}",
    },
    "unknown_entities": {
        "en": "detector {detector!r} has no entity {entities}; it emits: {known}",
        "tr": "{detector!r} dedektöründe böyle bir varlık yok: {entities}; ürettikleri: {known}",
        "es": "el detector {detector!r} no tiene la entidad {entities}; emite: {known}",
    },
}

_OR = {"en": "or", "tr": "veya", "es": "o"}


class _Formatter(string.Formatter):
    """``str.format`` that writes numbers and lists the way ``lang`` does."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Sequence) and not isinstance(value, str):
            items = [str(v) for v in value]
            if format_spec == "or":
                quoted = [repr(v) for v in items]
                if len(quoted) < 2:
                    return "".join(quoted)
                return f"{', '.join(quoted[:-1])} {_OR[self.lang]} {quoted[-1]}"
            return ", ".join(items)
        if isinstance(value, int | float) and not isinstance(value, bool) and not format_spec:
            from babel.numbers import format_decimal  # on use: only problems show numbers

            return format_decimal(value, locale=self.lang)
        return str(super().format_field(value, format_spec))


def render(code: str, args: Mapping[str, ProblemArg], lang: str = DEFAULT_LANG) -> str:
    """The message for ``code`` in ``lang`` (English for other languages).

    Never raises: a code the catalogue does not know renders as its ``text`` argument (or
    the code itself), and a template its arguments do not fit falls back to English.
    """
    templates = MESSAGES.get(code)
    if templates is None:
        return str(args.get("text", code))
    wanted = lang if lang in LANGUAGES else DEFAULT_LANG
    for candidate in dict.fromkeys((wanted, DEFAULT_LANG)):
        try:
            return _Formatter(candidate).format(templates[candidate], **args)
        except (KeyError, IndexError, ValueError, TypeError):
            continue
    return f"{code}: {dict(args)}"
