#!/usr/bin/env python3
"""The message catalog is complete and current (docs/language.md).

Fails, naming each culprit, when
- po/govscore.pot differs from what po/extract.sh extracts from the code now
  (a message was added or changed without running po/update.sh);
- po/zh_CN.po lacks a msgid of the template, leaves one untranslated, or
  marks one fuzzy (msgmerge's guess, which msgfmt leaves out of the build);
- a translation does not use exactly the placeholders {0}, {1} … of its msgid
  (an argument would be lost, or one that does not exist asked for).

Usage: po_check.py SOURCE_DIR
"""
import re
import subprocess
import sys


def unquote(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == '\\':
            out.append({'n': '\n', 't': '\t', '"': '"', '\\': '\\'}[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return ''.join(out)


def entries(path):
    """(msgid, msgstr, fuzzy) of every live entry, the header excluded."""
    found, current, key, fuzzy = [], {}, None, False

    def finish():
        nonlocal current, fuzzy
        if 'msgid' in current and current['msgid'] != '':
            found.append((current['msgid'], current.get('msgstr', ''), fuzzy))
        current, fuzzy = {}, False

    for line in open(path, encoding='utf-8').read().split('\n') + ['']:
        if line.startswith('#~'):
            continue  # obsolete entries are kept by msgmerge, never built
        if line.startswith('#,') and 'fuzzy' in line:
            fuzzy = True
        elif line.startswith('msgid '):
            key = 'msgid'
            current[key] = unquote(line[7:-1])
        elif line.startswith('msgstr '):
            key = 'msgstr'
            current[key] = unquote(line[8:-1])
        elif line.startswith('"') and key:
            current[key] += unquote(line[1:-1])
        elif line.strip() == '':
            finish()
            key = None
    return found


def main():
    source = sys.argv[1]
    problems = []
    with open(f'{source}/po/govscore.pot', encoding='utf-8') as f:
        stored = f.read()
    extracted = subprocess.run([f'{source}/po/extract.sh'], capture_output=True, text=True, check=True).stdout
    if stored != extracted:
        problems.append('po/govscore.pot is out of date with the code: run po/update.sh and translate what it adds')

    template = {m for m, _, _ in entries(f'{source}/po/govscore.pot')}
    placeholder = re.compile(r'\{[0-9]+\}')
    chinese = {}
    for msgid, msgstr, fuzzy in entries(f'{source}/po/zh_CN.po'):
        chinese[msgid] = msgstr
        if fuzzy:
            problems.append(f'po/zh_CN.po: fuzzy (check and remove the mark): {msgid!r}')
        elif msgstr == '':
            problems.append(f'po/zh_CN.po: no Chinese text: {msgid!r}')
        elif set(placeholder.findall(msgid)) != set(placeholder.findall(msgstr)):
            problems.append(f'po/zh_CN.po: placeholders differ from the msgid\'s: {msgid!r} → {msgstr!r}')
    for msgid in sorted(template - chinese.keys()):
        problems.append(f'po/zh_CN.po lacks (run po/update.sh): {msgid!r}')
    if not template:
        problems.append('po/govscore.pot holds no message')

    for p in problems:
        print(p)
    print(f'{len(template)} messages, {len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
