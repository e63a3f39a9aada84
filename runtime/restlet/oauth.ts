// OAuth 1.0 token-based authentication (TBA) as NetSuite checks it on a RESTlet call. Sources:
//  - RFC 5849 sections 3.4.1 (signature base string), 3.4.2 (HMAC), 3.5.1 (Authorization header), 3.6 (percent encoding);
//  - Oracle help "Setting up Token-based Authentication for a RESTlet integration" (section_1530099787) [D]: all
//    encoding is RFC 5849 percent encoding; a token is valid for one company, user and role;
//  - Oracle help "Step One Obtain An Unauthorized Request Token" (section_156338994830) [D]: only HMAC-SHA256 is
//    supported; oauth_timestamp is seconds since the epoch, a positive integer; the nonce is at least six characters;
//  - Oracle help "Token-Based Authentication Errors in SOAP Web Services" (section_1509544929) [D]: each request needs
//    a unique nonce and timestamp; a reused nonce or an incorrect timestamp is refused;
//  - Oracle help "The Authorization Headers" (section_1534941295) [D]: realm is the account id.
// [U]: how far the timestamp may be from NetSuite's clock (ns-local: 300 s either way, configurable) and how long
// NetSuite remembers a nonce (ns-local: as long as the timestamp window, so a replay inside it is refused and a
// replay after it fails the timestamp check).
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface OAuthParams {
  realm: string | undefined;
  consumerKey: string;
  token: string;
  nonce: string;
  timestamp: string;
  signatureMethod: string;
  signature: string;
  version: string | undefined;
  /** Every oauth_* parameter as sent (decoded), for the base string. */
  all: Record<string, string>;
}

/** Why a request was refused: the Login Audit Trail reason (never sent to the caller beyond a header). */
export type AuthFailure =
  | 'missing_header'
  | 'malformed_header'
  | 'unsupported_signature_method'
  | 'wrong_realm'
  | 'consumer_key_unknown'
  | 'consumer_key_refused'
  | 'token_rejected'
  | 'bad_timestamp'
  | 'stale_timestamp'
  | 'bad_nonce'
  | 'nonce_used'
  | 'invalid_signature';

export class AuthError extends Error {
  constructor(readonly reason: AuthFailure, message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

/** RFC 5849 3.6: unreserved characters stay, everything else is %XX of its UTF-8 bytes, upper-case hex. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function percentDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new AuthError('malformed_header', 'A value in the Authorization header is not valid percent encoding');
  }
}

/** RFC 5849 3.5.1: `OAuth realm="1234", oauth_consumer_key="...", ...` */
export function parseAuthorizationHeader(header: string | undefined): OAuthParams {
  if (header === undefined || header.trim() === '') throw new AuthError('missing_header', 'No Authorization header');
  const m = /^\s*OAuth\s+(.*)$/is.exec(header);
  if (!m) throw new AuthError('malformed_header', 'The Authorization header is not an OAuth header');
  const values: Record<string, string> = {};
  const body = m[1] ?? '';
  const re = /\s*([A-Za-z0-9_.~-]+)\s*=\s*"([^"]*)"\s*(?:,|$)/gy;
  let consumed = 0;
  for (let part = re.exec(body); part !== null; part = re.exec(body)) {
    const name = part[1] ?? '';
    if (name in values) throw new AuthError('malformed_header', `The Authorization header repeats ${name}`);
    values[name] = percentDecode(part[2] ?? '');
    consumed = re.lastIndex;
  }
  if (body.slice(consumed).trim() !== '') throw new AuthError('malformed_header', 'The Authorization header has trailing text that is not a parameter');
  const need = (name: string): string => {
    const v = values[name];
    if (v === undefined || v === '') throw new AuthError('malformed_header', `The Authorization header has no ${name}`);
    return v;
  };
  const all: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (k.startsWith('oauth_')) all[k] = v;
  return {
    realm: values.realm,
    consumerKey: need('oauth_consumer_key'),
    token: need('oauth_token'),
    nonce: need('oauth_nonce'),
    timestamp: need('oauth_timestamp'),
    signatureMethod: need('oauth_signature_method'),
    signature: need('oauth_signature'),
    version: values.oauth_version,
    all,
  };
}

