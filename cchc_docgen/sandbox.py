"""The Jinja environment every Word template renders in, and the budget it renders under.

A drafter's template is code from outside: Jinja's immutable sandbox already keeps it from
Python's internals, from the view's data and from other files. Two things the sandbox does
not bound are time and memory: ``range`` is capped at 100,000 items, but two nested loops
make ten billion steps, and ``'x' * 2000000000`` asks for gigabytes in one go. So a render
runs under a budget, checked cooperatively (no signals: batch renders in worker processes,
and the library may run in any thread): every loop step, call and filter checks the clock,
and every operation that can make a value larger than its inputs (``*``, ``**``, ``+``,
``%``, ``~``, ``join``, ``replace``, padding…) checks the size it is about to make before
making it. The output is counted as it is produced.

Whether a template can produce markup (``|safe``, autoescape off, macros…) is also read
here, from its syntax tree: only a template that cannot is spared the XML check of each
document (see ``rendering``).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment, safe_range

from .view import Block

# -- the limits of one render. The shipped template fills a 5,000-task plan with 1.5 million
# characters in under 0.1 s (measured); a drafter's own may do twenty times the work and still
# pass, while a runaway loop stops in seconds and a runaway string long before the memory of
# an office PC is gone. --
TIME_BUDGET_S = 10.0
MAX_TEXT_MB = 32  # -- the output, and any one value made on the way (characters) --
MAX_TEXT = MAX_TEXT_MB * 1024 * 1024
MAX_INT_BITS = 100_000  # -- about 30,000 digits: far past any count or date --
_CHECK_EVERY = 64  # -- loop steps between two looks at the clock --


class OverBudget(Exception):
    """A render went past a limit; ``what`` is the drafter's sentence naming it."""

    def __init__(self, what: str):
        self.what = what
        super().__init__(what)


def _too_long() -> OverBudget:
    return OverBudget(f"mẫu Word tạo quá {MAX_TEXT_MB} MB văn bản")


@dataclasses.dataclass
class _Budget:
    deadline: float
    steps: int = 0

    def tick(self) -> None:
        self.steps += 1
        if self.steps % _CHECK_EVERY == 0 and time.monotonic() > self.deadline:
            raise OverBudget(f"mẫu Word chạy quá {TIME_BUDGET_S:g} giây")

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise OverBudget(f"mẫu Word chạy quá {TIME_BUDGET_S:g} giây")


_BUDGET: ContextVar[_Budget | None] = ContextVar("cchc_template_budget", default=None)


def _tick() -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.tick()


def render(template: jinja2.Template, context: dict[str, Any]) -> str:
    """``template`` filled with ``context`` within the time and size budget: what
    ``Template.render`` does, with the output counted as it is made (loops and calls watch
    the clock)."""
    token = _BUDGET.set(_Budget(time.monotonic() + TIME_BUDGET_S))
    try:
        out: list[str] = []
        append = out.append
        made = 0
        for piece in template.root_render_func(template.new_context(context)):
            made += len(piece)
            if made > MAX_TEXT:
                raise _too_long()
            append(piece)
        return "".join(out)
    except Exception:
        template.environment.handle_exception()  # -- re-raised with the template's own line numbers --
        raise
    finally:
        _BUDGET.reset(token)


