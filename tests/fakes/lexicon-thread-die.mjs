// A lexicon worker that exits on the first batch it is sent, as a crashed thread would.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => process.exit(3));
parentPort.postMessage('ready');
