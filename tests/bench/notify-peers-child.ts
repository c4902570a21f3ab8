// The notification peers for the bench, in their own process so they do not share an event loop
// with the load generator: a real SMTP server and a webhook receiver on 127.0.0.1. Prints
// {"smtpUrl","hookUrl"} when ready and, on SIGTERM, {"mails","hooks"}: how many each received.
import { startFakeSmtp } from '../fakes/smtp.js';
import { startWebhookReceiver } from '../fakes/webhook-receiver.js';

const [smtp, hooks] = await Promise.all([startFakeSmtp(), startWebhookReceiver()]);
process.stdout.write(`${JSON.stringify({ smtpUrl: smtp.url, hookUrl: hooks.url })}\n`);
process.on('SIGTERM', () => {
  process.stdout.write(`${JSON.stringify({ mails: smtp.messages.length, hooks: hooks.received.length })}\n`, () => {
    Promise.all([smtp.close(), hooks.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
});
