// A write driver of live.ts (approvals or reactions at a fixed rate) in a process of its own: in the
// bench's process its requests took the CPU of the load generator (autocannon runs there), so a row's
// read rate fell by the driver's own cost as well as the server's. Started by run.ts through
// startHelper; prints {"started":true}, then on SIGTERM stops, prints its counts and exits.
import type { ParleyProcess } from './processes.js';
import { startApproving, startReacting } from './live.js';

const env = (key: string) => {
  const value = process.env[key];
  if (value === undefined) throw new Error(`write-driver-child: ${key} is not set`);
  return value;
};
const server = { url: env('DRIVER_URL') } as ParleyProcess;
const ids = JSON.parse(env('DRIVER_IDS')) as number[];
const perSecond = Number(env('DRIVER_RATE'));
const driver =
  env('DRIVER_KIND') === 'approve'
    ? await startApproving(server, ids, perSecond)
    : startReacting(server, env('DRIVER_SITE'), env('DRIVER_ARTICLE'), ids, perSecond);
console.log(JSON.stringify({ started: true }));
process.on('SIGTERM', () => {
  driver.stop().then(
    (counts) => {
      console.log(JSON.stringify({ counts }));
      process.exit(0);
    },
    (err: Error) => {
      console.error(err.stack ?? String(err));
      process.exit(1);
    },
  );
});
