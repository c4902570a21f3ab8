// A lexicon worker that takes batches and never answers, as a thread stuck in a loop would (it keeps its
// event loop free, so terminate() still works).
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => {});
parentPort.postMessage('ready');
