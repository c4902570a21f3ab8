// Notification emails on PostgreSQL (cases in mail.cases.ts).
import { defineMailTests } from './mail.cases.js';

defineMailTests('postgres');
