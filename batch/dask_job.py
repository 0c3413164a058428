#!/usr/bin/env python3
"""Khabar's batch job on Dask: articles to the events export, on a cluster of worker processes.

    dask_job.py [--scheduler tcp://HOST:8786 | --workers N] [--out DIR] <files or folders…>
    dask_job.py [...] --jsonl articles.jsonl [--knowledge FILE]

Each step is the Node command line (`khabar part <step>`, dist/cli.js) run as the worker's
subprocess over one partition, JSON lines in and out:

1. analyze   (map)     articles -> documents: export entry, entity mentions, event frames with keys
2. links     (reduce)  frames shuffled by partition key (a country and a month; an exact figure or a
                       locality where undated reports are), a skewed key cut into chunk pairs -> links
3. (driver)            union-find over the links -> connected parts, packed into groups of frames
4. events    (reduce)  frames shuffled by group -> events, with their place in the export's order
5. assemble            documents and events -> export.json, export.csv, export.geojson

The export equals `khabar export` of the same files (or `khabar analyze --jsonl | khabar link`),
but for its "generated" time. Without --scheduler the job starts a LocalCluster of --workers
processes on this machine, on the loopback interface only. With --scheduler it uses that cluster:
its workers need Node, this repository's dist/ (the same path, or KHABAR_CLI) and, for folders,
the articles at the same paths (a shared file system).
"""
import argparse
from array import array
import json
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CLI = os.environ.get('KHABAR_CLI') or os.path.join(HERE, '..', 'dist', 'cli.js')
NODE = os.environ.get('KHABAR_NODE', 'node')


class StepFailed(RuntimeError):
    """A step's subprocess did not finish its output: the task fails and Dask runs it again."""


def run_step(step, lines, options):
    """Runs `khabar part <step>` over input lines (str), returns its output lines (str) and, last, its
    `done` record (a dict: how much it read, its peak memory, its warnings)."""
    data = ''.join(line + '\n' for line in lines).encode('utf-8')
    proc = subprocess.run([NODE, '--v8-pool-size=1', CLI, 'part', step, *options], input=data, capture_output=True)
    out = proc.stdout.decode('utf-8').splitlines()
    warnings = [w for w in proc.stderr.decode('utf-8').splitlines() if w.strip()]
    done = json.loads(out.pop()) if out and out[-1].startswith('{"done":') else None
    if proc.returncode != 0 or not done:
        raise StepFailed('khabar part %s failed (exit %s): %s' % (step, proc.returncode, ' | '.join(warnings[-5:])))
    done['warnings'] = warnings
    return out + [done]


def is_done(r):
    return isinstance(r, dict)


def dumps(value):
    return json.dumps(value, ensure_ascii=False, separators=(',', ':'))


# -- partitions: lines of text, parsed only where the job must read them ------------------------------

def analyze_partition(records, options):
    return run_step('analyze', [dumps(r) for r in records], options)


def frame_of(line):
    """A frame line of `analyze` (head, tab, record) as (doc, index, undated, parts, record)."""
    head, record = line.split('\t', 1)
    doc, index, undated, parts = json.loads(head)
    return doc, index, undated, parts, record


