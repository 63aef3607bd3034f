#!/usr/bin/env python3
"""The portal's architecture rules, checked on the source code (no Django, no imports run).

1. The kernel (`portal/`) imports no app: not by an import statement, not by
   `importlib.import_module`, `__import__` or Django's `import_string`. The apps are the
   folders beside `portal/` that hold an `apps.py`.
2. Module heads tell the truth: no import inside a function, except in `AppConfig.ready()`,
   in migrations, and in the documented exceptions: at most five, each with its reason, in
   pyproject.toml under [tool.check-architecture] allowed-local-imports (an entry that
   matches no import any more is reported, so the list cannot go stale).
3. No import cycles between the project's modules. The graph takes every import, those in
   functions too (a cycle hidden in a function is still a cycle), but not those under
   `if TYPE_CHECKING:`, which never run.

    python scripts/check_architecture.py [--root DIRECTORY]

Prints one line per violation, `path:line: message`, and exits with 1 if there is any.
"""

import argparse
import ast
import os
import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

KERNEL = "portal"
# Directories that are not the project's code.
SKIPPED_DIRECTORIES = {"node_modules", "__pycache__", "media", "static", "var"}
MAX_ALLOWED = 5
CONFIG = "pyproject.toml"
IMPORT_FUNCTIONS = {"import_module", "__import__", "import_string"}


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Import:
    path: str
    line: int
    target: str  # the absolute dotted name imported (a module, or a module's attribute)
    function: str | None  # the enclosing function's qualified name, None at module level
    allowed_place: bool  # in AppConfig.ready() or a migration
    dynamic: bool = False  # by importlib & co., with a name that may be computed


def python_files(root):
    for directory, subdirectories, files in os.walk(root):
        # Pruned in place: neither the virtualenv nor node_modules is walked.
        subdirectories[:] = sorted(name for name in subdirectories
                                   if not name.startswith(".") and name not in SKIPPED_DIRECTORIES)
        for name in sorted(files):
            if name.endswith(".py"):
                yield (Path(directory) / name).relative_to(root)


