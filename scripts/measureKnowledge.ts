// Load time and heap of the bundled knowledge base, in a fresh process:
//   npx esbuild scripts/measureKnowledge.ts --bundle --platform=node --main-fields=module,main --outfile=dist/measureKnowledge.js --log-level=error
//   node --expose-gc dist/measureKnowledge.js [knowledge-dir]
import { join } from 'node:path';
import { loadKnowledge } from '../server/src/node/knowledge';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const dir = process.argv[2] ?? join(__dirname, '..', 'knowledge');
gc(); gc();
const before = process.memoryUsage().heapUsed;
const t = performance.now();
const cpu = process.cpuUsage();
const { knowledge, problems } = loadKnowledge(dir);
const ms = performance.now() - t;
const c = process.cpuUsage(cpu);
gc(); gc();
const after = process.memoryUsage().heapUsed;
console.log(JSON.stringify({ entities: knowledge.entities.size, keys: knowledge.keys.size, problems: problems.length, loadMs: Math.round(ms), cpuMs: Math.round((c.user + c.system) / 1000), heapMb: +((after - before) / 1048576).toFixed(1), rssMb: Math.round(process.memoryUsage().rss / 1048576) }));
