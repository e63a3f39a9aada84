/**
 * The ONE place SFTP settings come from: the HotWax SFTP Configuration custom record
 * (customrecord_hwx_sftp_config), chosen by the script parameter custscript_hwx_sftp_config, or the
 * only active record when the parameter is empty. Several active records and no parameter is an
 * error, never "the first one found".
 */
import * as search from 'N/search';
import type { FilterExpression } from './pagedSearch';
import * as runtime from 'N/runtime';
import { IntegrationError } from '../core/integrationError';

export interface SftpSettings {
  recordId: string;
  host: string;
  port: number;
  username: string;
  /** API Secret script id (custsecret_...): preferred credential. */
  secret?: string;
  /** SSH key script id: key authentication, alone or with the secret. */
  keyId?: string;
  hostKey: string;
  hostKeyType?: 'rsa' | 'dsa' | 'ecdsa';
  /** Base directory on the server; every flow folder is below it. Always ends with '/'. */
  baseDirectory: string;
  timeoutSeconds: number;
}

const RECORD_TYPE = 'customrecord_hwx_sftp_config';
export const SFTP_CONFIG_PARAM = 'custscript_hwx_sftp_config';

const FIELDS = {
  host: 'custrecord_hwx_sftp_host',
  port: 'custrecord_hwx_sftp_port',
  username: 'custrecord_hwx_sftp_username',
  secret: 'custrecord_hwx_sftp_secret',
  keyId: 'custrecord_hwx_sftp_key_id',
  hostKey: 'custrecord_hwx_sftp_host_key',
  hostKeyType: 'custrecord_hwx_sftp_host_key_type',
  baseDirectory: 'custrecord_hwx_sftp_base_dir',
  timeout: 'custrecord_hwx_sftp_timeout',
} as const;

/** One field of the configuration record as text, whichever way it was read. */
type FieldReader = (field: string) => string;

const scalar = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value).trim() : '');

const fromResult =
  (result: search.Result): FieldReader =>
  (field) =>
    scalar(result.getValue({ name: field }));

/** Reads and validates the SFTP configuration for the running script. */
export function loadSftpSettings(): SftpSettings {
  return loadSftpSettingsFor(SFTP_CONFIG_PARAM);
}

/**
 * The same, for a script whose own parameter `configParam` chooses the record. Script parameter ids are
 * unique in an account, so every script after the first declares its own (e.g. custscript_hwx_rc_sftp_config).
 */
export function loadSftpSettingsFor(configParam: string): SftpSettings {
  const chosen = runtime.getCurrentScript().getParameter({ name: configParam });
  if (chosen !== null && chosen !== undefined && chosen !== '') return loadChosen(String(chosen));
  const filters: FilterExpression = [['isinactive', 'is', 'F']];
  const rows = search
    .create({ type: RECORD_TYPE, filters, columns: Object.values(FIELDS).map((name) => search.createColumn({ name })) })
    .run()
    .getRange({ start: 0, end: 2 });
  if (rows.length === 0) {
    throw new IntegrationError('SFTP_CONFIG_MISSING', 'No active HotWax SFTP Configuration record exists. Create one (see README: SFTP configuration).');
  }
  if (rows.length > 1) {
    throw new IntegrationError('SFTP_CONFIG_AMBIGUOUS', `Several active HotWax SFTP Configuration records exist; set the script parameter ${configParam} on this deployment to choose one.`);
  }
  const row = rows[0] as search.Result;
  return toSettings(row.id, fromResult(row));
}

/**
 * The record the parameter names, read with search.lookupFields (1 unit, against 10 for a search; NETSUITE.md
 * 5). Text, integer and checkbox fields come back as plain values (Oracle help search.lookupFields). A record
 * that does not exist ({} or an error [U]) or is inactive is refused, as the search refused it.
 */
function loadChosen(id: string): SftpSettings {
  let values: Record<string, unknown> = {};
  try {
    values = search.lookupFields({ type: RECORD_TYPE, id, columns: ['isinactive', ...Object.values(FIELDS)] });
  } catch {
    values = {};
  }
  const inactive = values.isinactive === true || values.isinactive === 'T';
  if (Object.keys(values).length === 0 || inactive) {
    throw new IntegrationError('SFTP_CONFIG_MISSING', `The SFTP configuration record ${id} does not exist or is inactive.`);
  }
  return toSettings(id, (field) => scalar(values[field]));
}

function toSettings(recordId: string, text: FieldReader): SftpSettings {
  const problems: string[] = [];
  const host = text(FIELDS.host);
  if (!host || /[/:\s]/.test(host)) problems.push('host must be a host name or IP address without scheme, port or path');
  const portText = text(FIELDS.port);
  const port = portText === '' ? 22 : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push(`port "${portText}" is not 1-65535`);
  const username = text(FIELDS.username);
  if (!username) problems.push('user is empty');
  const secret = text(FIELDS.secret);
  const keyId = text(FIELDS.keyId);
  if (!secret && !keyId) problems.push('set an API Secret id or an SSH key id');
  const hostKey = text(FIELDS.hostKey).replace(/\s+/g, '');
  if (!hostKey) problems.push('host key is empty (get it with ssh-keyscan; NetSuite never trusts on first use)');
  const hostKeyType = text(FIELDS.hostKeyType).toLowerCase();
  if (hostKeyType && !['rsa', 'dsa', 'ecdsa'].includes(hostKeyType)) problems.push(`host key type "${hostKeyType}" must be rsa, dsa or ecdsa`);
  let baseDirectory = text(FIELDS.baseDirectory);
  if (!baseDirectory) problems.push('base directory is empty');
  if (!baseDirectory.endsWith('/')) baseDirectory += '/';
  const timeoutText = text(FIELDS.timeout);
  const timeoutSeconds = timeoutText === '' ? 20 : Math.min(20, Math.max(1, Number(timeoutText) || 20));
  if (problems.length > 0) {
    throw new IntegrationError('SFTP_CONFIG_INVALID', `HotWax SFTP Configuration ${recordId}: ${problems.join('; ')}.`, { recordId });
  }
  return {
    recordId,
    host,
    port,
    username,
    ...(secret ? { secret } : {}),
    ...(keyId ? { keyId } : {}),
    hostKey,
    ...(hostKeyType ? { hostKeyType: hostKeyType as 'rsa' | 'dsa' | 'ecdsa' } : {}),
    baseDirectory,
    timeoutSeconds,
  };
}
