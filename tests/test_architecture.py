"""Shape of the code base: migdal_core imports without cycles, knows nothing of the web app, and no
file in it grows past 500 lines; core tests do not import the web app either."""

import ast
import importlib
import importlib.util
import pkgutil
from pathlib import Path

import pytest

import migdal_core

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "migdal_core"
WEB_PACKAGES = ("dash", "flask", "flask_caching", "plotly", "components", "app")
MAX_LINES = 500


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


CORE_FILES = sorted(CORE.rglob("*.py"))
CORE_MODULES = {_module_name(path): path for path in CORE_FILES}


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a parent that is not a package
        return False


def _imported_names(path: Path) -> set[str]:
    """Every module named by an import anywhere in the file (function-level imports too)."""
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:  # `from pkg import module` names the module, `from pkg import f` pkg
                submodule = f"{base}.{alias.name}"
                names.add(submodule if submodule in CORE_MODULES or _is_module(submodule) else base)
    return names


def _core_edges(path: Path) -> set[str]:
    """Core modules this file imports (a package's own submodules count as themselves)."""
    return {name for name in _imported_names(path) if name in CORE_MODULES} - {_module_name(path)}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of ``graph`` as a list of modules, or None (depth-first search)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return stack[stack.index(target) :] + [target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_no_import_cycle_in_migdal_core():
    graph = {name: _core_edges(path) for name, path in CORE_MODULES.items()}
    assert _cycle(graph) is None


@pytest.mark.parametrize("name", sorted(CORE_MODULES))
def test_every_core_module_imports_and_knows_no_web_code(name):
    if not name.endswith("__main__"):  # running __main__ would start the CLI
        importlib.import_module(name)
    web = {n for n in _imported_names(CORE_MODULES[name]) if n.split(".")[0] in WEB_PACKAGES}
    assert not web, f"{name} imports {sorted(web)}"


def test_every_core_module_is_found_by_pkgutil():
    walked = {m.name for m in pkgutil.walk_packages(migdal_core.__path__, "migdal_core.")}
    assert walked | {"migdal_core"} == set(CORE_MODULES)


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_core_file_over_500_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


def _core_tests() -> list[Path]:
    """Tests of the numerics: named after a core module (test_vertex.py, test_tables_*.py, ...)."""
    stems = {name.split(".")[-1] for name in CORE_MODULES} | {"tables", "cli", "peers"}
    return [
        path
        for path in sorted((ROOT / "tests").glob("test_*.py"))
        if path.stem.removeprefix("test_").split("_")[0] in stems
    ]


@pytest.mark.parametrize("path", _core_tests(), ids=lambda p: p.name)
def test_core_tests_do_not_import_the_web_app(path):
    web = {n for n in _imported_names(path) if n.split(".")[0] in WEB_PACKAGES}
    assert not web, f"{path.name} imports {sorted(web)}"
