#!/usr/bin/env python3
"""The Dask job's test (`npm run test:batch`): on a local cluster of two worker processes, its export
equals `khabar export` of the same files (samples/, and 2,000 generated articles while one worker is
killed with SIGKILL in the middle of the links step) and `khabar analyze --jsonl | khabar link` of the
same JSON lines. Needs dist/ built (dist/cli.js, dist/bench.js) and Python with dask and distributed."""
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
CLI = os.path.join(ROOT, 'dist', 'cli.js')
FORMATS = {'json': 'export.json', 'csv': 'export.csv', 'geojson': 'export.geojson'}


def without_generated(text):
    return '\n'.join(line for line in text.split('\n') if not line.startswith(' "generated": '))


def reference(args, fmt, stdin=None):
    proc = subprocess.run(['node', CLI, *args, '--format', fmt], input=stdin, capture_output=True, cwd=ROOT)
    if proc.returncode != 0:
        raise AssertionError('khabar %s failed: %s' % (' '.join(args), proc.stderr.decode()))
    return proc.stdout.decode('utf-8')


def check_equal(name, out_dir, expected):
    for fmt, file in FORMATS.items():
        with open(os.path.join(out_dir, file), encoding='utf-8', newline='') as f:
            got = f.read()
        if without_generated(got) != without_generated(expected[fmt]):
            raise AssertionError('%s: the job\'s %s differs from the reference (kept in %s)' % (name, file, out_dir))
    events = len(json.loads(expected['json'])['events'])
    print('ok - %s: export.json, export.csv and export.geojson equal the reference (%d events)' % (name, events), flush=True)
    return events


def main():
    import dask_job
    tmp = tempfile.mkdtemp(prefix='khabar-dask-test-')
    articles = os.path.join(tmp, 'articles')
    subprocess.run(['node', os.path.join(ROOT, 'dist', 'bench.js'), '--write-corpus', '2000', articles], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    samples = os.path.join(ROOT, 'samples')
    started = time.time()
    client = dask_job.local_client(2)
    try:
        # 1. samples/, as `khabar export samples`.
        records, options, _ = dask_job.job_inputs([samples], None, [])
        dask_job.run_job(client, records, options, os.path.join(tmp, 'samples'), None, 4)
        check_equal('samples/', os.path.join(tmp, 'samples'), {f: reference(['export', samples], f) for f in FORMATS})

        # 2. The same articles as JSON lines (no publication date given: the texts' own), as `khabar analyze --jsonl | khabar link`.
        jsonl = os.path.join(tmp, 'samples.jsonl')
        with open(jsonl, 'w', encoding='utf-8') as f:
            for name in sorted(os.listdir(samples)):
                if name != 'README.md':
                    f.write(json.dumps({'id': name, 'text': open(os.path.join(samples, name), encoding='utf-8').read()}, ensure_ascii=False) + '\n')
        analysed = subprocess.run(['node', CLI, 'analyze', '--jsonl'], stdin=open(jsonl, 'rb'), capture_output=True, check=True).stdout
        records, options, _ = dask_job.job_inputs([], jsonl, [])
        dask_job.run_job(client, records, options, os.path.join(tmp, 'jsonl'), None, 3)
        check_equal('samples as JSON lines', os.path.join(tmp, 'jsonl'), {f: reference(['link'], f, analysed) for f in FORMATS})

        # 3. 2,000 generated articles, one worker killed (SIGKILL) while it runs link tasks.
        records, options, _ = dask_job.job_inputs([articles], None, [])
        stats, _ = dask_job.run_job(client, records, options, os.path.join(tmp, 'generated'), None, 4, kill_during='links')
        if not stats.get('killedWorkerPid'):
            raise AssertionError('no worker was killed: the test did not test recovery')
        print('ok - a worker process (pid %d) was killed during the links step; the job went on' % stats['killedWorkerPid'], flush=True)
        events = check_equal('2,000 generated articles', os.path.join(tmp, 'generated'), {f: reference(['export', articles], f) for f in FORMATS})
        if events < 500:
            raise AssertionError('only %d events from 2,000 articles' % events)
    finally:
        client.close()
    subprocess.run(['rm', '-rf', tmp])
    print('batch: the Dask job passed in %.0f s' % (time.time() - started))


if __name__ == '__main__':
    main()
