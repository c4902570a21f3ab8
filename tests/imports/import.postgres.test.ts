// Imports on PostgreSQL (tests in import.cases.ts).
import { defineImportTests } from './import.cases.js';

defineImportTests('postgres');
