/**
 * From the saved search's CSV (one row per item x location, SEARCH_LABELS columns) to HotWax's reset rows.
 *
 * HotWax's daily inventory CSV is `Item,externalFacilityId,availableQty,idValue` (HOTWAX.md): item name,
 * NetSuite location internal id, available quantity, item internal id. We add `onHandQty` last, so a reader
 * that takes the first four columns by position still works (docs/inventory-export.md).
 *
 * Rules:
 *  - every row is exported, zero and negative quantities included: a reset must also clear what HotWax
 *    believes is in stock; an empty quantity (NetSuite shows none for an item never stocked at a location) is 0;
 *  - the item name loses any parent prefix: NetSuite shows a sub-item as "Parent : Child", HotWax knows "Child";
 *  - a row without an item id, a location id or a readable quantity is not exported and is counted, with its
 *    line, in the rejections (HotWax then keeps what it had for that pair: better than a wrong reset);
 *  - the search is sorted by item then location, so a repeated pair is the previous row's: it is dropped;
 *  - a one-location snapshot must hold only that location: another location means the search changed under
 *    the task, and the whole snapshot is refused (IntegrationError).
 */
import { IntegrationError } from '../integrationError';

export const HOTWAX_INVENTORY_HEADER = ['Item', 'externalFacilityId', 'availableQty', 'idValue', 'onHandQty'] as const;

export interface SearchLabels {
  itemId: string;
  itemName: string;
  locationId: string;
  onHand: string;
  available: string;
}

export interface Rejection {
  line: number;
  reason: string;
}

export interface SnapshotStats {
  rows: number;
  items: number;
  locations: number;
  rejected: number;
  duplicates: number;
  /** The first rejections, for the record and the log. */
  rejections: Rejection[];
}

const KEPT_REJECTIONS = 20;

/** "Parent : Child" -> "Child"; "A : B : C" -> "C"; a name without " : " stays as it is (trimmed). */
export function itemNameWithoutParent(name: string): string {
  const at = name.lastIndexOf(' : ');
  return (at < 0 ? name : name.slice(at + 3)).trim();
}

/**
 * A quantity as the search shows it: '' is 0, '-3', '1.5', and '1,234.5' (grouped, which a CSV holds quoted).
 * Anything else is undefined.
 */
export function parseQuantity(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return 0;
  const plain = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replace(/,/g, '') : t;
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(plain)) return undefined;
  return Number(plain);
}

/** A quantity for HotWax: plain decimal, no exponent, at most 6 decimals, no "-0". */
export function formatQuantity(n: number): string {
  const rounded = Math.round(n * 1e6) / 1e6;
  if (rounded === 0) return '0';
  if (Number.isInteger(rounded)) return String(rounded);
  return rounded.toFixed(6).replace(/0+$/, '');
}

const INTERNAL_ID = /^\d+$/;

export class SnapshotMapper {
  private index: Record<keyof SearchLabels, number> | undefined;
  private previousKey = '';
  private readonly items = new Set<string>();
  private readonly locations = new Set<string>();
  private readonly stats: SnapshotStats = { rows: 0, items: 0, locations: 0, rejected: 0, duplicates: 0, rejections: [] };

  constructor(
    private readonly labels: SearchLabels,
    private readonly onlyLocationId?: string,
  ) {}

  /** Finds the columns by label; throws IntegrationError naming the ones missing. */
  header(cells: readonly string[]): void {
    const names = cells.map((c) => c.trim());
    const index = {} as Record<keyof SearchLabels, number>;
    const missing: string[] = [];
    for (const [field, label] of Object.entries(this.labels) as [keyof SearchLabels, string][]) {
      const at = names.indexOf(label);
      if (at < 0) missing.push(label);
      index[field] = at;
    }
    if (missing.length > 0) {
      throw new IntegrationError('SNAPSHOT_COLUMNS_MISSING', `The search results have no column ${missing.map((m) => `"${m}"`).join(', ')} (header: ${names.join(',')}). The saved search's columns belong to the script: run it again to restore them.`);
    }
    this.index = index;
  }

  get hasHeader(): boolean {
    return this.index !== undefined;
  }

  private reject(line: number, reason: string): undefined {
    this.stats.rejected += 1;
    if (this.stats.rejections.length < KEPT_REJECTIONS) this.stats.rejections.push({ line, reason });
    return undefined;
  }

  /** HotWax's row for one search row, or undefined when the row is rejected or repeated. */
  row(cells: readonly string[], line: number): string[] | undefined {
    const index = this.index;
    if (!index) throw new IntegrationError('SNAPSHOT_NO_HEADER', 'The search results have no header row.');
    const cell = (field: keyof SearchLabels): string => (cells[index[field]] ?? '').trim();
    const itemId = cell('itemId');
    const locationId = cell('locationId');
    if (!INTERNAL_ID.test(itemId)) return this.reject(line, `item internal id "${itemId}" is not a number`);
    if (!INTERNAL_ID.test(locationId)) return this.reject(line, `location internal id "${locationId}" is not a number`);
    if (this.onlyLocationId !== undefined && locationId !== this.onlyLocationId) {
      throw new IntegrationError('SNAPSHOT_FOREIGN_LOCATION', `Line ${line} is for location ${locationId}, but this snapshot is for location ${this.onlyLocationId} only: the one-location search changed while the task ran.`);
    }
    const onHand = parseQuantity(cell('onHand'));
    const available = parseQuantity(cell('available'));
    if (onHand === undefined || available === undefined) return this.reject(line, `quantity "${onHand === undefined ? cell('onHand') : cell('available')}" is not a number`);
    const name = itemNameWithoutParent(cell('itemName'));
    if (name === '') return this.reject(line, `item ${itemId} has no name`);
    const key = `${itemId}@${locationId}`;
    if (key === this.previousKey) {
      this.stats.duplicates += 1;
      return this.reject(line, `item ${itemId} at location ${locationId} repeats the previous row`);
    }
    this.previousKey = key;
    this.items.add(itemId);
    this.locations.add(locationId);
    this.stats.rows += 1;
    return [name, locationId, formatQuantity(available), itemId, formatQuantity(onHand)];
  }

  summary(): SnapshotStats {
    return { ...this.stats, items: this.items.size, locations: this.locations.size, rejections: [...this.stats.rejections] };
  }
}
