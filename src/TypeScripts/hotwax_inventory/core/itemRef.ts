/**
 * The feed's Item cell and how it is matched to NetSuite items. HotWax writes one of:
 *  - a NetSuite internal id: `3412`
 *  - `SKU | Display Name`: `WJ08-XS-Orange | Adrienne Trek Jacket` (the SKU is the item name, `itemid`)
 *  - an item name / SKU alone: `WJ08-XS-Orange`
 * The adapter looks items up in bulk (itemIdsToLookUp, itemNamesToLookUp); resolveItemRefs then decides
 * per cell with plain maps, so the rules are tested without NetSuite.
 */

export type ItemRef = { kind: 'internalId'; id: string } | { kind: 'name'; name: string; displayName?: string };

export type ItemRefParse = { ok: true; ref: ItemRef } | { ok: false; problem: string; action: string };

export interface ItemInfo {
  id: string;
  name: string;
  isInactive: boolean;
  displayName?: string;
  /**
   * How NetSuite tracks the item's units, when the look-up read it: lot numbers, serial numbers, or bins
   * (usesBins: bins at locations that use bins). Such items need an inventory detail on every line.
   */
  numbered?: 'lot' | 'serial';
  usesBins?: boolean;
}

/** What NetSuite needs beyond a quantity to post this item at a location (undefined: a plain quantity line). */
export function inventoryDetailNeeded(item: ItemInfo, locationUsesBins: boolean): 'lot numbers' | 'serial numbers' | 'bins' | undefined {
  if (item.numbered === 'lot') return 'lot numbers';
  if (item.numbered === 'serial') return 'serial numbers';
  if (item.usesBins === true && locationUsesBins) return 'bins';
  return undefined;
}

export interface ItemLookup {
  byId: Map<string, ItemInfo>;
  /** Lower-cased item name (SKU) -> every item with that name. */
  byName: Map<string, ItemInfo[]>;
}

export type ItemResolution =
  | { status: 'found'; item: ItemInfo }
  | { status: 'unknown'; problem: string; action: string }
  | { status: 'ambiguous'; candidates: ItemInfo[]; problem: string; action: string }
  | { status: 'inactive'; item: ItemInfo; problem: string; action: string };

const DIGITS = /^\d+$/;

export function parseItemRef(cell: string): ItemRefParse {
  const text = cell.trim();
  if (text === '') {
    return { ok: false, problem: 'Item is empty.', action: 'Fill in the item (NetSuite internal id or SKU) in HotWax and send the row again.' };
  }
  if (DIGITS.test(text)) return { ok: true, ref: { kind: 'internalId', id: text } };
  const bar = text.indexOf('|');
  if (bar < 0) return { ok: true, ref: { kind: 'name', name: text } };
  const name = text.slice(0, bar).trim();
  const displayName = text.slice(bar + 1).trim();
  if (name === '') {
    return { ok: false, problem: `Item '${text}' has no SKU before the '|'.`, action: "Write the item as 'SKU | Display Name' or as the NetSuite internal id, then send the row again." };
  }
  return { ok: true, ref: displayName === '' ? { kind: 'name', name } : { kind: 'name', name, displayName } };
}

/** Human form of a reference, for messages. */
export function describeItemRef(ref: ItemRef): string {
  if (ref.kind === 'internalId') return `internal id ${ref.id}`;
  return ref.displayName === undefined ? `'${ref.name}'` : `'${ref.name}' (${ref.displayName})`;
}

/** Distinct internal ids, in first-seen order. */
export function itemIdsToLookUp(refs: readonly ItemRef[]): string[] {
  const out = new Set<string>();
  for (const r of refs) if (r.kind === 'internalId') out.add(r.id);
  return [...out];
}

/** Distinct names (case-insensitively; the first spelling seen is kept), in first-seen order. */
export function itemNamesToLookUp(refs: readonly ItemRef[]): string[] {
  const seen = new Map<string, string>();
  for (const r of refs) {
    if (r.kind !== 'name') continue;
    const key = r.name.toLowerCase();
    if (!seen.has(key)) seen.set(key, r.name);
  }
  return [...seen.values()];
}

function ofItem(item: ItemInfo, ref: ItemRef): ItemResolution {
  if (!item.isInactive) return { status: 'found', item };
  return {
    status: 'inactive',
    item,
    problem: `Item ${describeItemRef(ref)} (NetSuite item ${item.id}) is inactive in NetSuite.`,
    action: 'Reactivate the item in NetSuite, or correct the item in HotWax, then send the row again.',
  };
}

function resolveByName(name: string, displayName: string | undefined, ref: ItemRef, lookup: ItemLookup): ItemResolution | undefined {
  const candidates = lookup.byName.get(name.toLowerCase()) ?? [];
  if (candidates.length === 0) return undefined;
  if (candidates.length === 1 && candidates[0] !== undefined) return ofItem(candidates[0], ref);
  if (displayName !== undefined) {
    const wanted = displayName.toLowerCase();
    const same = candidates.filter((c) => (c.displayName ?? '').trim().toLowerCase() === wanted);
    if (same.length === 1 && same[0] !== undefined) return ofItem(same[0], ref);
  }
  return {
    status: 'ambiguous',
    candidates,
    problem: `Item ${describeItemRef(ref)} matches ${candidates.length} NetSuite items (internal ids ${candidates.map((c) => c.id).join(', ')}).`,
    action: 'Send the NetSuite internal id of the item from HotWax instead of the name, or make the item names unique in NetSuite.',
  };
}

/**
 * Resolves each reference (same order as `refs`).
 *  - internal id: the item with that id. If no item has it, a name lookup of the same digits is tried,
 *    because some retailers use numeric SKUs; it only succeeds if the adapter also loaded that name.
 *  - name: items whose name matches case-insensitively. Several items with one name are ambiguous unless
 *    the display name after '|' picks exactly one of them; a single match ignores the display name
 *    (display names change more often than SKUs).
 *  - an inactive item is reported as inactive, never used.
 */
export function resolveItemRefs(refs: readonly ItemRef[], lookup: ItemLookup): ItemResolution[] {
  return refs.map((ref): ItemResolution => {
    if (ref.kind === 'internalId') {
      const item = lookup.byId.get(ref.id);
      if (item) return ofItem(item, ref);
      const byName = resolveByName(ref.id, undefined, ref, lookup);
      if (byName) return byName;
      return {
        status: 'unknown',
        problem: `Item ${describeItemRef(ref)} does not exist in NetSuite.`,
        action: "Check the item's external id mapping in HotWax (it must be the NetSuite internal id), then send the row again.",
      };
    }
    const found = resolveByName(ref.name, ref.displayName, ref, lookup);
    if (found) return found;
    return {
      status: 'unknown',
      problem: `Item ${describeItemRef(ref)} was not found in NetSuite (no item has this name/SKU).`,
      action: 'Create the item in NetSuite or correct the SKU in HotWax, then send the row again.',
    };
  });
}
