// Notification emails, the desk part, on postgres (cases in mail.cases.ts; two files keep each within the runner's time limit).
import { defineMailTests } from './mail.cases.js';

defineMailTests('postgres', 'desk');
