"""The listening-query language: a parser with positioned errors, compiled to a matcher.

Grammar (operators are upper-case words; anything else is a term)::

    query   := or
    or      := and ("OR" and)*
    and     := unary (["AND"] unary)*          # juxtaposition is AND
    unary   := ("NOT" | "-") unary | primary
    primary := "(" query ")" | '"' phrase '"' | field ":" value | term

A term is a word ("akbank"), a hashtag ("#akbank") or a handle ("@akbank"). Fields:
``lang:tr|es|en|other``, ``network:<name>``, ``author:<handle>``. Words and phrases match
on the folded text with Turkish inflection ("Akbank'ın" matches ``akbank``, "Garantí"
matches ``garanti``); hashtags and handles match whole tags, case- and accent-folded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import regex

from herald.text.fold import fold_term
from herald.text.lexicon import TermMatcher

MAX_QUERY_CHARS = 4000
MAX_DEPTH = 32
"""Parentheses and NOTs nested deeper than this are refused (hostile input)."""
MAX_TERMS = 500
LANG_VALUES = ("tr", "es", "en", "other")
FIELDS = ("lang", "network", "author")
_OPERATORS = ("AND", "OR", "NOT")
_TAG = regex.compile(r"[#@][\p{L}\p{N}_]+")
_BARE = regex.compile(r"[^\s()\"]+")
_NAME = regex.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


class QuerySyntaxError(ValueError):
    """A query that cannot be parsed: a stable ``code``, its ``args`` and a 0-based
    ``position`` in the query text."""

    def __init__(self, code: str, position: int, **args: str) -> None:
        self.code = code
        self.position = position
        self.details = args
        detail = ", ".join(f"{k}={v!r}" for k, v in args.items())
        super().__init__(f"{code} at position {position + 1}" + (f" ({detail})" if detail else ""))


# -- the syntax tree ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    """Folded word or phrase; hashtags and handles keep their '#' or '@'."""
    phrase: bool = False


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    value: str


@dataclass(frozen=True, slots=True)
class Not:
    operand: Node


@dataclass(frozen=True, slots=True)
class And:
    operands: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    operands: tuple[Node, ...]


Node = Term | Field | Not | And | Or


# -- tokens -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    """'(' ')' 'op' 'phrase' 'word' or 'end'."""
    text: str
    position: int


def _tokens(query: str) -> list[_Token]:
    out: list[_Token] = []
    i = 0
    while i < len(query):
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            out.append(_Token(ch, ch, i))
            i += 1
        elif ch == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QuerySyntaxError("unclosed_quote", i)
            out.append(_Token("phrase", query[i + 1 : end], i))
            i = end + 1
        else:
            m = _BARE.match(query, i)
            assert m is not None  # a non-space, non-bracket, non-quote character
            word = m.group()
            kind = "op" if word in _OPERATORS else "word"
            if word.startswith("-") and len(word) > 1:  # "-spam" is NOT spam
                out.append(_Token("op", "NOT", i))
                word, i = word[1:], i + 1
                kind = "word"
            out.append(_Token(kind, word, i))
            i += len(word)
    out.append(_Token("end", "", len(query)))
    return out


# -- the parser ---------------------------------------------------------------------------


class _Parser:
    def __init__(self, query: str) -> None:
        self.tokens = _tokens(query)
        self.i = 0
        self.depth = 0
        self.terms = 0

    def peek(self) -> _Token:
        return self.tokens[self.i]

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self) -> Node:
        if self.peek().kind == "end":
            raise QuerySyntaxError("empty_query", 0)
        node = self.or_()
        token = self.peek()
        if token.kind == ")":
            raise QuerySyntaxError("unopened_parenthesis", token.position)
        if token.kind != "end":  # pragma: no cover - and_() consumes everything else
            raise QuerySyntaxError("unexpected", token.position, token=token.text)
        return node

    def or_(self) -> Node:
        operands = [self.and_()]
        while self.peek().kind == "op" and self.peek().text == "OR":
            self.take()
            operands.append(self.and_())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def and_(self) -> Node:
        operands = [self.unary()]
        while True:
            token = self.peek()
            if token.kind in ("end", ")") or (token.kind == "op" and token.text == "OR"):
                break
            if token.kind == "op" and token.text == "AND":
                self.take()
            operands.append(self.unary())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def unary(self) -> Node:
        token = self.peek()
        if token.kind == "op" and token.text == "NOT":
            self.take()
            with_depth = self._deeper(token)
            operand = self.unary()
            self.depth = with_depth
            return Not(operand)
        return self.primary()

    def _deeper(self, token: _Token) -> int:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QuerySyntaxError("too_deep", token.position, limit=str(MAX_DEPTH))
        return self.depth - 1

    def primary(self) -> Node:
        token = self.take()
        if token.kind == "(":
            previous = self._deeper(token)
            if self.peek().kind == ")":
                raise QuerySyntaxError("empty_parentheses", token.position)
            node = self.or_()
            if self.take().kind != ")":
                raise QuerySyntaxError("unclosed_parenthesis", token.position)
            self.depth = previous
            return node
        if token.kind == "phrase":
            return self._term(token, token.text, phrase=True)
        if token.kind == "word":
            return self._word(token)
        if token.kind == "end":
            raise QuerySyntaxError("missing_operand", token.position)
        if token.kind == ")":
            raise QuerySyntaxError("unopened_parenthesis", token.position)
        raise QuerySyntaxError("missing_operand", token.position, token=token.text)

    def _word(self, token: _Token) -> Node:
        name, sep, value = token.text.partition(":")
        if sep and name.lower() in FIELDS:
            return self._field(token, name.lower(), value)
        if sep and not token.text.startswith(("#", "@")) and _NAME.match(name.lower()):
            raise QuerySyntaxError("unknown_field", token.position, field=name)
        return self._term(token, token.text, phrase=False)

    def _field(self, token: _Token, name: str, value: str) -> Field:
        value = value.strip()
        if not value:
            raise QuerySyntaxError("empty_field", token.position, field=name)
        if name == "lang":
            value = value.lower()
            if value not in LANG_VALUES:
                raise QuerySyntaxError("unknown_language", token.position, value=value)
        elif name == "author":
            value = fold_term(value.lstrip("@"))
        else:
            value = value.lower()
        return Field(name, value)

    def _term(self, token: _Token, text: str, *, phrase: bool) -> Term:
        folded = " ".join(fold_term(text).split())
        if not any(ch.isalnum() for ch in folded):
            raise QuerySyntaxError("empty_term", token.position)
        if folded[0] in "#@" and (phrase or not _TAG.fullmatch(folded)):
            raise QuerySyntaxError("bad_tag", token.position, term=text)
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise QuerySyntaxError("too_many_terms", token.position, limit=str(MAX_TERMS))
        return Term(folded, phrase=phrase or " " in folded)


def parse_query(query: str) -> Node:
    """The syntax tree of ``query``; raises :class:`QuerySyntaxError` with a position."""
    if len(query) > MAX_QUERY_CHARS:
        raise QuerySyntaxError("query_too_long", MAX_QUERY_CHARS, limit=str(MAX_QUERY_CHARS))
    return _Parser(query).parse()


def terms_of(node: Node) -> list[Term]:
    """Every term of a tree, negated ones included, in order."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Field):
        return []
    if isinstance(node, Not):
        return terms_of(node.operand)
    return [t for child in node.operands for t in terms_of(child)]


