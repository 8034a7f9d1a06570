#!/usr/bin/env python3
"""Summarises the CPU samples of a JFR recording (jdk.ExecutionSample): share of samples by thread group and the
hottest frames of our own code and of the libraries, to say what is in the way when a target is missed.
Usage: jfr print --events jdk.ExecutionSample rec.jfr | support/benchmarks/jfr-summary.py [top-n]"""
import re
import sys
from collections import Counter

TOP = int(sys.argv[1]) if len(sys.argv) > 1 else 25
threads, top_frames, own_frames, packages = Counter(), Counter(), Counter(), Counter()
total = 0
thread, stack = None, []


def group(name):
    name = re.sub(r'[-#]?\d+', '#', name)
    return name


def flush():
    global total
    if thread is None or not stack:
        return
    total += 1
    threads[group(thread)] += 1
    top_frames[stack[0]] += 1
    own = next((f for f in stack if f.startswith('io.switchboard.')), None)
    if own:
        own_frames[own] += 1
    pkg = '.'.join(stack[0].split('(')[0].split('.')[:3])
    packages[pkg] += 1


in_stack = False
for line in sys.stdin:
    line = line.rstrip()
    if line.startswith('jdk.ExecutionSample'):
        flush()
        thread, stack, in_stack = None, [], False
    elif 'sampledThread = ' in line:
        m = re.search(r'sampledThread = "([^"]*)"', line)
        thread = m.group(1) if m else '?'
    elif line.strip().startswith('stackTrace = ['):
        in_stack = True
    elif in_stack and line.strip() == ']':
        in_stack = False
    elif in_stack and line.strip() and not line.strip().startswith('...'):
        stack.append(re.sub(r'\s+line:.*$', '', line.strip()))
flush()

print(f'{total} samples')
for title, counter in (('by thread', threads), ('by package of the top frame', packages),
                       ('top frames', top_frames), ('innermost io.switchboard frame', own_frames)):
    print(f'\n## {title}')
    for key, n in counter.most_common(TOP):
        print(f'{100.0 * n / max(total, 1):5.1f}%  {key}')
