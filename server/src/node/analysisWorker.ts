/** Entry of the language server's analysis worker threads (see {@link createAnalysisPool}). */
import { runAnalysisWorkerIfAsked } from './parallelIndex';

if (!runAnalysisWorkerIfAsked()) {
  console.error('analysisWorker.js runs only as a worker thread of the Khabar language server');
  process.exitCode = 1;
}
