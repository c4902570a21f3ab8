// `npm run admin -- <command>`: manage accounts from a shell (first admin, lost passwords, lock-outs).
// An entry point like main.ts: it reads process.env and stdin, opens the database, and exits.
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { openCliDatabase } from './database.js';
import { moderators } from '../db/schema.js';
import { AppError } from '../errors.js';
import {
  ROLES,
  countActiveAdmins,
  createAccount,
  findModeratorByEmail,
  findSiteSlugsByModerator,
  listModerators,
  normalizeEmail,
  passwordProblem,
  type Role,
} from '../auth/accounts.js';
import { hashPassword } from '../auth/passwords.js';
import { deleteModeratorSessions } from '../auth/sessions.js';
import { clearAccountThrottle } from '../auth/throttle.js';

const USAGE = `usage: npm run admin -- <command> [options]

  create --email EMAIL [--name NAME] [--role admin|moderator] [--sites slug1,slug2]
  set-password --email EMAIL
  disable --email EMAIL
  enable --email EMAIL
  clear-throttle --email EMAIL   forget the account's failed logins: its locks from every address and its slow-down
  list

The password is asked for with echo off, or read from the first line of stdin when piped:
  printf '%s\\n' "$PASSWORD" | npm run admin -- create --email ops@example.com
The database comes from the same settings as the server (DATABASE_URL or PARLEY_DATA_DIR).`;

const COMMANDS = ['create', 'set-password', 'disable', 'enable', 'clear-throttle', 'list'];

class UsageError extends Error {}

/** Reads a password: with echo off from a terminal (asked twice when `confirm`), else the first line of stdin. */
async function readPassword(confirm: boolean): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const ask = async (prompt: string) => {
    process.stdout.write(prompt);
    muted = true;
    const answer = await rl.question('');
    muted = false;
    process.stdout.write('\n');
    return answer;
  };
  try {
    const password = await ask('Password: ');
    if (confirm && (await ask('Again: ')) !== password) throw new UsageError('The passwords do not match.');
    return password;
  } finally {
    rl.close();
  }
}

async function readNewPassword(): Promise<string> {
  const password = await readPassword(true);
  const problem = passwordProblem(password);
  if (problem) throw new UsageError(problem);
  return password;
}

function requireEmail(value: string | undefined): string {
  if (!value) throw new UsageError('--email is required.');
  return value;
}

async function run(database: Database, command: string, values: Record<string, string | undefined>): Promise<string> {
  const db = database.db;
  switch (command) {
    case 'create': {
      const email = requireEmail(values.email);
      const role = (values.role ?? 'admin') as Role;
      if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
      const sites = (values.sites ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const password = await readNewPassword();
      const row = await db.transaction((tx) => createAccount(tx, { email, name: values.name, password, role, sites }));
      return `created ${row.role} ${row.email} (id ${row.id})${sites.length && role === 'moderator' ? ` for ${sites.join(', ')}` : ''}`;
    }
    case 'set-password': {
      const found = await findModeratorByEmail(db, requireEmail(values.email));
      if (!found) throw new UsageError('No account with that email.');
      const passwordHash = await hashPassword(await readNewPassword());
      await db.transaction(async (tx) => {
        await tx.update(moderators).set({ passwordHash }).where(eq(moderators.id, found.id));
        await deleteModeratorSessions(tx, found.id);
      });
      return `password changed for ${found.email}; their sessions were ended`;
    }
    case 'disable':
    case 'enable': {
      const found = await findModeratorByEmail(db, requireEmail(values.email));
      if (!found) throw new UsageError('No account with that email.');
      if (command === 'disable' && found.role === 'admin' && (await countActiveAdmins(db, found.id)) === 0) {
        throw new UsageError('This is the last active admin; create another admin first.');
      }
      await db.transaction(async (tx) => {
        await tx.update(moderators).set({ disabledAt: command === 'disable' ? new Date() : null }).where(eq(moderators.id, found.id));
        if (command === 'disable') await deleteModeratorSessions(tx, found.id);
      });
      return `${command}d ${found.email}`;
    }
    case 'clear-throttle': {
      // Works for an address without an account too: guesses at it are counted the same way.
      const email = normalizeEmail(requireEmail(values.email));
      const cleared = await clearAccountThrottle(db, email);
      return cleared === 0 ? `no login throttling for ${email}` : `cleared login throttling for ${email} (${cleared} counter${cleared === 1 ? '' : 's'})`;
    }
    case 'list': {
      const rows = await listModerators(db);
      const slugs = await findSiteSlugsByModerator(db, rows.map((r) => r.id));
      if (rows.length === 0) return 'no accounts';
      return rows
        .map((r) => {
          const sites = r.role === 'admin' ? 'all sites' : (slugs.get(r.id) ?? []).join(',') || 'no sites';
          return `${String(r.id).padStart(4)}  ${r.email}  ${r.role}  ${sites}${r.disabledAt ? '  DISABLED' : ''}`;
        })
        .join('\n');
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        sites: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const command = parsed.positionals[0];
  if (!command || parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  // Usage mistakes are reported before the database is opened (which can take seconds).
  if (!COMMANDS.includes(command)) {
    process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
    return 2;
  }
  if (command !== 'list' && !parsed.values.email) {
    process.stderr.write('--email is required.\n');
    return 2;
  }
  const opened = await openCliDatabase();
  if ('exitCode' in opened) return opened.exitCode;
  const { database } = opened;
  try {
    const { help: _help, ...values } = parsed.values;
    process.stdout.write(`${await run(database, command, values)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    if (err instanceof AppError) {
      const fields = err.fields?.map((f) => `\n  ${f.field}: ${f.message}`).join('') ?? '';
      process.stderr.write(`${err.message}${fields}\n`);
      return 1;
    }
    throw err;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`admin command failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
