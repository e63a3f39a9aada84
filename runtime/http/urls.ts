// NetSuite URL shapes the local server answers and N/url returns (paths only; the host is the server's).
//  - Suitelet: /app/site/hosting/scriptlet.nl?script=<script>&deploy=<deployment> (Oracle help "Suitelet
//    Script Deployment Page Body Fields" / url.resolveScript). NetSuite prints numeric internal ids there;
//    ns-local prints the script ids, which NetSuite also accepts in that URL [U].
//  - Records: the record's task page with ?id=<internal id> (url.resolveRecord): transactions under
//    /app/accounting/transactions/<code>.nl, items /app/common/item/item.nl, custom records
//    /app/common/custom/custrecordentry.nl?rectype=<type>&id=<id> [U: the custom-record rectype is a
//    number in NetSuite; ns-local uses the script id].
export const SUITELET_PATH = '/app/site/hosting/scriptlet.nl';
export const CUSTOM_RECORD_PATH = '/app/common/custom/custrecordentry.nl';

const TRANSACTION_PAGES: Record<string, string> = {
  inventoryadjustment: 'invadjst',
  inventorytransfer: 'invtrnfr',
  itemreceipt: 'itemrcpt',
  purchaseorder: 'purchord',
  salesorder: 'salesord',
  transferorder: 'trnfrord',
  itemfulfillment: 'itemship',
  vendorbill: 'vendbill',
  invoice: 'custinvc',
  journalentry: 'journal',
};

const OTHER_PAGES: Record<string, string> = {
  inventoryitem: '/app/common/item/item.nl',
  lotnumberedinventoryitem: '/app/common/item/item.nl',
  serializedinventoryitem: '/app/common/item/item.nl',
  assemblyitem: '/app/common/item/item.nl',
  location: '/app/common/otherlists/locationtype.nl',
  vendor: '/app/common/entity/vendor.nl',
  customer: '/app/common/entity/custjob.nl',
  employee: '/app/common/entity/employee.nl',
  subsidiary: '/app/common/otherlists/subsidiarytype.nl',
  account: '/app/accounting/account/account.nl',
  scriptdeployment: '/app/common/scripting/scriptrecord.nl',
};

export function recordPath(recordType: string, id: string | number): string {
  const type = recordType.toLowerCase();
  const q = `id=${encodeURIComponent(String(id))}`;
  if (type.startsWith('customrecord')) return `${CUSTOM_RECORD_PATH}?rectype=${encodeURIComponent(type)}&${q}`;
  const tran = TRANSACTION_PAGES[type];
  if (tran) return `/app/accounting/transactions/${tran}.nl?${q}`;
  const other = OTHER_PAGES[type];
  return `${other ?? `/app/common/record/${encodeURIComponent(type)}.nl`}?${q}`;
}

/** The record type a record page path stands for (undefined: not a record page, or any type by id). */
export function recordTypesForPath(pathname: string): string[] | undefined {
  for (const [type, code] of Object.entries(TRANSACTION_PAGES)) if (pathname === `/app/accounting/transactions/${code}.nl`) return [type];
  const others = Object.entries(OTHER_PAGES).filter(([, p]) => p === pathname).map(([t]) => t);
  if (others.length > 0) return others;
  const generic = /^\/app\/common\/record\/([a-z0-9_]+)\.nl$/.exec(pathname);
  return generic?.[1] ? [generic[1]] : undefined;
}

export function suiteletPath(scriptId: string, deploymentId: string, params: Record<string, string | number | boolean> = {}): string {
  const q = new URLSearchParams({ script: scriptId, deploy: deploymentId });
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) q.append(k, String(v));
  return `${SUITELET_PATH}?${q.toString()}`;
}