def module_name(relative):
    parts = list(relative.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def apps_of(root):
    """The app folders: top-level packages with an apps.py, the kernel aside."""
    return sorted(path.parent.name for path in root.glob("*/apps.py")
                  if path.parent.name != KERNEL)


def _is_type_checking(node):
    test = node.test
    return ((isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
            or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"))


def _is_app_config(node):
    return any((isinstance(base, ast.Name) and base.id.endswith("AppConfig"))
               or (isinstance(base, ast.Attribute) and base.attr.endswith("AppConfig"))
               for base in node.bases)


class ImportCollector(ast.NodeVisitor):
    def __init__(self, relative, module, is_package):
        self.path = relative.as_posix()
        self.module = module
        self.is_package = is_package
        self.in_migration = "migrations" in relative.parts
        self.scope = []  # (kind, name, is_app_config) from the outside in
        self.imports = []

    def _function(self):
        functions = [name for kind, name, _ in self.scope if kind == "function"]
        if not functions:
            return None
        return ".".join(name for _, name, _ in self.scope)

    def _allowed_place(self):
        if self.in_migration:
            return True
        # The innermost function is ready() and a method of an AppConfig.
        return (len(self.scope) >= 2 and self.scope[-1][:2] == ("function", "ready")
                and self.scope[-2][0] == "class" and self.scope[-2][2])

    def _add(self, node, target, dynamic=False):
        self.imports.append(Import(self.path, node.lineno, target, self._function(),
                                   self._allowed_place(), dynamic))

    def _scoped(self, kind, node, is_app_config=False):
        self.scope.append((kind, getattr(node, "name", "<lambda>"), is_app_config))
        self.generic_visit(node)
        self.scope.pop()

    def visit_ClassDef(self, node):
        self._scoped("class", node, _is_app_config(node))

    def visit_FunctionDef(self, node):
        self._scoped("function", node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        self._scoped("function", node)

    def visit_If(self, node):
        if _is_type_checking(node):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node):
        for alias in node.names:
            self._add(node, alias.name)

    def visit_ImportFrom(self, node):
        base = node.module or ""
        if node.level:
            package = self.module.split(".") if self.is_package else self.module.split(".")[:-1]
            package = package[:len(package) - (node.level - 1)]
            base = ".".join([*package, base] if base else package)
        for alias in node.names:
            self._add(node, f"{base}.{alias.name}" if alias.name != "*" else base)

    def visit_Call(self, node):
        function = node.func
        name = (function.id if isinstance(function, ast.Name)
                else function.attr if isinstance(function, ast.Attribute) else None)
        if name in IMPORT_FUNCTIONS and node.args:
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                self._add(node, argument.value, dynamic=True)
            else:
                self._add(node, "", dynamic=True)
        self.generic_visit(node)


def collect(root):
    """{module: (relative path, [Import])} for every Python file of the project."""
    modules = {}
    for relative in python_files(root):
        source = (root / relative).read_text(encoding="utf-8")
        module = module_name(relative)
        collector = ImportCollector(relative, module, relative.name == "__init__.py")
        collector.visit(ast.parse(source, filename=str(relative)))
        modules[module] = (relative.as_posix(), collector.imports)
    return modules


def resolve(target, modules):
    """The project module an import reaches (the longest known prefix), or None."""
    while target:
        if target in modules:
            return target
        if "." not in target:
            return None
        target = target.rsplit(".", 1)[0]
    return None


def kernel_imports_apps(modules, apps):
    violations = []
    for module, (_, imports) in modules.items():
        if module.split(".")[0] != KERNEL:
            continue
        for found in imports:
            top = found.target.split(".")[0]
            if found.dynamic and not found.target:
                violations.append(Violation(found.path, found.line, (
                    "portal/ imports a module whose name is computed: the kernel must not "
                    "import apps (use an extension point, portal/extensions.py)")))
            elif top in apps:
                violations.append(Violation(found.path, found.line, (
                    f"portal/ imports the app {top!r} ({found.target}): the kernel imports "
                    "no app; let the app register with an extension point "
                    "(portal/extensions.py)")))
    return violations


def local_imports(modules, allowed):
    violations = []
    used = set()
    for _, imports in modules.values():
        for found in imports:
            if found.function is None or found.allowed_place:
                continue
            key = (found.path, found.function)
            if key in allowed:
                used.add(key)
                continue
            what = found.target or "a computed name"
            violations.append(Violation(found.path, found.line, (
                f"function-local import of {what} in {found.function}(): move it to the "
                "module head (if that makes a cycle, move the code to where it belongs)")))
    for path, function in sorted(set(allowed) - used):
        violations.append(Violation(CONFIG, 1, (
            f"allowed-local-imports entry ({path}, {function}) matches no import: "
            "remove it")))
    return violations


def graph_of(modules):
    """{module: {imported module: first Import}} between the project's modules."""
    edges = defaultdict(dict)
    for module, (_, imports) in modules.items():
        for found in imports:
            target = resolve(found.target, modules)
            if target is not None and target != module:
                edges[module].setdefault(target, found)
    return edges


def strongly_connected(edges, nodes):
    """Tarjan's algorithm, iteratively: the components with more than one module."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    counter = 0
    for start in sorted(nodes):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return sorted(components)


def shortest_cycle(edges, component):
    """One shortest cycle through the component's first module, as a list of modules."""
    members = set(component)
    start = component[0]
    previous = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(edges.get(node, ())):
            if child == start:
                path = [node]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if child in members and child not in previous:
                previous[child] = node
                queue.append(child)
    return component


def import_cycles(modules):
    edges = graph_of(modules)
    violations = []
    for component in strongly_connected(edges, modules):
        cycle = shortest_cycle(edges, component)
        steps = [edges[a][b] for a, b in zip(cycle, cycle[1:], strict=False)]
        first = steps[0]
        where = "; ".join(f"{step.path}:{step.line} imports {b}"
                          for step, b in zip(steps, cycle[1:], strict=False))
        others = sorted(set(component) - set(cycle))
        also = f" (in the same tangle: {', '.join(others)})" if others else ""
        violations.append(Violation(first.path, first.line, (
            f"import cycle {' -> '.join(cycle)}: {where}{also}")))
    return violations


def allowed_local_imports(root):
    """{(file, function): reason} from the project's pyproject.toml."""
    config = root / CONFIG
    if not config.exists():
        return {}
    with config.open("rb") as handle:
        section = tomllib.load(handle).get("tool", {}).get("check-architecture", {})
    return {(entry["file"], entry["function"]): entry["reason"]
            for entry in section.get("allowed-local-imports", [])}


def check(root):
    allowed = allowed_local_imports(root)
    if len(allowed) > MAX_ALLOWED:
        return [Violation(CONFIG, 1, (
            f"{len(allowed)} allowed function-local imports: at most {MAX_ALLOWED}"))]
    if not all(reason.strip() for reason in allowed.values()):
        return [Violation(CONFIG, 1, "each allowed function-local import needs its reason")]
    modules = collect(root)
    apps = apps_of(root)
    return (kernel_imports_apps(modules, apps) + local_imports(modules, allowed)
            + import_cycles(modules))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the project's directory (default: this repository)")
    arguments = parser.parse_args(argv)
    violations = check(arguments.root.resolve())
    for violation in sorted(violations, key=lambda v: (v.path, v.line, v.message)):
        print(violation)
    if violations:
        print(f"Architecture check failed: {len(violations)} violation(s).", file=sys.stderr)
        return 1
    print("Architecture check passed: portal/ imports no app, module heads tell the truth, "
          "no import cycles.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
