// A RESTlet caller as HotWax's connector would be: OAuth 1.0 (oauth-1.0a from npm) with HMAC-SHA256, the
// account id as realm, a token and a consumer, over HTTP with fetch.
import { createHmac } from 'node:crypto';
// oauth-1.0a is a CommonJS `module.exports = OAuth` with `export =` typings: import-equals is how TypeScript reads it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import OAuth = require('oauth-1.0a');

export interface TbaKeys {
  realm: string;
  consumer: { key: string; secret: string };
  token: { key: string; secret: string };
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is (for malformed bodies); otherwise `body` is JSON.stringified. */
  rawBody?: string;
  contentType?: string;
  /** Reuse this Authorization header (a replay). */
  authorization?: string;
  /** Move oauth_timestamp by this many seconds (and sign it: a correctly signed stale request). */
  timestampShift?: number;
  /** Sign with this token secret instead (a bad signature). */
  signWithTokenSecret?: string;
  realm?: string;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
  authorization: string;
}

export function tbaClient(origin: string, keys: TbaKeys): (method: string, pathAndQuery: string, options?: CallOptions) => Promise<CallResult> {
  return async (method, pathAndQuery, options = {}) => {
    const oauth = new OAuth({
      consumer: keys.consumer,
      signature_method: 'HMAC-SHA256',
      hash_function: (base, key) => createHmac('sha256', key).update(base).digest('base64'),
      realm: options.realm ?? keys.realm,
    });
    const url = `${origin}${pathAndQuery}`;
    const request = { url, method };
    const token = { key: keys.token.key, secret: options.signWithTokenSecret ?? keys.token.secret };
    let data = oauth.authorize(request, token);
    if (options.timestampShift !== undefined) {
      const shifted: OAuth.Data = { ...data, oauth_timestamp: data.oauth_timestamp + options.timestampShift };
      delete (shifted as Partial<OAuth.Authorization>).oauth_signature;
      data = { ...shifted, oauth_signature: oauth.getSignature(request, token.secret, shifted) };
    }
    const authorization = options.authorization ?? oauth.toHeader(data).Authorization;
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const headers: Record<string, string> = { Authorization: authorization };
    if (body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
    const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json, authorization };
  };
}