/** RFC 5849 3.4.1.2: scheme and host lower-case, default port dropped, no query. */
export function baseStringUri(url: URL): string {
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  const host = url.hostname.toLowerCase();
  const defaultPort = (scheme === 'http' && url.port === '80') || (scheme === 'https' && url.port === '443') || url.port === '';
  return `${scheme}://${host}${defaultPort ? '' : `:${url.port}`}${url.pathname}`;
}

/**
 * RFC 5849 3.4.1: METHOD & enc(base URI) & enc(normalized parameters), the parameters being the query's and
 * the header's oauth_* (without oauth_signature and realm). A JSON body is not part of the base string.
 */
export function signatureBaseString(method: string, url: URL, oauth: Record<string, string>): string {
  const pairs: [string, string][] = [];
  for (const [k, v] of url.searchParams) pairs.push([percentEncode(k), percentEncode(v)]);
  for (const [k, v] of Object.entries(oauth)) if (k !== 'oauth_signature') pairs.push([percentEncode(k), percentEncode(v)]);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const normalized = pairs.map(([k, v]) => `${k}=${v}`).join('&');
  return `${method.toUpperCase()}&${percentEncode(baseStringUri(url))}&${percentEncode(normalized)}`;
}

/** RFC 5849 3.4.2 with SHA-256: key = enc(consumer secret) & enc(token secret); base64 digest. */
export function hmacSha256Signature(baseString: string, consumerSecret: string, tokenSecret: string): string {
  return createHmac('sha256', `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`).update(baseString).digest('base64');
}

export function signaturesMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Nonces seen per consumer key and token, forgotten once their timestamp is out of the window. */
export class NonceStore {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowSeconds: number) {}

  /** Records the nonce; false when it was already used inside the window. */
  use(consumerKey: string, token: string, nonce: string, timestamp: number, nowSeconds: number): boolean {
    this.prune(nowSeconds);
    const key = `${consumerKey}\u0000${token}\u0000${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, timestamp);
    return true;
  }

  private prune(nowSeconds: number): void {
    for (const [key, ts] of this.seen) if (Math.abs(nowSeconds - ts) > this.windowSeconds) this.seen.delete(key);
  }
}

export interface TimestampRules {
  /** Accepted distance between oauth_timestamp and the server clock, in seconds [U]. */
  windowSeconds: number;
}

/** Checks the timestamp (a positive integer, inside the window) and the nonce (at least six characters, unused). */
export function checkFreshness(params: OAuthParams, nowSeconds: number, rules: TimestampRules, nonces: NonceStore): void {
  if (!/^[1-9][0-9]{0,11}$/.test(params.timestamp)) throw new AuthError('bad_timestamp', 'oauth_timestamp is not a positive integer');
  const ts = Number(params.timestamp);
  if (Math.abs(nowSeconds - ts) > rules.windowSeconds) throw new AuthError('stale_timestamp', `oauth_timestamp is ${nowSeconds - ts} s from the server clock (window ${rules.windowSeconds} s)`);
  if (params.nonce.length < 6 || params.nonce.length > 64 || !/^[A-Za-z0-9._~-]+$/.test(params.nonce)) {
    // Oracle: at least six characters and no special characters (section_156338994830, section_1509544929); 64 is [U].
    throw new AuthError('bad_nonce', 'oauth_nonce must be 6 to 64 letters, digits or -._~');
  }
  if (!nonces.use(params.consumerKey, params.token, params.nonce, ts, nowSeconds)) throw new AuthError('nonce_used', 'oauth_nonce was already used');
}
