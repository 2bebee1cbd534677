"""Letter guidance: the rules as data, the letter checker, the Russian letter templates.

The rules, their texts in Russian and English, their sources and the parameters of the
automatic checks live in ``data/guidance.toml``; this package only loads and applies them.

    >>> from letterkit.guidance import check_text, render_template
    >>> body = render_template("first-letter", make_context(first_name="Александр", ...))
    >>> check_text(body, has_return_address=True).has_problems
    False

Modules: ``rules`` (loading and looking up rules), ``terms`` (term patterns, the compiled
checks), ``checker`` (``check_text``), ``plaintext`` (text for e-letters), ``templates``
(the jinja2 letter templates), ``person`` (what applies to one person). jinja2 and babel
are imported inside the functions that need them, so importing this package stays cheap.
"""

from __future__ import annotations

from letterkit.guidance.checker import CheckResult, Finding, check_text, estimate_pages
from letterkit.guidance.person import PersonGuide, facility_type, person_guide
from letterkit.guidance.plaintext import plain_text
from letterkit.guidance.rules import (
    CHECK_KINDS,
    SEVERITIES,
    Rule,
    get_rule,
    guidance_file,
    load_rules,
    rule_sections,
    section_title,
    top_rules,
)
from letterkit.guidance.rules import (
    _load as _load,  # the cached loader; tests check it loads once
)
from letterkit.guidance.templates import (
    CONTEXT_FIELDS,
    TEMPLATE_SUFFIX,
    TemplateInfo,
    list_templates,
    make_context,
    render_template,
)
from letterkit.guidance.templates import (
    _environment as _environment,  # the cached jinja2 sandbox; tests clear and inspect it
)
from letterkit.guidance.terms import compile_terms

__all__ = [
    "CHECK_KINDS",
    "CONTEXT_FIELDS",
    "SEVERITIES",
    "TEMPLATE_SUFFIX",
    "CheckResult",
    "Finding",
    "PersonGuide",
    "Rule",
    "TemplateInfo",
    "check_text",
    "compile_terms",
    "estimate_pages",
    "facility_type",
    "get_rule",
    "guidance_file",
    "list_templates",
    "load_rules",
    "make_context",
    "person_guide",
    "plain_text",
    "render_template",
    "rule_sections",
    "section_title",
    "top_rules",
]
