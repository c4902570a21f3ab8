// Runs the fake Perspective in its own process, answering every analyze call after FAKE_DELAY_MS,
// so its timers do not share an event loop with the load generator. Prints {"origin":...} when ready
// and, on SIGTERM, {"arrivals":[...]}: when each analyze call came in (epoch ms), from which the
// bench works out how many calls were waiting on the scorer at once.
import { startFakePerspective } from '../fakes/perspective.js';

const fake = await startFakePerspective({ validKeys: ['test-key'] });
fake.setDefault({ kind: 'delay', ms: Number(process.env.FAKE_DELAY_MS ?? 100) });
process.stdout.write(`${JSON.stringify({ origin: fake.origin })}\n`);
process.on('SIGTERM', () => {
  const arrivals = fake.requests.filter((r) => r.path.endsWith(':analyze')).map((r) => r.at);
  process.stdout.write(`${JSON.stringify({ arrivals })}\n`, () => {
    fake.close().then(() => process.exit(0), () => process.exit(1));
  });
});