def link_tasks(counts, chunk):
    """The link tasks and their sizes in frames: a partition key, or a pair of chunks (i <= j) of a
    skewed one of m = ceil(n / chunk) chunks (each frame then goes to m tasks)."""
    tasks = {}
    for part, n in counts.items():
        m = -(-n // chunk)
        for i in range(m):
            for j in range(i, m):
                tasks[(part, i, j)] = n if m == 1 else (n // m + 1) * (1 if i == j else 2)
    return tasks


def pack(sizes, capacity):
    """Packs items (key -> size) into bins of at most `capacity` (or one item, when larger), largest
    first into the first bin it fits: the bin of each key, and the bins' count."""
    loads, bin_of = [], {}
    for key, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        b = next((i for i, load in enumerate(loads) if load + size <= capacity), None)
        if b is None:
            b = len(loads)
            loads.append(0)
        loads[b] += size
        bin_of[key] = b
    return bin_of, max(1, len(loads))


def routes(frame, undated, counts, chunk, bin_of):
    """The link tasks a frame goes to: (bin, (part, i, j), side, record)."""
    doc, index, _, parts, record = frame
    out = []
    for part in parts:
        if not (part.startswith('T|') or part in undated):
            continue
        m = -(-counts[part] // chunk)
        c = 0 if m <= 1 else (doc * 31 + index) % m
        for j in range(m):
            i, k = min(c, j), max(c, j)
            out.append((bin_of[(part, i, k)], (part, i, k), 0 if c == i else 1, record))
    return out


def links_partition(groups, options):
    by_task = {}
    for _, members in groups:
        for r in members:
            by_task.setdefault(r[1], []).append(r)
    lines = []
    for (part, i, j), members in sorted(by_task.items(), key=lambda kv: kv[0]):
        left = ','.join(rec for _, _, side, rec in members if side == 0)
        right = '[%s]' % ','.join(rec for _, _, side, rec in members if side == 1) if i != j else 'null'
        lines.append('{"part":%s,"left":[%s],"right":%s}' % (dumps(part), left, right))
    out = run_step('links', lines, options)
    # Links as six numbers each in one flat array: 48 bytes a link, where lists of them took 150.
    flat = array('d')
    for line in out[:-1]:
        flat.extend(json.loads(line))
    return [flat, out[-1]]


LINK = 6  # numbers a link: later frame (doc, index), earlier frame (doc, index), score, vague-time flags
PRECISE = 1000  # as in server/src/core/linker.ts: a vague frame chooses a link to a precise one first


def links_json(flat):
    """Links (a flat array, six numbers each) as the JSON list `khabar part events` reads."""
    return '[%s]' % ','.join('[%d,%d,%d,%d,%r,%d]' % (flat[k], flat[k + 1], flat[k + 2], flat[k + 3], flat[k + 4], flat[k + 5]) for k in range(0, len(flat), LINK))


def events_partition(groups, links_by_group, options):
    lines = ['{"frames":[%s],"links":%s}' % (','.join(rec for _, rec in members), links_json(links_by_group.get(g, ()))) for g, members in groups]
    return run_step('events', lines, options)


# -- the driver's own work: connected parts -------------------------------------------------------

def frame_key(doc, index):
    """A frame's number: its document's and its position in it (fewer than 4,096 frames a document)."""
    return int(doc) * 4096 + int(index)


def chosen_links(links):
    """The links clustering follows, as `chosenLinks` (server/src/core/partition.ts) chooses them:
    those between frames of precise time, and each frame of vague time's best (one to a frame of
    precise time when it has any, then the highest score, then the other frame first in order). Each task chose among its own links; this chooses among
    all of them. Returns a flat array of the chosen links."""
    best = {}

    def offer(key, score, other, k):
        b = best.get(key)
        if b is None or score > b[0] or (score == b[0] and other < b[1]):
            best[key] = (score, other, k)

    for k in range(0, len(links), LINK):
        flags = int(links[k + 5])
        if flags & 1:
            offer(frame_key(links[k], links[k + 1]), links[k + 4] + (0 if flags & 2 else PRECISE), frame_key(links[k + 2], links[k + 3]), k)
        if flags & 2:
            offer(frame_key(links[k + 2], links[k + 3]), links[k + 4] + (0 if flags & 1 else PRECISE), frame_key(links[k], links[k + 1]), k)
    chosen = set(b[2] for b in best.values())
    del best
    out = array('d')
    for k in range(0, len(links), LINK):
        if not links[k + 5] or k in chosen:
            out.extend(links[k:k + LINK])
    return out


def connected_groups(links, frame_count, chunk):
    """Connected parts of the links (union-find over frames; `links` a flat array, six numbers a
    link), packed into groups of about `chunk` frames (a part larger than that is a group of its own:
    it is clustered whole). Returns (group of each linked frame, links by group, group count, size
    of the largest part)."""
    parent = {}

    def root(x):
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for k in range(0, len(links), LINK):
        ra, rb = root(frame_key(links[k], links[k + 1])), root(frame_key(links[k + 2], links[k + 3]))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
            parent.setdefault(min(ra, rb), min(ra, rb))
    parts = {}
    for x in list(parent):
        parts.setdefault(root(x), []).append(x)
    groups = max(1, -(-frame_count // chunk))
    load = [0] * groups
    group_of = {}
    # Largest parts first, each to the least loaded group: groups of even size.
    for members in sorted(parts.values(), key=len, reverse=True):
        g = min(range(groups), key=load.__getitem__)
        load[g] += len(members)
        for x in members:
            group_of[x] = g
    links_by_group = {}
    for k in range(0, len(links), LINK):
        links_by_group.setdefault(group_of[frame_key(links[k], links[k + 1])], array('d')).extend(links[k:k + LINK])
    return group_of, links_by_group, groups, max(len(p) for p in parts.values()) if parts else 1


# -- inputs -----------------------------------------------------------------------------------------

def list_articles(paths):
    proc = subprocess.run([NODE, CLI, 'part', 'list', *paths], capture_output=True)
    sys.stderr.write(proc.stderr.decode('utf-8'))
    if proc.returncode == 2:
        sys.exit(2)
    return [json.loads(line) for line in proc.stdout.decode('utf-8').splitlines() if line.strip()], proc.returncode != 0


def js_order(s):
    """JavaScript's string order (UTF-16 code units), which `khabar link` sorts ids by."""
    return s.encode('utf-16-be')


def jsonl_records(path):
    """Articles of a JSON lines file with the number `khabar link` orders them by (their ids');
    a repeated id keeps its first line, as `khabar link` does."""
    records, seen, bad = [], set(), False
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                a = json.loads(line)
                key = str(a['id']) if isinstance(a.get('id'), (str, int)) and not isinstance(a.get('id'), bool) else None
            except (ValueError, AttributeError, TypeError, KeyError):
                key = None
            if key is not None and key in seen:
                sys.stderr.write('khabar: %s line %d: %s: duplicate id; skipped\n' % (path, n, json.dumps(a['id'], ensure_ascii=False)))
                bad = True
                continue
            if key is not None:
                seen.add(key)
            records.append((key, n, line))
    order = {k: i for i, k in enumerate(sorted((k for k, _, _ in records if k is not None), key=js_order))}
    # Lines that are no article get numbers too: their step says why they are skipped.
    return [{'seq': order[k] if k is not None else len(order) + n, 'line': n, 'article': json.loads(line) if k is not None else None}
            for k, n, line in records], bad


# -- the job --------------------------------------------------------------------------------------

def kill_one_worker(client):
    """Kills one worker process (SIGKILL) while it holds tasks of `futures`: the job must survive it."""
    deadline = time.time() + 60
    while time.time() < deadline:
        busy = [w for w, tasks in client.processing().items() if tasks]
        if busy:
            pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            print('killed worker %s (pid %d) during its tasks' % (busy[0], pid), flush=True)
            return pid
        time.sleep(0.02)
    return None


def stats_of(name, done_lines, stats):
    peak = max((d['maxRssKb'] for d in done_lines), default=0)
    largest = max((d['records'] for d in done_lines), default=0)
    line = max((d.get('largestLine', 0) for d in done_lines), default=0)
    # A partition: what one Dask task holds (and one Node process reads); a task: one line of it.
    stats.setdefault('steps', {})[name] = {'partitions': len(done_lines), 'largestPartition': largest, 'largestTask': line, 'peakRssMb': round(peak / 1024, 1)}
    for d in done_lines:
        for w in d.get('warnings', []):
            sys.stderr.write(w + '\n')
    return any(d.get('warnings') for d in done_lines)


def run_job(client, records, options, out_dir, chunk, partitions, kill_during=None):
    """Runs the job over input records; returns its figures and whether some input was skipped."""
    import dask
    import dask.bag as db
    stats = {'articles': len(records), 'seconds': {}}
    t0 = lap = time.time()

    def timed(name):
        nonlocal lap
        stats['seconds'][name] = round(time.time() - lap, 1)
        lap = time.time()
        sys.stderr.write('khabar-dask: %s done in %.1f s\n' % (name, stats['seconds'][name]))
        sys.stderr.flush()

    analysed = db.from_sequence(records, npartitions=max(1, min(partitions, len(records)))).map_partitions(analyze_partition, options).persist()
    warned = stats_of('analyze', db.Bag.compute(analysed.filter(is_done)), stats)
    lines = analysed.filter(lambda r: not is_done(r))
    docs = lines.filter(lambda line: line.startswith('{')).persist()
    frames = lines.filter(lambda line: not line.startswith('{')).map(frame_of).persist()
    # Documents and frames kept apart: the analyses' lines are let go (a lost partition is analysed again).
    del analysed, lines
    stats['documents'] = docs.count().compute()
    stats['frames'] = frame_count = frames.count().compute()
    timed('analyze')
    # A tenth of the archive at most in a link task: chunks of a 25th of the frames (a task holds two,
    # and chunks by a hash of the frame are uneven by a few per cent).
    chunk = chunk or max(50, min(5000, -(-frame_count // 25)))
    stats['chunk'] = chunk
    undated = set(frames.filter(lambda f: f[2]).map(lambda f: f[3]).flatten().distinct().compute())
    counts = dict(frames.map(lambda f: [p for p in f[3] if p.startswith('T|') or p in undated]).flatten().frequencies().compute())
    stats['largestPartitionKey'] = max(counts.values(), default=0)
    # Link tasks packed into bins of at most a tenth of the archive, a bin a partition: Dask's task
    # shuffle puts key b of a bag of n partitions into partition b (b < n), and shuffles by hash(),
    # which is the same in every process for small ints (not for strings).
    bin_of, bins = pack(link_tasks(counts, chunk), max(2 * chunk, frame_count // 11))
    stats['linkPartitions'] = bins
    routed = frames.map(routes, undated, counts, chunk, dask.delayed(bin_of, traverse=False)).flatten().repartition(bins)
    link_out = routed.groupby(lambda r: r[0]).map_partitions(links_partition, options)
    if kill_during == 'links':
        future = client.compute(link_out, retries=3)
        stats['killedWorkerPid'] = kill_one_worker(client)
        link_lines = future.result()
    else:
        link_lines = link_out.compute(retries=3)
    warned = stats_of('links', [r for r in link_lines if is_done(r)], stats) or warned
    links = array('d')
    for r in link_lines:
        if not is_done(r):
            links.extend(r)
    del link_lines
    stats['links'] = len(links) // LINK
    links = chosen_links(links)
    stats['chosenLinks'] = len(links) // LINK
    timed('links')
    group_of, links_by_group, groups, largest_part = connected_groups(links, frame_count, chunk)
    del links
    stats['largestConnectedPart'] = largest_part
    timed('connected parts')
    group_of, links_by_group = dask.delayed(group_of, traverse=False), dask.delayed(links_by_group, traverse=False)
    tagged = frames.map(lambda f, g: (g.get(frame_key(f[0], f[1]), (f[0] * 31 + f[1]) % groups), f[4]), group_of)
    events = tagged.repartition(groups).groupby(lambda r: r[0]).map_partitions(events_partition, links_by_group, options).persist()
    warned = stats_of('events', events.filter(is_done).compute(), stats) or warned
    stats['events'] = events.filter(lambda r: not is_done(r)).count().compute()
    stats['eventPartitions'] = groups
    timed('events')
    warned = assemble(docs, events.filter(lambda r: not is_done(r)), options, out_dir, stats) or warned
    timed('assemble')
    stats['wallSeconds'] = round(time.time() - t0, 1)
    stats['workerPeakRssMb'] = round(max(client.run(worker_peak_rss_kb).values()) / 1024, 1)
    stats['driverPeakRssMb'] = round(worker_peak_rss_kb() / 1024, 1)
    return stats, warned


def worker_peak_rss_kb():
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def assemble(docs, events, options, out_dir, stats):
    """The export in every format, from the documents (streamed a partition at a time) and the events."""
    os.makedirs(out_dir, exist_ok=True)
    outs = ['--json', os.path.join(out_dir, 'export.json'), '--csv', os.path.join(out_dir, 'export.csv'), '--geojson', os.path.join(out_dir, 'export.geojson'), '--force']
    proc = subprocess.Popen([NODE, CLI, 'part', 'assemble', *options, *outs], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # A partition at a time: the driver never holds the archive's documents nor its events.
    for bag in (docs, events):
        for part in bag.to_delayed():
            for line in part.compute():
                proc.stdin.write(line.encode('utf-8') + b'\n')
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit('khabar part assemble failed: ' + err.decode('utf-8'))
    sys.stderr.write(err.decode('utf-8'))
    done = json.loads(out.decode('utf-8').strip().splitlines()[-1])
    stats.setdefault('steps', {})['assemble'] = {'partitions': 1, 'largestPartition': done['records'], 'largestTask': done['records'], 'peakRssMb': round(done['maxRssKb'] / 1024, 1)}
    return bool(err.strip())


def job_inputs(paths, jsonl, knowledge):
    """The job's input records, the options of its steps (knowledge), and whether some input was refused."""
    if jsonl:
        records, warned = jsonl_records(jsonl)
        return records, [x for k in knowledge for x in ('--knowledge', os.path.abspath(k))], warned
    records, warned = list_articles(paths)
    return records, [x for p in paths if os.path.isdir(p) for x in ('--folder', os.path.abspath(p))], warned


def local_client(workers):
    """A cluster of worker processes on this machine, on the loopback interface only, without dashboard."""
    from distributed import Client, LocalCluster
    return Client(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host='127.0.0.1', dashboard_address=None))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('paths', nargs='*', help='article files and folders, as for `khabar export`')
    ap.add_argument('--jsonl', help='articles as JSON lines, as for `khabar analyze --jsonl`')
    ap.add_argument('--knowledge', action='append', default=[], help='knowledge file (with --jsonl)')
    ap.add_argument('--scheduler', help='address of a running Dask scheduler (tcp://host:8786)')
    ap.add_argument('--workers', type=int, default=2, help='worker processes of the local cluster (default 2)')
    ap.add_argument('--out', default='khabar-export', help='folder of export.json, export.csv, export.geojson')
    ap.add_argument('--chunk', type=int, default=0, help='frames per chunk of a skewed partition (default: a 25th of the frames, 50 to 5000)')
    ap.add_argument('--partitions', type=int, default=0, help='partitions of each step (default: 4 per worker)')
    ap.add_argument('--kill-worker-during', choices=['links'], help='(tests) kill one worker process during that step')
    ap.add_argument('--stats', help='write the job\'s figures (sizes, times, peak memory) to this JSON file')
    o = ap.parse_args(argv)
    if bool(o.paths) == bool(o.jsonl):
        ap.error('give article files or folders, or --jsonl FILE')
    records, options, warned = job_inputs(o.paths, o.jsonl, o.knowledge)
    from distributed import Client
    client = Client(o.scheduler) if o.scheduler else local_client(o.workers)
    workers = max(1, len(client.scheduler_info()['workers']))
    # At least 24 partitions: no task of a step holds more than a tenth of the archive.
    partitions = o.partitions or max(24, 4 * workers)
    try:
        stats, job_warned = run_job(client, records, options, o.out, o.chunk or None, partitions, o.kill_worker_during)
    finally:
        client.close()
    stats['workers'] = workers
    print(json.dumps(stats), flush=True)
    if o.stats:
        with open(o.stats, 'w') as f:
            json.dump(stats, f, indent=1)
    return 1 if warned or job_warned else 0


if __name__ == '__main__':
    sys.exit(main())