# -- sizes, estimated before a value is made --
def _size(value: Any, limit: int = MAX_TEXT) -> int:
    """About how many characters ``value`` prints as; stops counting past ``limit``."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, (list, tuple)):
        total = 2
        for item in value:
            total += _size(item, limit) + 2
            if total > limit:
                break
        return total
    if isinstance(value, int) and not isinstance(value, bool):
        return value.bit_length() // 3 + 1
    return 32


def _guard(size: int) -> None:
    if size > MAX_TEXT:
        raise _too_long()


def _guard_int(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise OverBudget(f"mẫu Word tính ra một số quá lớn (hơn {MAX_INT_BITS:,} bit)")


_WIDTH = re.compile(r"\d+")


def _format_widths(text: Any) -> int:
    """The widest padding a %-style or {}-style format string asks for."""
    if not isinstance(text, str):
        return 0
    return max((int(n) if len(n) < 12 else 10**12 for n in _WIDTH.findall(text)), default=0)


def _binop_size(operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        for sequence, count in ((left, right), (right, left)):
            if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
                _guard(_size(sequence) * max(count, 0))
        if isinstance(left, int) and isinstance(right, int):
            _guard_int(1 << min(abs(left).bit_length() + abs(right).bit_length(), MAX_INT_BITS + 1))
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
            _guard_int(1 << min(abs(left).bit_length() * right, MAX_INT_BITS + 1))
    elif operator == "+":
        if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            _guard(_size(left) + _size(right))
    elif operator == "%" and isinstance(left, str):
        _guard(len(left) + _format_widths(left) + _size(right))


def _call_size(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Before a method of a string is called: what it would make (padding, join, replace, format)."""
    target = getattr(function, "__wrapped__", function)
    owner = getattr(target, "__self__", None)
    if not isinstance(owner, str):
        return
    name = getattr(target, "__name__", "")
    values = [*args, *kwargs.values()]
    if name in ("ljust", "rjust", "center", "zfill", "expandtabs"):
        _guard(max([len(owner), *(v for v in values if isinstance(v, int))]) + len(owner) * 8 * (name == "expandtabs"))
    elif name == "join" and args:
        items = list(args[0]) if not isinstance(args[0], str) else args[0]
        _guard(_size(items) + len(owner) * len(items))
    elif name == "replace" and len(args) >= 2:
        _guard(_replace_size(owner, args[0], args[1]))
    elif name in ("format", "format_map"):
        _guard(len(owner) + _format_widths(owner) + sum(_size(v) for v in values))


def _range_size(args: tuple[Any, ...]) -> None:
    """``range()`` is capped by Jinja's sandbox (with an English message): said in Vietnamese."""
    try:
        too_many = len(range(*args)) > MAX_RANGE
    except OverflowError:
        too_many = True
    except TypeError:
        return  # -- range's own message for range('a') --
    if too_many:
        raise OverBudget(f"mẫu Word đòi một dãy range() hơn {MAX_RANGE:,} số")


def _replace_size(text: Any, old: Any, new: Any) -> int:
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return 0
    count = text.count(old) if old else len(text) + 1
    return len(text) + count * max(len(new) - len(old), 0)


