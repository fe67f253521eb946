#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Checks the rule of doc/memory-safety.md: an ns3::Object subclass is never
a member or local by value, never made with `new`, `Create<T>()`,
`std::make_unique/make_shared` or held in a std container by value: always
Ptr<T> from CreateObject<T>() or an ObjectFactory.

Only CreateObject and ObjectFactory call ObjectBase::ConstructSelf(), which
sets every attribute to its initial value; an Object made any other way
keeps whatever its constructor left (PcapFileWrapper's capture size, for
one, is then uninitialised).

The Object subclasses are found by reading the class declarations of the
installed ns-3 headers and of the module. Exit 0 when no violation is
found, 1 with one `file:line: ...` per violation, 2 on a usage error.

    check-object-creation.py [--list | --self-test] NS3_INCLUDE_DIR SOURCE_DIR

--list prints the Object subclasses found; --self-test checks that each
kind of violation below is found and that the right ways pass.
"""
import os
import re
import sys

CLASS_RE = re.compile(
    r"\b(?:class|struct)\s+(?:NS3_EXPORT\s+|\[\[\w+\]\]\s+)?(\w+)\s*(?:final\s*)?(?::\s*([^{;]*))?\{")
NAMESPACE_RE = re.compile(r"\bnamespace\s+(\w+)")
ACCESS_RE = re.compile(r"\b(?:public|protected|private|virtual)\b")
SCAN_FOLDERS = ("model", "helper", "test", "examples")
SOURCE_SUFFIXES = (".h", ".cc")


def strip_comments_and_strings(text):
    """Blanks comments and string/char literals, keeping line numbers."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            k = text.find("(", i)
            delim = ")" + text[i + 2:k] + '"'
            j = text.find(delim, k)
            j = n if j < 0 else j + len(delim)
            out.append('""' + "\n" * text.count("\n", i, j))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def base_names(bases):
    names = []
    depth, current = 0, ""
    for ch in bases:
        if ch == "<":
            depth += 1
        elif ch == ">":
            depth -= 1
        elif ch == "," and depth == 0:
            names.append(current)
            current = ""
            continue
        if depth == 0 and ch not in "<>":
            current += ch
    names.append(current)
    result = []
    for name in names:
        name = ACCESS_RE.sub("", name).strip()
        if name:
            result.append(name.split("::")[-1].strip())
    return result


def read_classes(paths, parents, namespaces):
    for path in paths:
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                text = strip_comments_and_strings(f.read())
        except OSError:
            continue
        file_namespaces = set(NAMESPACE_RE.findall(text))
        for m in CLASS_RE.finditer(text):
            parents.setdefault(m.group(1), set()).update(base_names(m.group(2) or ""))
            namespaces.setdefault(m.group(1), set()).update(file_namespaces)


def local_non_objects(text, objects):
    """Classes a file defines itself that are no Objects (a test's
    `struct Probe`): the name means that class there."""
    shadowed = set()
    for m in CLASS_RE.finditer(text):
        if m.group(1) in objects and not set(base_names(m.group(2) or "")) & objects:
            shadowed.add(m.group(1))
    return shadowed


def object_classes(parents):
    objects = {"Object"}
    changed = True
    while changed:
        changed = False
        for cls, bases in parents.items():
            if cls not in objects and bases & objects:
                objects.add(cls)
                changed = True
    return objects


def source_files(root):
    for folder in SCAN_FOLDERS:
        for dirpath, _, files in os.walk(os.path.join(root, folder)):
            for name in sorted(files):
                if name.endswith(SOURCE_SUFFIXES):
                    yield os.path.join(dirpath, name)


def is_object(use, objects, namespaces):
    """A use qualified only by namespaces its class is declared in: YAML::Node
    is not ns3::Node."""
    parts = use.replace(" ", "").split("::")
    return parts[-1] in objects and set(parts[:-1]) <= namespaces.get(parts[-1], set())


def violation_patterns(objects):
    names = "|".join(sorted((re.escape(o) for o in objects), key=len, reverse=True))
    t = r"(?<![\w:])(?:\w+::)*(?:%s)\b" % names
    return [
        ("by value", re.compile(
            r"(?<![\w:<>,*&.])(?:(?:static|mutable|const|inline)\s+)*(%s)\s+(?:const\s+)?[A-Za-z_]\w*\s*(?:;|=|\(|\{|\[|,)" % t)),
        ("new", re.compile(r"\bnew\s+(%s)" % t)),
        # ObjectFactory::Create<T>() (after . or ->) is the right way.
        ("Create<T>()", re.compile(r"(?<![\w:.>])(?:ns3::)?Create<\s*(%s)\s*>" % t)),
        ("by value in a std type", re.compile(r"\bstd::\w+<\s*(%s)\s*[,>]" % t)),
    ]


# (snippet, violations expected) for --self-test.
SELF_TEST = [
    ("PcapFileWrapper m_pcap;", 1),
    ("    static ns3::Node node;", 1),
    ("Ptr<Node> n = new Node();", 1),
    ("Ptr<Node> n = Create<Node>();", 1),
    ("auto d = std::make_shared<ldp::Protocol>();", 1),
    ("std::vector<PcapFileWrapper> captures;", 1),
    ("Ptr<PcapFileWrapper> m_pcap;", 0),
    ("Ptr<Node> n = CreateObject<Node>();", 0),
    ("Ptr<ldp::Protocol> p = m_factory.Create<ldp::Protocol>();", 0),
    ("const Node& node = *n;", 0),
    ("void Attach(Node* node, ldp::Protocol& p);", 0),
    ("YAML::Node root = YAML::Load(text); // a Node by value", 0),
    ('Ptr<Packet> p = Create<Packet>(); std::string s = "Node n;";', 0),
    ("std::vector<Ptr<Node>> nodes;", 0),
]


def scan(text, patterns, objects, namespaces):
    """(line number, message) of each violation in a source text."""
    found = []
    text = strip_comments_and_strings(text)
    shadowed = local_non_objects(text, objects)
    if shadowed:
        patterns = violation_patterns(objects - shadowed)
    for lineno, line in enumerate(text.split("\n"), 1):
        for what, pattern in patterns:
            for m in pattern.finditer(line):
                if is_object(m.group(1), objects, namespaces):
                    found.append((lineno, "%s %s" % (m.group(1).strip(), what)))
    return found


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.stderr.write(__doc__)
        return 2
    include_dir, root = args
    headers = []
    for dirpath, _, files in os.walk(include_dir):
        headers += [os.path.join(dirpath, f) for f in files if f.endswith(".h")]
    if not headers:
        sys.stderr.write("check-object-creation: no ns-3 headers in %s\n" % include_dir)
        return 2
    parents = {}
    namespaces = {}
    read_classes(headers, parents, namespaces)
    own = list(source_files(root))
    read_classes([p for p in own if p.endswith(".h")], parents, namespaces)
    objects = object_classes(parents)
    if "--list" in argv:
        print("\n".join(sorted(objects)))
        return 0
    patterns = violation_patterns(objects)
    if "--self-test" in argv:
        failures = 0
        for snippet, expected in SELF_TEST:
            got = len(scan(snippet, patterns, objects, namespaces))
            if got != expected:
                failures += 1
                print("self-test: %r: %d violation(s), expected %d" % (snippet, got, expected))
        print("self-test: %d of %d snippets as expected" % (len(SELF_TEST) - failures, len(SELF_TEST)))
        return 1 if failures else 0
    found = 0
    for path in own:
        with open(path, encoding="utf-8", errors="replace") as f:
            violations = scan(f.read(), patterns, objects, namespaces)
        for lineno, what in violations:
            print("%s:%d: %s: use Ptr<T> from CreateObject<T>() or an ObjectFactory"
                  % (os.path.relpath(path, root), lineno, what))
        found += len(violations)
    if found:
        print("%d violation(s) of the Object creation rule (doc/memory-safety.md)" % found)
        return 1
    print("check-object-creation: %d Object subclasses, %d files, no violation"
          % (len(objects), len(own)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
