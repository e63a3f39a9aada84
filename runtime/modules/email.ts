// N/email: send() costs 20 units; mail is captured to the account's outbox instead of being sent.
import type { ExecutionEnv } from '../context';
import { nsError } from './error';

export function createEmailModule(env: ExecutionEnv): Record<string, unknown> {
  const send = (options: { author: number; recipients: string | number | Array<string | number>; subject: string; body: string }): void => {
    if (!options || options.author === undefined || options.recipients === undefined || !options.subject || options.body === undefined) {
      throw nsError('SSS_MISSING_REQD_ARGUMENT', 'email.send: author, recipients, subject and body are required.');
    }
    env.meter().chargeApi('email.send');
    const recipients = (Array.isArray(options.recipients) ? options.recipients : [options.recipients]).map(String);
    env.account.appendEmail({ at: env.now().toISOString(), author: Number(options.author), recipients, subject: options.subject, body: options.body });
  };
  return { send, sendBulk: send };
}
