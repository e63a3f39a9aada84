// Role permissions on a RESTlet's N/record and N/search calls (see roles.ts for the sources and the [U] choices).
// The emulated modules stay as they are; this wraps the functions that name a record type and refuses the call
// with INSUFFICIENT_PERMISSION before it reaches the account when the role's level for that type is too low.
import { nsError } from '../modules/error';
import { permissionKeyFor, PERMISSION_LEVELS } from './roles';

export type PermissionTable = Record<string, number> | undefined;

const LEVEL_NAMES = Object.fromEntries(Object.entries(PERMISSION_LEVELS).map(([k, v]) => [v, k]));

/** Custom record types any role may use (accesstype NONENEEDED). */
let openTypes: ReadonlySet<string> = new Set();
export function setOpenRecordTypes(types: ReadonlySet<string>): void {
  openTypes = types;
}

export function requirePermission(permissions: PermissionTable, roleName: string, recordType: unknown, level: number, action: string): void {
  if (permissions === undefined) return;
  const type = typeof recordType === 'string' ? recordType : '';
  if (openTypes.has(type.toLowerCase())) return;
  const key = permissionKeyFor(type);
  const held = permissions[key] ?? 0;
  if (held >= level) return;
  throw nsError(
    'INSUFFICIENT_PERMISSION',
    `Permission Violation: the role ${roleName} needs ${LEVEL_NAMES[level] ?? level} on ${key} to ${action} ${type || '(no type)'}; it has ${LEVEL_NAMES[held] ?? held}.`,
  );
}

type AnyFn = (...args: unknown[]) => unknown;

const typeOf = (args: unknown[]): unknown => (args[0] && typeof args[0] === 'object' ? (args[0] as { type?: unknown }).type : undefined);

/** A record object whose save() of an existing record needs EDIT (a new one was checked at create). */
function guardRecordObject(rec: unknown, permissions: PermissionTable, roleName: string): unknown {
  if (!rec || typeof rec !== 'object') return rec;
  const target = rec as { type?: unknown; save?: AnyFn };
  const save = target.save;
  if (typeof save !== 'function') return rec;
  return new Proxy(rec, {
    get(obj, prop, receiver) {
      if (prop === 'save') {
        return (...args: unknown[]) => {
          requirePermission(permissions, roleName, (obj as { type?: unknown }).type, PERMISSION_LEVELS.EDIT ?? 3, 'save');
          return save.apply(obj, args);
        };
      }
      const value: unknown = Reflect.get(obj, prop, receiver);
      return typeof value === 'function' ? (value as AnyFn).bind(obj) : value;
    },
  });
}

export function guardRecordModule(mod: Record<string, unknown>, permissions: PermissionTable, roleName: string): Record<string, unknown> {
  if (permissions === undefined) return mod;
  const wrap = (name: string, level: number, wrapResult: boolean): void => {
    const fn = mod[name];
    if (typeof fn !== 'function') return;
    mod[name] = (...args: unknown[]) => {
      const type = name === 'transform' ? (args[0] as { toType?: unknown } | undefined)?.toType : typeOf(args);
      requirePermission(permissions, roleName, type, level, name);
      const out = (fn as AnyFn)(...args);
      return wrapResult ? guardRecordObject(out, permissions, roleName) : out;
    };
  };
  const copy: Record<string, unknown> = { ...mod };
  mod = copy;
  wrap('load', PERMISSION_LEVELS.VIEW ?? 1, true);
  wrap('create', PERMISSION_LEVELS.CREATE ?? 2, false);
  wrap('copy', PERMISSION_LEVELS.CREATE ?? 2, false);
  wrap('transform', PERMISSION_LEVELS.CREATE ?? 2, false);
  wrap('submitFields', PERMISSION_LEVELS.EDIT ?? 3, false);
  wrap('delete', PERMISSION_LEVELS.FULL ?? 4, false);
  return copy;
}

export function guardSearchModule(mod: Record<string, unknown>, permissions: PermissionTable, roleName: string): Record<string, unknown> {
  if (permissions === undefined) return mod;
  const copy: Record<string, unknown> = { ...mod };
  for (const name of ['create', 'lookupFields']) {
    const fn = mod[name];
    if (typeof fn !== 'function') continue;
    copy[name] = (...args: unknown[]) => {
      requirePermission(permissions, roleName, typeOf(args), PERMISSION_LEVELS.VIEW ?? 1, name === 'create' ? 'search' : name);
      return (fn as AnyFn)(...args);
    };
  }
  return copy;
}
