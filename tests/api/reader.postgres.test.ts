// The reader's side of the public API on PostgreSQL (tests in reader.cases.ts).
import { defineReaderTests } from './reader.cases.js';

defineReaderTests('postgres');
