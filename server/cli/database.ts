// What every command-line tool does before its work: read the configuration (a mistake there is a
// usage error, exit code 2, before anything is opened) and open the database with its migrations.
import { ConfigError, loadConfig, type Config } from '../config.js';
import { migrateDatabase, openDatabase, type Database } from '../db/client.js';

export type Opened = { config: Config; database: Database } | { exitCode: number };

/** The configuration and a migrated database; the caller closes it. A bad configuration is reported on stderr. */
export async function openCliDatabase(): Promise<Opened> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return { exitCode: 2 };
    }
    throw err;
  }
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.PARLEY_DATA_DIR, poolMax: 2 });
  try {
    await migrateDatabase(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  return { config, database };
}
