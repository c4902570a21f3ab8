// Notification emails on PGlite (cases in mail.cases.ts).
import { defineMailTests } from './mail.cases.js';

defineMailTests('pglite');
