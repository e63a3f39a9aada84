// Child-process entry (build/runtime/sftp/serve-process.js): runs the embedded SFTP server until
// SIGTERM/SIGINT (or until the parent that forked it goes away) and prints one JSON line when listening:
//   {"host":"127.0.0.1","port":2222,"user":"alice","hostKey":{"type":"ecdsa","base64":"AAAA..."}}
// Arguments: --root DIR [--host H] [--port N] [--host-key-file F]
//            and per user: --user NAME [--password PW] [--public-key-file F] (repeatable).
// Users may also come as JSON in NS_LOCAL_SFTP_USERS (used by server-process.ts, keeps passwords off argv).
import * as fs from 'node:fs';
import { startSftpServer, type SftpServerOptions, type SftpUser } from './server';

export const USERS_ENV = 'NS_LOCAL_SFTP_USERS';

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): SftpServerOptions {
  const users: SftpUser[] = [];
  const options: SftpServerOptions = { root: '', users };
  const current = (flag: string): SftpUser => {
    const user = users[users.length - 1];
    if (user === undefined) throw new Error(`${flag} must follow --user`);
    return user;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${flag}`);
    i++;
    switch (flag) {
      case '--root':
        options.root = value;
        break;
      case '--host':
        options.host = value;
        break;
      case '--port':
        options.port = Number(value);
        break;
      case '--host-key-file':
        options.hostKeyFile = value;
        break;
      case '--user':
        users.push({ username: value });
        break;
      case '--password':
        current(flag).password = value;
        break;
      case '--public-key-file':
        current(flag).publicKey = fs.readFileSync(value, 'utf8');
        break;
      default:
        throw new Error(`unknown argument ${flag}`);
    }
  }
  const fromEnv = env[USERS_ENV];
  if (fromEnv !== undefined && fromEnv !== '') users.push(...(JSON.parse(fromEnv) as SftpUser[]));
  if (options.root === '') throw new Error('--root is required');
  if (users.length === 0) throw new Error('at least one --user is required');
  return options;
}

async function main(): Promise<void> {
  const options = parseServeArgs(process.argv.slice(2));
  const starting = startSftpServer(options);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void starting
      .then((server) => server.close())
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  // Installed before the JSON line: a parent may signal as soon as it reads it.
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop); // forked by a parent that has gone away
  const server = await starting;
  if (stopping) return;
  process.stdout.write(
    `${JSON.stringify({ host: server.host, port: server.port, user: options.users[0]?.username, hostKey: server.hostKey })}\n`,
  );
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`sftp server: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
