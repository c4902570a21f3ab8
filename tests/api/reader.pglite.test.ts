// The reader's side of the public API on PGlite (tests in reader.cases.ts).
import { defineReaderTests } from './reader.cases.js';

defineReaderTests('pglite');