# -- filters, each checked before and after --
def _filter_size(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    if name in ("center", "indent", "wordwrap", "truncate", "batch", "slice"):
        for argument in (*args, *kwargs.values()):
            if isinstance(argument, int) and not isinstance(argument, bool):
                _guard(argument)
    if name == "join":
        items = value if isinstance(value, (list, tuple, str)) else list(value) if isinstance(value, Iterable) else []
        separator = args[0] if args else kwargs.get("d", "")
        _guard(_size(items) + _size(separator) * len(items))
    elif name == "replace" and len(args) >= 2:
        _guard(_replace_size(value, args[0], args[1]))
    elif name == "indent" and isinstance(value, str):
        width = args[0] if args else kwargs.get("width", 4)
        _guard(len(value) + (value.count("\n") + 1) * (width if isinstance(width, int) else _size(width)))
    elif name == "wordwrap" and isinstance(value, str):
        wrap = kwargs.get("wrapstring") or (args[2] if len(args) > 2 else None) or "\n"
        _guard(len(value) * (1 + _size(wrap)))
    elif name == "format" and isinstance(value, str):
        _guard(len(value) + _format_widths(value) + sum(_size(v) for v in (*args, *kwargs.values())))


def _checked_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    passes = getattr(function, "jinja_pass_arg", None) is not None

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        _tick()
        value, rest = (args[1], args[2:]) if passes and len(args) > 1 else (args[0] if args else None, args[1:])
        _filter_size(name, value, rest, kwargs)
        result = function(*args, **kwargs)
        if isinstance(result, (str, list, tuple)):
            _guard(_size(result))
        return result

    return checked


def _urlize_as_text(value: Any, *args: Any, **kwargs: Any) -> str:
    """``urlize`` makes HTML links, which have no place inside a Word text run: the address
    is printed as it is written."""
    return str(value)


def _budgeted(iterable: Any) -> Iterator[Any]:
    """What a template's ``{% for %}`` walks: the same items, one clock tick each."""
    budget = _BUDGET.get()
    for item in iterable:
        if budget is not None:
            budget.tick()
        yield item


@jinja2.pass_eval_context
def _concat(eval_context: Any, pieces: list[Any]) -> str:
    """``a ~ b``, as Jinja joins it, once its size is known to be within the budget."""
    _guard(sum(_size(piece) for piece in pieces))
    return (markup_join if eval_context.autoescape else str_join)(pieces)  # type: ignore[no-any-return]


_LOOP, _CONCAT, _SIZED = "·vòng lặp", "·nối chuỗi", "·cỡ"  # -- not names a template can write: only our rewrite uses them --


class _NoFiles(jinja2.BaseLoader):
    """A Word template is one file: ``include``, ``import`` and ``extends`` may not read others."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, None]:
        raise jinja2.TemplateNotFound(template)


class Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, bounded (see the module's docstring), with one shortcut: a
    template reads ``b.kind``, ``b.text`` and ``b.label`` for every paragraph, and the
    sandbox's generic checks on each read cost more than the rest of the template. Those
    fields of a Block are plain strings, safe by construction; every other attribute of
    anything goes through the full checks."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self) -> None:
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=True, loader=_NoFiles())
        self.globals.pop("lipsum", None)  # -- HTML paragraphs of Latin: nothing a plan needs --
        self.filters["urlize"] = _urlize_as_text
        self.filters = {name: _checked_filter(name, function) for name, function in self.filters.items()}
        self.filters[_LOOP] = _budgeted
        self.filters[_CONCAT] = _concat
        self.filters[_SIZED] = _sized_value

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is Block and attribute in _BLOCK_FIELDS:
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        _tick()
        _binop_size(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _BUDGET.get()
        if budget is not None:
            budget.check_time()
        if __obj is safe_range:
            _range_size(args)
        _call_size(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, (str, list, tuple, dict)):
            _guard(_size(result))
        return result

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template's syntax tree, with every loop walked through the budget and every
        ``~`` sized before it is made."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, _LOOP, [], [], None, None, lineno=loop.lineno)
        _rewrite_literals(tree)
        return tree


def _rewrite_literals(node: nodes.Node) -> None:
    """Every ``~`` and every list, tuple or dict written in the template, sized when made:
    ``[s, s, s, …]`` of a long ``s`` would otherwise be printed into gigabytes in one go."""
    for child in node.iter_child_nodes():  # -- inner ones first: a wrapper is never wrapped again --
        _rewrite_literals(child)
    for field in node.fields:
        value = getattr(node, field, None)
        if isinstance(value, nodes.Node) and _sized_literal(value):
            setattr(node, field, _sized(value))
        elif isinstance(value, list):
            value[:] = [_sized(item) if isinstance(item, nodes.Node) and _sized_literal(item) else item for item in value]


def _sized_literal(node: nodes.Node) -> bool:
    return isinstance(node, (nodes.Concat, nodes.Dict)) or (isinstance(node, (nodes.List, nodes.Tuple)) and getattr(node, "ctx", "load") == "load")


def _sized(node: nodes.Node) -> nodes.Filter:
    if isinstance(node, nodes.Concat):
        return nodes.Filter(nodes.List(node.nodes, lineno=node.lineno), _CONCAT, [], [], None, None, lineno=node.lineno)
    return nodes.Filter(node, _SIZED, [], [], None, None, lineno=node.lineno)


def _sized_value(value: Any) -> Any:
    _guard(_size(value))
    return value


_BLOCK_FIELDS = frozenset(field.name for field in dataclasses.fields(Block))


def environment() -> jinja2.Environment:
    """Strict, escaping, sandboxed, bounded: what every template (ours or a drafter's) renders in."""
    return Sandbox()


# -- what can make a template print markup rather than escaped text --
_MARKUP_FILTERS = {"safe": "|safe", "xmlattr": "|xmlattr", "tojson": "|tojson", "map": "|map"}
_MARKUP_NODES: dict[type[nodes.Node], str] = {
    nodes.EvalContextModifier: "{% autoescape %}",
    nodes.ScopedEvalContextModifier: "{% autoescape %}",
    nodes.Macro: "{% macro %}",
    nodes.CallBlock: "{% call %}",
    nodes.AssignBlock: "{% set %}…{% endset %}",
    nodes.Block: "{% block %}",
    nodes.Extends: "{% extends %}",
}


def markup_sources(environment: jinja2.Environment, source: str) -> list[str]:
    """Each construct in ``source`` that can print something other than escaped text: with
    none of them, every value a template prints is escaped, whatever the plan says."""
    found: dict[str, None] = {}
    for node in environment.parse(source).find_all(nodes.Node):
        if isinstance(node, nodes.Filter) and node.name in _MARKUP_FILTERS:
            found[_MARKUP_FILTERS[node.name]] = None
        elif type(node) in _MARKUP_NODES:
            found[_MARKUP_NODES[type(node)]] = None
    return list(found)

