// A lexicon worker whose scorer throws on every text: it answers each with null.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (batch) => parentPort.postMessage(batch.map(({ id }) => ({ id, result: null }))));
parentPort.postMessage('ready');