# -- matching -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MatchInput:
    """What a query looks at in a mention."""

    folded: str
    """The text folded with :func:`herald.text.fold.fold`."""
    lang: str
    network: str
    author: str
    """Folded handle without a leading '@'."""


@dataclass(frozen=True, slots=True)
class Facts:
    """The terms, tags and fields found in one mention, shared by every query."""

    terms: frozenset[str]
    tags: frozenset[str]
    mention: MatchInput


Predicate = Callable[[Facts], bool]


def _author_is(author: str, wanted: str) -> bool:
    # "@x@instance.social" (Mastodon) is the handle "x" on an instance.
    return author == wanted or author.startswith(wanted + "@")


def _compile(node: Node) -> Predicate:
    if isinstance(node, Term):
        text = node.text
        if text[0] in "#@":
            return lambda f: text in f.tags
        return lambda f: text in f.terms
    if isinstance(node, Field):
        value = node.value
        if node.name == "lang":
            return lambda f: f.mention.lang == value
        if node.name == "network":
            return lambda f: f.mention.network == value
        return lambda f: _author_is(f.mention.author, value)
    if isinstance(node, Not):
        inner = _compile(node.operand)
        return lambda f: not inner(f)
    parts = tuple(_compile(child) for child in node.operands)
    if isinstance(node, And):
        return lambda f: all(p(f) for p in parts)
    return lambda f: any(p(f) for p in parts)


@dataclass(frozen=True, slots=True)
class CompiledQuery:
    id: str
    text: str
    tree: Node
    predicate: Predicate


def compile_query(query_id: str, text: str) -> CompiledQuery:
    tree = parse_query(text)
    return CompiledQuery(query_id, text, tree, _compile(tree))


class QuerySet:
    """Many queries matched together: one pass finds every word and phrase any of them
    uses, then each query's predicate reads the found set.

    Words and phrases are matched by separate matchers because a matcher reports
    non-overlapping matches: "garanti bbva" must not hide the word "garanti".
    """

    def __init__(self, queries: Iterable[CompiledQuery]) -> None:
        self.queries = tuple(queries)
        words: set[str] = set()
        phrases: set[str] = set()
        for query in self.queries:
            for term in terms_of(query.tree):
                if term.text[0] in "#@":
                    continue
                (phrases if term.phrase else words).add(term.text)
        self._words = TermMatcher(words, inflect=True)
        self._phrases = TermMatcher(phrases, inflect=True)

    def facts(self, mention: MatchInput) -> Facts:
        # Most listened-to texts contain a query term, so the prefilter would not pay.
        found = {m.term for m in self._words.finditer(mention.folded, prefilter=False)}
        if self._phrases:
            found.update(m.term for m in self._phrases.finditer(mention.folded, prefilter=False))
        text = mention.folded
        has_tags = "#" in text or "@" in text
        tags = frozenset(_TAG.findall(text)) if has_tags else frozenset[str]()
        return Facts(frozenset(found), tags, mention)

    def match(self, mention: MatchInput) -> list[CompiledQuery]:
        """The queries ``mention`` satisfies, in the order they were given."""
        facts = self.facts(mention)
        return [q for q in self.queries if q.predicate(facts)]
