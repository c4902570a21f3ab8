// Process entry: configuration from the environment, start, print where to go, drain on SIGTERM/SIGINT.
import { ConfigError, loadConfig } from './config.js';
import { startParley } from './server.js';

async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  // Slow first-start steps say what they are doing, with how long each took, so nobody stares at a silent terminal.
  const started = performance.now();
  let step: { line: string; at: number } | undefined;
  const endStep = () => {
    if (step) process.stdout.write(`  ${step.line} done in ${((performance.now() - step.at) / 1000).toFixed(1)} s\n`);
    step = undefined;
  };
  const progress = (line: string) => {
    endStep();
    step = { line, at: performance.now() };
    process.stdout.write(`Parley: ${line}\n`);
  };
  const parley = await startParley(config, { progress });
  endStep();
  const { logger } = parley.deps;
  // One host throughout: PUBLIC_URL, else localhost (the host PUBLIC_URL defaults to, in embed snippets too).
  const base = parley.publicUrl;
  const database = parley.deps.database.driver === 'pglite' ? `embedded PGlite in ${config.PARLEY_DATA_DIR}` : 'PostgreSQL';
  const lines = [
    '',
    `Parley is running at ${base}  (database: ${database}; started in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    config.PARLEY_DEMO ? `  demo article:  ${base}/demo` : '',
    `  admin view:    ${base}/admin`,
    `  API docs:      ${base}/api/v1/openapi.json`,
    parley.deps.metrics.enabled ? `  metrics:       ${base}/metrics  (Authorization: Bearer <PARLEY_METRICS_TOKEN>)` : '',
    ...(parley.loginHint ?? []),
    ...parley.deps.warnings.list().map((w) => `  warning:       ${w.message}`),
    '',
  ].filter((l) => l !== '');
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    parley
      .close()
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  // A stray rejection (a dropped database connection, say) must not take every reader's request down.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  process.on('uncaughtException', (err) => {
    // postgres.js 3.4.x can throw from a timer when PostgreSQL vanishes under load (its socket is
    // already null; porsager/postgres#1154). The query itself fails and is answered 503, so the
    // process can go on; anything else is a real crash.
    if (isPostgresSocketRace(err)) {
      logger.warn({ err }, 'ignored a postgres.js socket error after the database went away');
      return;
    }
    logger.fatal({ err }, 'uncaught exception');
    process.exit(1);
  });
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

function isPostgresSocketRace(err: Error): boolean {
  return err instanceof TypeError && /postgres[\\/]src[\\/]connection\.js/.test(err.stack ?? '') && /null/.test(err.message);
}

main().catch((err) => {
  console.error('Parley failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
