"""The layers of the package, checked from the source with ``ast``.

The README's "Architecture" section shows the layers; this test keeps them true:
no import cycles, no import from a lower layer into a higher one, the library never
imports the CLI (typer, rich), ``render/`` never loads data, and ``models.py`` imports
nothing of letterkit. Imports under ``if TYPE_CHECKING:`` are for type hints only and do
not count. A function-local import of letterkit's own modules is not allowed at all:
only heavy third-party imports are deferred (for start-up time), each with a comment.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "letterkit"

# Lowest first. A module belongs to the first entry that its dotted name starts with.
LAYERS: list[tuple[int, tuple[str, ...]]] = [
    (0, ("errors", "i18n", "paths", "resources", "limits", "fsutil", "textfile", "text", "dates")),
    (0, ("memo",)),  # answers kept in the user's cache directory
    (0, ("collector",)),  # the cyclic garbage collector paused for a bounded job
    (1, ("models",)),
    (2, ("names", "address", "guidance", "international", "translit_ru")),
    (3, ("records", "directory")),
    (
        4,
        (
            "store",
            "recordstore",
            "profile",
            "userdata",
            "letterlog",
            "datacheck",
            "render",
            "update",
        ),
    ),
    (5, ("targets", "lookup", "writing", "batch", "preview", "editor")),
    (6, ("cli", "web", "__main__")),
]

# Third-party libraries a function may import late, to keep `letterkit --help` fast
# (tests/test_i18n_help.py and benchmarks/bench.py measure what --help imports).
DEFERRABLE = {
    "reportlab",
    "openpyxl",
    "python_calamine",
    "charset_normalizer",
    "jinja2",
    "babel",
    "pypdfium2",
    "pytrovich",
    "iuliia",
    "pymorphy3",
    "pymorphy3_dicts_ru",  # its dictionary, opened with pymorphy3
    "filelock",  # imported when a file is first locked: a letter locks nothing
    "rich",
    "tomlkit",
    "fontpkg",
}


@dataclass(frozen=True)
class Import:
    source: str  # importing module, dotted, without the "letterkit." prefix
    target: str  # imported module, full dotted name
    line: int
    local: bool  # inside a function
    block: tuple[int, int]  # first and last line of its run of import statements


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts) or "__init__"] = path
    return out


MODULES = _modules()


def _resolve(module: str, path: Path, node: ast.ImportFrom | ast.Import) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join(["letterkit", *package, *([base] if base else [])])
    names = []
    for alias in node.names:
        candidate = f"{base}.{alias.name}"
        short = candidate.removeprefix("letterkit.")
        names.append(candidate if short in MODULES else base)
    return names


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports() -> Iterator[Import]:
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))

        def visit(node: ast.AST, local: bool, module=module, path=path) -> Iterator[Import]:
            body = [
                child
                for field in ("body", "orelse", "finalbody", "handlers")
                if isinstance(getattr(node, field, None), list)
                for child in getattr(node, field)
            ]
            others = [c for c in ast.iter_child_nodes(node) if c not in body]
            start = None
            for child in body + others:
                if _is_type_checking(child):
                    start = None
                    continue
                inner = local or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
                if isinstance(child, ast.Import | ast.ImportFrom):
                    start = start or child.lineno
                    for target in _resolve(module, path, child):
                        yield Import(
                            module, target, child.lineno, inner, (start, child.end_lineno or 0)
                        )
                else:
                    start = None
                yield from visit(child, inner)

        yield from visit(tree, False)


IMPORTS = list(_imports())


def _own(imp: Import) -> str | None:
    """The letterkit module an import names, without the prefix (None: third-party)."""
    if imp.target == "letterkit":
        return "__init__"
    if not imp.target.startswith("letterkit."):
        return None
    name = imp.target.removeprefix("letterkit.")
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _says_why(imp: Import) -> bool:
    """A comment on the line above the import's run of imports, or on one of its lines."""
    lines = MODULES[imp.source].read_text(encoding="utf-8").splitlines()
    first, last = imp.block
    return any("#" in line for line in lines[max(first - 2, 0) : last])


def layer(module: str) -> int:
    top = module.split(".")[0]
    for number, names in LAYERS:
        if top in names:
            return number
    raise AssertionError(f"letterkit.{module} is in no layer: add it to LAYERS and the README")


def _edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in MODULES}
    for imp in IMPORTS:
        target = _own(imp)
        if target and target != imp.source and target != "__init__":
            edges[imp.source].add(target)
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def connect(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            connect(v)
    return found


def test_every_module_is_in_a_layer() -> None:
    for module in MODULES:
        if module != "__init__":
            layer(module)


def test_no_import_cycles() -> None:
    assert _cycles(_edges()) == []


def test_no_import_from_a_lower_layer_to_a_higher_one() -> None:
    wrong = [
        f"letterkit.{imp.source} (L{layer(imp.source)}) imports {imp.target} "
        f"(L{layer(_own(imp))}) at line {imp.line}"
        for imp in IMPORTS
        if imp.source != "__init__"
        and _own(imp) not in (None, "__init__")
        and layer(_own(imp)) > layer(imp.source)
    ]
    assert wrong == []


def test_no_function_local_import_of_letterkit_modules() -> None:
    """Below the CLI, never. A command may import the library inside its function, so
    that `letterkit --help` and Tab completion stay fast, and says so in a comment."""
    local = [
        f"letterkit.{imp.source}:{imp.line} imports {imp.target} inside a function"
        for imp in IMPORTS
        if imp.local and _own(imp) is not None and (layer(imp.source) < 6 or not _says_why(imp))
    ]
    assert local == []


def test_function_local_third_party_imports_are_heavy_ones_and_say_why() -> None:
    wrong = []
    for imp in IMPORTS:
        top = imp.target.split(".")[0]
        if not imp.local or _own(imp) is not None or top in sys.stdlib_module_names:
            continue
        if top not in DEFERRABLE or not _says_why(imp):
            wrong.append(f"letterkit.{imp.source}:{imp.line} defers {imp.target}")
    assert wrong == []


@pytest.mark.parametrize("library", ["typer", "rich", "click"])
def test_only_the_cli_imports_the_terminal_libraries(library: str) -> None:
    users = sorted(
        {
            imp.source
            for imp in IMPORTS
            if imp.target.split(".")[0] == library and layer(imp.source) < 6
        }
    )
    assert users == []


def test_render_never_loads_data() -> None:
    wrong = [
        f"letterkit.{imp.source} imports {imp.target}"
        for imp in IMPORTS
        if imp.source.startswith("render")
        and (_own(imp) or "").split(".")[0] in ("store", "records", "directory", "batch")
    ]
    assert wrong == []


def test_models_import_nothing_of_letterkit() -> None:
    assert [imp.target for imp in IMPORTS if imp.source == "models" and _own(imp)] == []


def test_the_analysis_sees_imports() -> None:
    """The checks above would pass on an empty list: make sure they read real imports."""
    edges = _edges()
    assert "models" in edges["records"]
    assert any(target.startswith("address") for target in edges["targets"])
    assert len(IMPORTS) > 200
