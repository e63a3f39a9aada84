// Embedded SFTP server on ssh2's server mode: loopback only, stable host key, password and public-key
// auth, one jailed root shared by all users. Used by the local runtime and the tests (through a child
// process, see server-process.ts: the synchronous bridge blocks the thread that calls it).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Server, utils, type AuthContext, type Connection, type ParsedKey } from 'ssh2';
import { projectRoot } from '../paths';
import { Jail } from './jail';
import { keyFamily, parsePublicKey, publicKeyBase64, toSsh2PrivateKey } from './keys';
import { serveSftpSession } from './sftp-session';

export interface SftpUser {
  username: string;
  password?: string;
  /** OpenSSH line ('ssh-rsa AAAA...') or PEM. */
  publicKey?: string;
}

export interface SftpServerOptions {
  root: string;
  /** Default '127.0.0.1'; non-loopback addresses are refused. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  users: SftpUser[];
  /** Default <project>/.ns-local/sftp-host-key.pem; created (0600) when missing. */
  hostKeyFile?: string;
}

export interface HostKeyInfo {
  type: 'rsa' | 'ecdsa';
  /** Exactly the third field that ssh-keyscan prints. */
  base64: string;
}

export interface RunningSftpServer {
  host: string;
  port: number;
  hostKey: HostKeyInfo;
  close(): Promise<void>;
}

export function defaultHostKeyFile(): string {
  return path.join(projectRoot(), '.ns-local', 'sftp-host-key.pem');
}

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  if (net.isIPv6(host)) return host === '::1' || /^::ffff:127\./i.test(host);
  return false;
}

function parseHostKey(text: string, file: string): { key: ParsedKey; pem: string } {
  const pem = toSsh2PrivateKey(text);
  const key = utils.parseKey(pem);
  if (key instanceof Error) throw new Error(`cannot read SFTP host key ${file}: ${key.message}`);
  const family = keyFamily(key.type);
  // NetSuite accepts RSA, DSA and ECDSA host keys; ed25519 is not listed (NETSUITE.md 1.3).
  if (family !== 'rsa' && family !== 'ecdsa') throw new Error(`SFTP host key ${file} must be RSA or ECDSA, not ${key.type}`);
  return { key, pem };
}

/** Loads the host key file, or creates a stable ECDSA nistp256 key there (0600, race-safe). */
export function loadOrCreateHostKey(file: string): { pem: string; key: ParsedKey; info: HostKeyInfo } {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const pem = privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, pem, { mode: 0o600 });
    try {
      fs.linkSync(tmp, file); // EEXIST: another process won the race; use its key.
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  const { key, pem } = parseHostKey(fs.readFileSync(file, 'utf8'), file);
  const family = keyFamily(key.type) === 'rsa' ? 'rsa' : 'ecdsa';
  return { pem, key, info: { type: family, base64: publicKeyBase64(key) } };
}

interface PreparedUser {
  passwordHash: Buffer | undefined;
  key: ParsedKey | undefined;
}

function hashPassword(password: string): Buffer {
  return crypto.createHash('sha256').update(password, 'utf8').digest();
}

function prepareUsers(users: SftpUser[]): Map<string, PreparedUser> {
  const map = new Map<string, PreparedUser>();
  for (const u of users) {
    if (!u.username) throw new Error('SFTP user without a username');
    if (u.password === undefined && u.publicKey === undefined) throw new Error(`SFTP user ${u.username} has neither password nor publicKey`);
    map.set(u.username, {
      passwordHash: u.password === undefined ? undefined : hashPassword(u.password),
      key: u.publicKey === undefined ? undefined : parsePublicKey(u.publicKey),
    });
  }
  return map;
}

function authenticate(ctx: AuthContext, users: Map<string, PreparedUser>): void {
  const user = users.get(ctx.username);
  const methods: Array<'password' | 'publickey'> = [];
  if (user === undefined || user.passwordHash !== undefined) methods.push('password');
  if (user === undefined || user.key !== undefined) methods.push('publickey');
  if (user !== undefined && ctx.method === 'password' && user.passwordHash !== undefined) {
    if (crypto.timingSafeEqual(hashPassword(ctx.password), user.passwordHash)) return ctx.accept();
  } else if (user?.key !== undefined && ctx.method === 'publickey') {
    if (ctx.key.data.equals(user.key.getPublicSSH())) {
      if (ctx.signature === undefined) return ctx.accept(); // the client only asks whether the key is acceptable
      if (ctx.blob !== undefined && user.key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true) return ctx.accept();
    }
  }
  ctx.reject(methods);
}

export async function startSftpServer(options: SftpServerOptions): Promise<RunningSftpServer> {
  const requestedHost = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(requestedHost)) {
    throw Object.assign(new Error(`the local SFTP server only listens on loopback, not ${requestedHost}`), {
      code: 'ERR_NON_LOOPBACK_HOST',
    });
  }
  const host = requestedHost === 'localhost' ? '127.0.0.1' : requestedHost;
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid SFTP port ${String(options.port)}`);
  const root = path.resolve(options.root);
  if (!fs.statSync(root).isDirectory()) throw new Error(`SFTP root ${root} is not a directory`);
  const users = prepareUsers(options.users);
  const hostKey = loadOrCreateHostKey(options.hostKeyFile ?? defaultHostKeyFile());
  const jail = new Jail(root);
  const connections = new Set<Connection>();

  const server = new Server({ hostKeys: [hostKey.pem], keepaliveInterval: 10000, keepaliveCountMax: 3 }, (conn) => {
    connections.add(conn);
    // SSH packets are written in pieces when ssh2 has no native crypto binding (npm ci denies its build):
    // with Nagle's algorithm each reply then waits for a delayed ACK (~40 ms per round trip).
    (conn as unknown as { setNoDelay(on: boolean): void }).setNoDelay(true);
    conn.on('error', () => undefined); // resets from vanished clients
    conn.on('close', () => connections.delete(conn));
    conn.on('authentication', (ctx) => authenticate(ctx, users));
    conn.on('ready', () => {
      conn.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('sftp', (acceptSftp) => serveSftpSession(acceptSftp(), jail));
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', () => undefined);
  const address = server.address() as net.AddressInfo;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const conn of connections) {
        try {
          conn.end();
        } catch {
          // already gone
        }
      }
      // A client that does not hang up within a second is cut off (ssh2 keeps the socket in _sock).
      setTimeout(() => {
        for (const conn of connections) (conn as unknown as { _sock?: net.Socket })._sock?.destroy();
      }, 1000).unref();
    });
    return closing;
  };

  return { host, port: address.port, hostKey: hostKey.info, close };
}
