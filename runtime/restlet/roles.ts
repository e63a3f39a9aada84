// Roles and RESTlet audiences as SDF defines them, and the permission checks NetSuite applies to a RESTlet's
// N/record and N/search calls under the caller's role.
//  - role objects (SDF-FIELDS.md 11): permissions/permission with permkey and permlevel NONE | VIEW | CREATE | EDIT | FULL;
//    a custom record's permission key is its script id.
//  - restlet deployments (SDF-FIELDS.md 4.1): allroles, audslctrole ('|'-separated generic roles or [scriptid=customrole...]).
//  - runtime.Permission: NONE 0, VIEW 1, CREATE 2, EDIT 3, FULL 4 (Oracle N/runtime help [D]).
//  - A script that touches a record its role may not use fails with INSUFFICIENT_PERMISSION [O: the code NetSuite
//    scripts report; its message text is U].
// [U] Permission keys of standard record types (the map below) and which level each call needs (ns-local: load,
// search and lookupFields VIEW; create CREATE; submitFields and save of an existing record EDIT; delete FULL).
import * as path from 'node:path';
import type { ProjectObjects } from '../objects';
import { attr, child, children, parseXmlFile, text, type XmlNode } from '../objects/xml';

export const PERMISSION_LEVELS: Record<string, number> = { NONE: 0, VIEW: 1, CREATE: 2, EDIT: 3, FULL: 4 };

export interface RoleDefinition {
  scriptId: string;
  name: string;
  /** Internal id ns-local gives the role (runtime.getCurrentUser().role). */
  internalId: number;
  /** permkey -> level 0..4; undefined: the administrator (every permission). */
  permissions: Record<string, number> | undefined;
}

export const ADMINISTRATOR: RoleDefinition = { scriptId: 'administrator', name: 'Administrator', internalId: 3, permissions: undefined };

/** Permission key of each record type a RESTlet may touch [U for standard types; custom records: their script id]. */
const STANDARD_PERMISSION_KEYS: Record<string, string> = {
  scriptdeployment: 'ADMI_CUSTOMSCRIPT',
  location: 'LIST_LOCATION',
  inventoryitem: 'LIST_ITEM',
  purchaseorder: 'TRAN_PURCHORD',
  itemreceipt: 'TRAN_ITEMRCPT',
  inventoryadjustment: 'TRAN_INVADJST',
  inventorytransfer: 'TRAN_INVTRNFR',
  subsidiary: 'LIST_SUBSIDIARY',
  account: 'LIST_ACCOUNT',
  folder: 'LIST_FILECABINET',
  file: 'LIST_FILECABINET',
};

export function permissionKeyFor(recordType: string): string {
  const type = recordType.toLowerCase();
  if (type.startsWith('customrecord')) return type;
  return STANDARD_PERMISSION_KEYS[type] ?? `ns-local:unmapped:${type}`;
}

/** Repeated elements that the shared parser does not force into arrays (permission): one or many alike. */
function items(node: XmlNode, container: string, item: string): XmlNode[] {
  const value = child(node, container)?.[item];
  const list: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is XmlNode => typeof v === 'object' && v !== null);
}

function rootOf(file: string, tag: string): XmlNode | undefined {
  const parsed = parseXmlFile(file);
  if (!parsed.ok) return undefined;
  const root = parsed.doc.root;
  return parsed.doc.tag === tag ? root : undefined;
}

/** Every role object of the project, with stable internal ids (1000 + its position, sorted by script id). */
export function loadRoles(objects: ProjectObjects, accountRoles: readonly { scriptId: string; name: string; permissions: Record<string, string> }[] = []): Map<string, RoleDefinition> {
  const roles = new Map<string, RoleDefinition>([[ADMINISTRATOR.scriptId, ADMINISTRATOR]]);
  const entries = objects.objectFiles.filter((f) => f.tag === 'role' && f.scriptId !== undefined).sort((a, b) => String(a.scriptId).localeCompare(String(b.scriptId)));
  entries.forEach((entry, index) => {
    const root = rootOf(path.join(objects.projectFolder, entry.file), 'role');
    if (!root || entry.scriptId === undefined) return;
    const permissions: Record<string, number> = {};
    for (const p of items(root, 'permissions', 'permission')) {
      const key = (text(p, 'permkey') ?? '').replace(/^\[scriptid=(.*)\]$/, '$1');
      const level = PERMISSION_LEVELS[text(p, 'permlevel') ?? 'NONE'] ?? 0;
      if (key !== '') permissions[key] = level;
    }
    roles.set(entry.scriptId, { scriptId: entry.scriptId, name: text(root, 'name') ?? entry.scriptId, internalId: 1000 + index, permissions });
  });
  accountRoles.forEach((r, index) => {
    const permissions: Record<string, number> = {};
    for (const [key, level] of Object.entries(r.permissions)) permissions[key] = PERMISSION_LEVELS[level] ?? 0;
    roles.set(r.scriptId, { scriptId: r.scriptId, name: r.name, internalId: roles.get(r.scriptId)?.internalId ?? 2000 + index, permissions });
  });
  return roles;
}

export interface RestletAudience {
  allRoles: boolean;
  roles: string[];
}

/** The audience of one RESTlet deployment, read from its SDF object. */
export function restletAudience(objects: ProjectObjects, scriptId: string, deploymentId: string): RestletAudience | undefined {
  const script = objects.scripts.find((s) => s.scriptId === scriptId && s.objectType === 'restlet');
  if (!script) return undefined;
  const root = rootOf(path.join(objects.projectFolder, script.file), 'restlet');
  if (!root) return undefined;
  const node = children(root, 'scriptdeployments', 'scriptdeployment').find((d) => attr(d, 'scriptid') === deploymentId);
  if (!node) return undefined;
  const roles = (text(node, 'audslctrole') ?? '')
    .split('|')
    .map((r) => r.trim().replace(/^\[scriptid=(.*)\]$/, '$1'))
    .filter((r) => r !== '')
    .map((r) => (r === 'ADMINISTRATOR' ? 'administrator' : r));
  return { allRoles: text(node, 'allroles') === 'T', roles };
}

/**
 * Custom record types whose access type is "No Permission Needed" (accesstype NONENEEDED, SDF-FIELDS.md 8):
 * any role may use them, so the permission check skips them.
 */
export function openCustomRecordTypes(objects: ProjectObjects): Set<string> {
  const open = new Set<string>();
  for (const entry of objects.objectFiles) {
    if (entry.tag !== 'customrecordtype' || entry.scriptId === undefined) continue;
    const root = rootOf(path.join(objects.projectFolder, entry.file), 'customrecordtype');
    if (root && text(root, 'accesstype') === 'NONENEEDED') open.add(entry.scriptId);
  }
  return open;
}
