// The closed set of XML elements per SDF object type, taken from ../shared/SDF-FIELDS.md (which cites Oracle's
// SDF XML reference page per type, [O], or Salto's generated types, [S]). An element that is not listed here
// is an error; a rule the reference leaves open ([U] there) is a warning whose message says so.
//
// Section numbers below (§4.1, §6, ...) are SDF-FIELDS.md's. Keep this file data only: the walker that applies
// it is tools/sdf/schemaCheck.ts.

/** How a leaf element's text is checked. Empty text is always accepted for optional elements (exported objects carry `<defaultvalue/>`, §1). */
export type ValueType =
  | { kind: 'bool' }
  | { kind: 'text'; max?: number }
  | { kind: 'int'; min?: number; max?: number }
  /** One value of a list; `refs` also admits a `[scriptid=...]` reference; `multi` admits pipe-separated values. */
  | { kind: 'enum'; list: string; values: readonly string[]; refs?: boolean; multi?: boolean }
  /** A `[scriptid=...]` reference to another SDF object. */
  | { kind: 'ref' }
  /** A File Cabinet path in brackets ending in .js (§1: "A script file must be a .js file"). */
  | { kind: 'jsfile' }
  /** `YYYY-MM-DD` (§5). */
  | { kind: 'date' }
  /** `HH:MM:SSZ` (§5). */
  | { kind: 'time' }
  /** A selectrecordtype: a custom list / record reference or a negative standard id (§12). */
  | { kind: 'selectrecordtype' }
  | { kind: 'string' };

export interface ElementRule {
  type?: ValueType;
  required?: boolean;
  /** When the element is set (non-empty, and not F for a flag), the manifest must reference this feature. */
  feature?: string;
  /** The element holds internal ids, which SDF refuses ("Account-specific values are not supported by SDF", §1). */
  accountSpecific?: boolean;
  /** A structured element: its children. */
  children?: ElementSet;
  /** A list element (scriptdeployments, fieldmappings, ...): every child must be `item` with this structure. */
  list?: { item: string; set: ElementSet };
  /** Where SDF-FIELDS.md marks this element [U]: the reason, printed with a warning when the element is used. */
  unverified?: string;
}

export interface ElementSet {
  /** Human name used in messages, e.g. "scheduledscript deployment". */
  name: string;
  elements: Readonly<Record<string, ElementRule>>;
  /** The element carries a scriptid attribute (required). */
  scriptIdAttr?: boolean;
}

// ---------------------------------------------------------------------------------------------- value lists (§2)

const BOOL: ValueType = { kind: 'bool' };
const TEXT = (max?: number): ValueType => (max === undefined ? { kind: 'text' } : { kind: 'text', max });
const STRING: ValueType = { kind: 'string' };
const enumOf = (list: string, values: readonly string[], extra: { refs?: boolean; multi?: boolean } = {}): ValueType => ({ kind: 'enum', list, values, ...extra });

export const SCRIPT_STATUS = ['TESTING', 'RELEASED', 'SCHEDULED', 'NOTSCHEDULED', 'INPROGRESS', 'INQUEUE', 'COMPLETED'] as const;
export const SCRIPT_LOGLEVEL = ['DEBUG', 'AUDIT', 'ERROR', 'EMERGENCY', 'SYSTEM', 'INTERNAL'] as const;
export const REPEAT_TIME = ['PT15M', 'PT30M', 'PT1H', 'PT2H', 'PT4H', 'PT6H', 'PT8H', 'PT12H'] as const;
const ORDER_OF_WEEK = ['FIRST', 'SECOND', 'THIRD', 'FOURTH', 'LAST'] as const;
const DAY_OF_WEEK = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
export const FIELD_TYPES = [
  'CHECKBOX', 'CLOBTEXT', 'CURRENCY', 'DATE', 'DATETIMETZ', 'DOCUMENT', 'EMAIL', 'FLOAT', 'HELP', 'IMAGE', 'INLINEHTML',
  'INTEGER', 'MULTISELECT', 'PASSWORD', 'PERCENT', 'PHONE', 'RICHTEXT', 'SELECT', 'TEXT', 'TEXTAREA', 'TIMEOFDAY', 'URL',
] as const;
const DISPLAY_TYPES = ['NORMAL', 'HIDDEN', 'LOCKED', 'SHOWASLIST', 'STATICTEXT'] as const;
const DYNAMIC_DEFAULTS = ['DEPARTMENT', 'LOCATION', 'ME', 'NOW', 'SUBSIDIARY', 'SUPERVISOR'] as const;
const ON_PARENT_DELETE = ['NO_ACTION', 'SET_NULL'] as const;
const ACCESS_LEVEL = ['0', '1', '2'] as const;
const COMPARE_TYPES = ['EQ', 'NE', 'GT', 'GTE', 'LT', 'LTE', 'LIKE', 'NOTLIKE'] as const;
const SCRIPT_SETTING = ['COMPANY', 'PORTLET', 'USER'] as const;
const PERMISSION_LEVEL = ['NONE', 'VIEW', 'CREATE', 'EDIT', 'FULL'] as const;
const ROLE_RESTRICT = ['EDIT', 'VIEWANDEDIT'] as const;
const EVENT_TYPES = [
  'APPROVE', 'CANCEL', 'CHANGEPASSWORD', 'COPY', 'CREATE', 'DELETE', 'DROPSHIP', 'EDIT', 'EDITFORECAST', 'EMAIL', 'GET', 'MARKCOMPLETE',
  'ORDERITEMS', 'PACK', 'PAYBILLS', 'POST', 'PRINT', 'QUICKVIEW', 'REASSIGN', 'REJECT', 'RETRACT', 'SAVESUBMIT', 'SHIP', 'SPECIALORDER',
  'TRANSFORM', 'VIEW', 'XEDIT',
] as const;
const EXECUTION_CONTEXTS = [
  'ACTION', 'ADVANCEDREVREC', 'BANKCONNECTIVITY', 'BANKSTATEMENTPARSER', 'BUNDLEINSTALLATION', 'CLIENT', 'CONSOLRATEADJUSTOR', 'CSVIMPORT',
  'CUSTOMGLLINES', 'CUSTOMMASSUPDATE', 'DATASETBUILDER', 'DEBUGGER', 'EMAILCAPTURE', 'FICONNECTIVITY', 'FIPARSER', 'MAPREDUCE', 'OFFLINECLIENT',
  'OTHER', 'PAYMENTGATEWAY', 'PAYMENTPOSTBACK', 'PLATFORMEXTENSION', 'PORTLET', 'PROMOTIONS', 'RECORDACTION', 'RESTLET', 'RESTWEBSERVICES',
  'SCHEDULED', 'SDFINSTALLATION', 'SHIPPINGPARTNERS', 'SUITELET', 'TAXCALCULATION', 'USEREVENT', 'USERINTERFACE', 'WEBAPPLICATION',
  'WEBSERVICES', 'WEBSTORE', 'WORKBOOKBUILDER', 'WORKFLOW',
] as const;
/**
 * generic_role: SDF-FIELDS.md §2 gives the list's size (58) and examples, not every value. The ones below are
 * the examples; any other upper-case id is accepted with a warning (see schemaCheck), a customrole reference always.
 */
export const KNOWN_ROLES = ['ADMINISTRATOR', 'FULL_ACCESS', 'SYSTEM_ADMINISTRATOR', 'DEVELOPER', 'WAREHOUSE_MANAGER', '_ALL_ROLES'] as const;
const ROLE: ValueType = enumOf('generic_role', KNOWN_ROLES, { refs: true });
const ROLES: ValueType = enumOf('generic_role', KNOWN_ROLES, { refs: true, multi: true });

// ---------------------------------------------------------------------------------------------- scripts (§3, §4, §5)

export const SCRIPT_TYPES = ['scheduledscript', 'mapreducescript', 'suitelet', 'restlet', 'usereventscript', 'clientscript'] as const;
export type SchemaScriptType = (typeof SCRIPT_TYPES)[number];

const RECURRENCE_COMMON: Record<string, ElementRule> = {
  startdate: { type: { kind: 'date' }, required: true },
  starttime: { type: { kind: 'time' }, required: true },
  repeat: { type: enumOf('generic_repeat_time', REPEAT_TIME) },
};
const EVERY = (min: number, max: number): ElementRule => ({ type: { kind: 'int', min, max }, required: true });
const withEnd = (extra: Record<string, ElementRule>): Record<string, ElementRule> => ({ ...RECURRENCE_COMMON, enddate: { type: { kind: 'date' } }, ...extra });
const WEEKDAY_FLAG: ElementRule = { type: BOOL, required: true };

/** §5: the recurrence variants and their children. Only daily and single are [O]; the rest are [S]. */
export const RECURRENCE: ElementSet = {
  name: 'recurrence',
  elements: {
    single: { children: { name: 'recurrence single', elements: { ...RECURRENCE_COMMON } } },
    daily: { children: { name: 'recurrence daily', elements: withEnd({ everyxdays: EVERY(1, 1000) }) } },
    everyweekday: { children: { name: 'recurrence everyweekday', elements: withEnd({}) } },
    weekly: {
      children: {
        name: 'recurrence weekly',
        elements: withEnd({
          everyxweeks: EVERY(1, 1000),
          sunday: WEEKDAY_FLAG,
          monday: WEEKDAY_FLAG,
          tuesday: WEEKDAY_FLAG,
          wednesday: WEEKDAY_FLAG,
          thursday: WEEKDAY_FLAG,
          friday: WEEKDAY_FLAG,
          saturday: WEEKDAY_FLAG,
        }),
      },
    },
    monthly: { children: { name: 'recurrence monthly', elements: withEnd({ everyxmonths: EVERY(1, 1000) }) } },
    monthlydayofweek: {
      children: {
        name: 'recurrence monthlydayofweek',
        elements: withEnd({
          orderofweek: { type: enumOf('generic_order_of_week', ORDER_OF_WEEK), required: true },
          dayofweek: { type: enumOf('generic_day_of_week', DAY_OF_WEEK), required: true },
          everyxmonths: EVERY(1, 1000),
        }),
      },
    },
    yearly: { children: { name: 'recurrence yearly', elements: withEnd({}) } },
    yearlydayofweek: {
      children: {
        name: 'recurrence yearlydayofweek',
        elements: withEnd({
          orderofweek: { type: enumOf('generic_order_of_week', ORDER_OF_WEEK), required: true },
          dayofweek: { type: enumOf('generic_day_of_week', DAY_OF_WEEK), required: true },
        }),
      },
    },
  },
};

type Col = Partial<Record<SchemaScriptType, 'R' | 'Y'>>;
const ALL_BUT_SCHED_MR: Col = { suitelet: 'Y', restlet: 'Y', usereventscript: 'Y', clientscript: 'Y' };

/** §4.1: which deployment element appears on which script type's deployment (R required, Y allowed). */
const DEPLOYMENT_MATRIX: Record<string, { on: Col; rule: ElementRule }> = {
  status: { on: { scheduledscript: 'R', mapreducescript: 'R', suitelet: 'R', restlet: 'R', usereventscript: 'R', clientscript: 'R' }, rule: { type: enumOf('script_status', SCRIPT_STATUS) } },
  title: { on: { scheduledscript: 'R', mapreducescript: 'R', suitelet: 'R', restlet: 'R' }, rule: { type: TEXT() } },
  recordtype: { on: { usereventscript: 'R', clientscript: 'R' }, rule: { type: STRING } },
  allemployees: { on: ALL_BUT_SCHED_MR, rule: { type: BOOL } },
  allpartners: { on: ALL_BUT_SCHED_MR, rule: { type: BOOL, feature: 'CRM' } },
  allroles: { on: ALL_BUT_SCHED_MR, rule: { type: BOOL } },
  auddepartment: { on: ALL_BUT_SCHED_MR, rule: { type: STRING, feature: 'DEPARTMENTS', accountSpecific: true } },
  audemployee: { on: ALL_BUT_SCHED_MR, rule: { type: STRING, accountSpecific: true } },
  audgroup: { on: ALL_BUT_SCHED_MR, rule: { type: STRING, accountSpecific: true } },
  audpartner: { on: ALL_BUT_SCHED_MR, rule: { type: STRING, feature: 'CRM', accountSpecific: true } },
  audslctrole: { on: ALL_BUT_SCHED_MR, rule: { type: ROLES } },
  audsubsidiary: { on: ALL_BUT_SCHED_MR, rule: { type: STRING, feature: 'SUBSIDIARIES', accountSpecific: true } },
  eventtype: { on: { suitelet: 'Y', usereventscript: 'Y', clientscript: 'Y' }, rule: { type: enumOf('script_eventtype', EVENT_TYPES) } },
  isdeployed: { on: { scheduledscript: 'Y', mapreducescript: 'Y', suitelet: 'Y', restlet: 'Y', usereventscript: 'Y', clientscript: 'Y' }, rule: { type: BOOL } },
  isonline: { on: { suitelet: 'Y' }, rule: { type: BOOL } },
  loglevel: { on: { scheduledscript: 'Y', mapreducescript: 'Y', suitelet: 'Y', restlet: 'Y', usereventscript: 'Y', clientscript: 'Y' }, rule: { type: enumOf('script_loglevel', SCRIPT_LOGLEVEL) } },
  runasrole: { on: { mapreducescript: 'Y', suitelet: 'Y', usereventscript: 'Y' }, rule: { type: ROLE } },
  buffersize: { on: { mapreducescript: 'Y' }, rule: { type: { kind: 'int', min: 1 } } },
  concurrencylimit: { on: { mapreducescript: 'Y' }, rule: { type: { kind: 'int', min: 1 } } },
  queueallstagesatonce: { on: { mapreducescript: 'Y' }, rule: { type: BOOL } },
  yieldaftermins: { on: { mapreducescript: 'Y' }, rule: { type: { kind: 'int', min: 3, max: 60 } } },
  alllocalizationcontexts: { on: { usereventscript: 'Y', clientscript: 'Y' }, rule: { type: BOOL } },
  executioncontext: { on: { usereventscript: 'Y', clientscript: 'Y' }, rule: { type: enumOf('execution_context', EXECUTION_CONTEXTS, { multi: true }) } },
  localizationcontext: { on: { usereventscript: 'Y', clientscript: 'Y' }, rule: { type: STRING } },
  links: {
    on: { suitelet: 'Y' },
    rule: {
      list: {
        item: 'link',
        set: { name: 'suitelet link', elements: { linkcategory: { type: STRING, required: true }, linktasktype: { type: enumOf('suiteletdeployment_tasktype', ['SCRIPT']), required: true }, linklabel: { type: TEXT() } } },
      },
    },
  },
  recurrence: { on: { scheduledscript: 'Y', mapreducescript: 'Y' }, rule: { children: RECURRENCE } },
};

/** The deployment element set of one script type (§4.1). Deployment parameter values (custscript_...) are checked by the walker. */
export function deploymentSet(type: SchemaScriptType): ElementSet {
  const elements: Record<string, ElementRule> = {};
  for (const [name, { on, rule }] of Object.entries(DEPLOYMENT_MATRIX)) {
    const mark = on[type];
    if (mark !== undefined) elements[name] = { ...rule, required: mark === 'R' };
  }
  if (type === 'restlet' || type === 'usereventscript') {
    for (const rule of Object.values(elements)) rule.unverified ??= `the ${type} deployment set comes from Salto only (SDF-FIELDS.md §4.1, §14.1)`;
  }
  return { name: `${type} deployment`, elements, scriptIdAttr: true };
}

// ---------------------------------------------------------------------------------------------- custom fields (§6, §7)

const FIELD_FILTER: ElementSet = {
  name: 'customfieldfilter',
  elements: {
    fldfilter: { type: STRING, required: true },
    fldfilterchecked: { type: BOOL },
    fldfiltercomparetype: { type: enumOf('generic_customfield_fldfiltercomparetype', COMPARE_TYPES) },
    fldfiltersel: { type: STRING },
    fldfilterval: { type: STRING },
    fldfilternotnull: { type: BOOL },
    fldfilternull: { type: BOOL },
    fldcomparefield: { type: STRING },
  },
};

const ROLE_ACCESS: ElementSet = {
  name: 'roleaccess',
  elements: {
    role: { type: ROLE, required: true },
    accesslevel: { type: enumOf('generic_accesslevel_searchlevel', ACCESS_LEVEL), required: true },
    searchlevel: { type: enumOf('generic_accesslevel_searchlevel', ACCESS_LEVEL), required: true },
  },
};

/** §6: the elements every custom field kind shares. */
const FIELD_CORE: Record<string, ElementRule> = {
  fieldtype: { type: enumOf('generic_customfield_fieldtype', FIELD_TYPES), required: true },
  label: { type: TEXT(200), required: true },
  selectrecordtype: { type: { kind: 'selectrecordtype' } },
  applyformatting: { type: BOOL },
  defaultchecked: { type: BOOL },
  defaultselection: { type: STRING },
  defaultvalue: { type: STRING },
  description: { type: STRING },
  displaytype: { type: enumOf('generic_customfield_displaytype', DISPLAY_TYPES) },
  dynamicdefault: { type: enumOf('generic_customfield_dynamicdefault', DYNAMIC_DEFAULTS) },
  help: { type: TEXT() },
  linktext: { type: STRING },
  minvalue: { type: STRING },
  maxvalue: { type: STRING },
  storevalue: { type: BOOL },
  accesslevel: { type: enumOf('generic_accesslevel_searchlevel', ACCESS_LEVEL) },
  displayheight: { type: { kind: 'int', min: 0 } },
  displaywidth: { type: { kind: 'int', min: 0 } },
  isformula: { type: BOOL },
  ismandatory: { type: BOOL },
  maxlength: { type: STRING },
  onparentdelete: { type: enumOf('generic_customfield_onparentdelete', ON_PARENT_DELETE) },
  searchcomparefield: { type: STRING },
  searchdefault: { type: STRING },
  searchlevel: { type: enumOf('generic_accesslevel_searchlevel', ACCESS_LEVEL) },
  customfieldfilters: { list: { item: 'customfieldfilter', set: FIELD_FILTER } },
  roleaccesses: { list: { item: 'roleaccess', set: ROLE_ACCESS } },
};

const flags = (names: readonly string[]): Record<string, ElementRule> => Object.fromEntries(names.map((n) => [n, { type: BOOL }]));
const SOURCING = { sourcefilterby: { type: STRING }, sourcefrom: { type: STRING }, sourcelist: { type: STRING } };
const PARENTING = { isparent: { type: BOOL }, parentsubtab: { type: STRING }, subtab: { type: STRING } };

/** A bool flag that needs a feature when set to T. */
const flag = (feature?: string, unverified?: string): ElementRule => ({ type: BOOL, ...(feature ? { feature } : {}), ...(unverified ? { unverified } : {}) });

/** §7.1: transactionbodycustomfield body* flags and their features [S]. */
export const BODY_FLAGS: Record<string, ElementRule> = {
  bodyassemblybuild: flag('ASSEMBLIES'),
  bodybom: flag('WORKORDERS'),
  bodycustomerpayment: flag('RECEIVABLES'),
  bodydeposit: flag(),
  bodydepositapplication: flag(),
  bodyexpensereport: flag('EXPREPORTS'),
  bodyinventoryadjustment: flag('INVENTORY'),
  bodyfulfillmentrequest: flag('FULFILLMENTREQUEST'),
  bodystorepickup: flag('STOREPICKUP'),
  bodyitemfulfillment: flag('ACCOUNTING'),
  bodyitemfulfillmentorder: flag('ACCOUNTING'),
  bodyitemreceipt: flag('ADVRECEIVING'),
  bodyitemreceiptorder: flag('ADVRECEIVING'),
  bodyjournal: flag('ACCOUNTING'),
  bodyperiodendjournal: flag('PERIODENDJOURNALENTRIES'),
  bodyopportunity: flag('OPPORTUNITIES'),
  bodyothertransaction: flag(),
  bodypaycheck: flag('PAYCHECKJOURNAL'),
  bodypickingticket: flag(),
  bodyprintflag: flag(),
  bodyprintpackingslip: flag('ACCOUNTING'),
  bodyprintstatement: flag('ACCOUNTING'),
  bodypurchase: flag('ACCOUNTING'),
  bodysale: flag(),
  bodystore: flag('WEBSTORE'),
  bodytransferorder: flag('MULTILOCINVT'),
  bodyvendorpayment: flag('PAYABLES'),
  bodybtegata: flag('ACCOUNTING'),
  bodycustomtransactions: { type: STRING, feature: 'CUSTOMTRANSACTIONS' },
};

/** §7.2: transactioncolumncustomfield col* flags and their features [S]. */
export const COLUMN_FLAGS: Record<string, ElementRule> = {
  colbuild: flag('WORKORDERS'),
  colexpense: flag('ACCOUNTING'),
  colexpensereport: flag('EXPREPORTS'),
  colgrouponinvoices: flag(),
  colinventoryadjustment: flag('ACCOUNTING', 'Salto records ACCOUNTING (not INVENTORY) as its feature (SDF-FIELDS.md §7.2, §14.2)'),
  colfulfillmentrequest: flag('FULFILLMENTREQUEST'),
  colstorepickup: flag('STOREPICKUP'),
  colitemfulfillment: flag('ACCOUNTING'),
  colitemfulfillmentorder: { type: STRING, feature: 'ACCOUNTING' },
  colitemreceipt: flag('ADVRECEIVING'),
  colitemreceiptorder: { type: STRING, feature: 'ADVRECEIVING' },
  coljournal: flag('ACCOUNTING'),
  colperiodendjournal: flag('PERIODENDJOURNALENTRIES'),
  colkititem: flag(),
  colopportunity: flag('OPPORTUNITIES'),
  colpackingslip: flag('ACCOUNTING'),
  colpaycheckcompanycontribution: flag('PAYCHECKJOURNAL'),
  colpaycheckcompanytax: flag('PAYCHECKJOURNAL'),
  colpaycheckdeduction: flag('PAYCHECKJOURNAL'),
  colpaycheckearning: flag('PAYCHECKJOURNAL'),
  colpaycheckemployeetax: flag('PAYCHECKJOURNAL'),
  colpickingticket: flag(),
  colprintflag: flag(),
  colpurchase: flag('ACCOUNTING'),
  colreturnform: flag('ACCOUNTING'),
  colsale: flag(),
  colstore: flag('WEBSITE'),
  colstorehidden: flag('WEBSITE'),
  colstorewithgroups: flag(),
  coltime: flag('TIMETRACKING'),
  coltransferorder: flag('MULTILOCINVT'),
  columncustomtransactions: { type: STRING, feature: 'CUSTOMTRANSACTIONS' },
};

/** §7.3 item appliesto* flags. */
const ITEM_FLAGS: Record<string, ElementRule> = {
  appliestogroup: flag(),
  appliestokit: flag(),
  appliestoinventory: flag('INVENTORY'),
  appliestoitemassembly: flag('ASSEMBLIES'),
  appliestononinventory: flag(),
  appliestoothercharge: flag(),
  appliestopricelist: flag(),
  appliestoservice: flag(),
  appliestospecificitems: flag(),
  appliestosubplan: flag(),
  appliestoexpense: flag('CHARGEBASEDBILLING'),
  includechilditems: flag(),
  itemmatrix: flag('MATRIXITEMS'),
  ismhitemattribute: flag('MERCHANDISEHIERARCHY'),
  itemsubtype: { type: enumOf('itemsubtype', ['PURCHASE', 'SALE', 'BOTH']) },
};

/** §7.4 entity appliesto* flags. */
const ENTITY_FLAGS: Record<string, ElementRule> = {
  appliestocontact: flag(),
  appliestocustomer: flag(),
  appliestoemployee: flag(),
  appliestogenericrsrc: flag('ADVANCEDJOBS'),
  appliestogroup: flag(),
  appliestoothername: flag(),
  appliestopartner: flag('CRM'),
  appliestopricelist: flag(),
  appliestoproject: flag('JOBS'),
  appliestoprojecttemplate: flag(),
  appliestostatement: flag(),
  appliestovendor: flag('ACCOUNTING'),
  appliestowebsite: flag('WEBSITE'),
  availableexternally: flag(),
  availabletosso: flag('SUITESIGNON'),
};

const fieldSet = (name: string, extra: Record<string, ElementRule>): ElementSet => ({ name, elements: { ...FIELD_CORE, ...extra }, scriptIdAttr: true });

export const SCRIPT_CUSTOM_FIELD = fieldSet('scriptcustomfield', { checkspelling: { type: BOOL }, setting: { type: enumOf('script_setting', SCRIPT_SETTING) } });
export const RECORD_CUSTOM_FIELD = fieldSet('customrecordcustomfield', {
  checkspelling: { type: BOOL },
  encryptatrest: { type: BOOL },
  globalsearch: { type: BOOL },
  showinlist: { type: BOOL },
  ...SOURCING,
  ...PARENTING,
  allowquickadd: { type: BOOL },
  rolerestrict: { type: BOOL },
});

// ---------------------------------------------------------------------------------------------- object types

const scriptHeader = (type: SchemaScriptType): Record<string, ElementRule> => ({
  name: { type: TEXT(40), required: true },
  scriptfile: { type: { kind: 'jsfile' }, required: true },
  description: { type: TEXT(999) },
  isinactive: { type: BOOL },
  notifyadmins: { type: BOOL },
  notifyemails: { type: TEXT(999) },
  notifygroup: { type: STRING, accountSpecific: true },
  notifyowner: { type: BOOL },
  ...(type === 'scheduledscript' || type === 'mapreducescript' ? {} : { notifyuser: { type: BOOL } }),
  ...(type === 'scheduledscript' || type === 'suitelet' ? { defaultfunction: { type: STRING } } : {}),
});

const PLUGIN_TYPES: ElementRule = { list: { item: 'plugintype', set: { name: 'plugintype', elements: { plugintype: { type: { kind: 'ref' }, required: true } } } } };
const LIBRARIES: ElementRule = { list: { item: 'library', set: { name: 'library', elements: { scriptfile: { type: { kind: 'jsfile' }, required: true } } } } };
const BUTTONS: ElementRule = { list: { item: 'button', set: { name: 'button', elements: { buttonlabel: { type: TEXT(), required: true }, buttonfunction: { type: STRING } } } } };

const SCRIPT_EXTRA: Record<SchemaScriptType, Record<string, ElementRule>> = {
  scheduledscript: { customplugintypes: PLUGIN_TYPES, libraries: LIBRARIES },
  mapreducescript: { customplugintypes: PLUGIN_TYPES },
  suitelet: { customplugintypes: PLUGIN_TYPES, libraries: LIBRARIES },
  restlet: {
    deletefunction: { type: STRING },
    getfunction: { type: STRING },
    postfunction: { type: STRING },
    putfunction: { type: STRING },
    customplugintypes: PLUGIN_TYPES,
    libraries: LIBRARIES,
  },
  usereventscript: {
    aftersubmitfunction: { type: STRING },
    beforeloadfunction: { type: STRING },
    beforesubmitfunction: { type: STRING },
    customplugintypes: PLUGIN_TYPES,
    libraries: LIBRARIES,
  },
  clientscript: {
    ...Object.fromEntries(
      ['fieldchangedfunction', 'lineinitfunction', 'pageinitfunction', 'postsourcingfunction', 'recalcfunction', 'saverecordfunction', 'validatedeletefunction', 'validatefieldfunction', 'validateinsertfunction', 'validatelinefunction'].map((n) => [n, { type: STRING }]),
    ),
    buttons: BUTTONS,
    libraries: LIBRARIES,
  },
};

function scriptSet(type: SchemaScriptType): ElementSet {
  return {
    name: type,
    elements: {
      ...scriptHeader(type),
      ...SCRIPT_EXTRA[type],
      scriptcustomfields: { list: { item: 'scriptcustomfield', set: SCRIPT_CUSTOM_FIELD } },
      scriptdeployments: { list: { item: 'scriptdeployment', set: deploymentSet(type) } },
    },
  };
}

/** §10 csvimport_transactionformrecordtypes: a saved import of these record types needs `transactionform` [O SDFxml_313653814]. */
export const TRANSACTION_FORM_RECORD_TYPES = [
  'ADVINTERCOMPANYJOURNALENTRY', 'CASHSALE', 'CHECK', 'CREDITCARDCHARGE', 'CREDITMEMO', 'CUSTOMERPAYMENT', 'ESTIMATE', 'EXPENSEREPORT',
  'INTERCOMPANYJOURNALENTRY', 'INVENTORYADJUSTMENT', 'INVENTORYCOSTREVALUATION', 'INVENTORYTRANSFER', 'INVOICE', 'JOURNALENTRY', 'OPPORTUNITY',
  'ORDERRESERVATION', 'PERIODENDJOURNAL', 'PURCHASEORDER', 'RETURNAUTHORIZATION', 'SALESORDER', 'STATISTICALJOURNALENTRY', 'TRANSFERORDER',
  'VENDORBILL', 'VENDORCREDIT', 'VENDORPAYMENT', 'VENDORPREPAYMENT', 'VENDORRETURNAUTHORIZATION', 'WORKORDER',
] as const;

/** §10.2: standard form per record type (the rule that they must match is [U]). */
export const STANDARD_TRANSACTION_FORMS: Readonly<Record<string, string>> = {
  INVENTORYADJUSTMENT: 'STANDARDINVENTORYADJUSTMENT',
  INVENTORYTRANSFER: 'STANDARDINVENTORYTRANSFER',
  TRANSFERORDER: 'STANDARDTRANSFERORDER',
  INVENTORYCOSTREVALUATION: 'STANDARDINVENTORYCOSTREVALUATION',
  WORKORDER: 'STANDARDWORKORDER',
};

/** §10.2 csvimport_transactionform_standard values known to SDF-FIELDS.md. */
const STANDARD_FORM_VALUES = [
  'STANDARDINVENTORYADJUSTMENT', 'STANDARDINVENTORYTRANSFER', 'STANDARDTRANSFERORDER', 'STANDARDITEMRECEIPT', 'STANDARDINVENTORYCOSTREVALUATION',
  'STANDARDINVENTORYCOUNT', 'STANDARDINVENTORYWORKSHEET', 'INVENTORYSTATUSCHANGE', 'STANDARDWORKORDER',
] as const;

/**
 * §10.3 csvimport_recordtypes: SDF-FIELDS.md lists the inventory-relevant values of the 133 and says which are NOT
 * in the list (ITEMRECEIPT, ITEMFULFILLMENT, INVENTORYCOUNT, INVENTORYSTATUSCHANGE). Others are warned about.
 */
export const CSV_RECORD_TYPES = [
  'INVENTORYADJUSTMENT', 'INVENTORYTRANSFER', 'TRANSFERORDER', 'INVENTORYCOSTREVALUATION', 'INVENTORYITEM', 'LOTNUMBEREDINVENTORYITEM',
  'SERIALIZEDINVENTORYITEM', 'BIN', 'LOCATION', 'ITEMLOCATIONCONFIGURATION', 'PURCHASEORDER', 'SALESORDER', 'CUSTOMRECORD', 'CUSTOMTRANSACTION',
  'CURRENCYRATE', 'ACCOUNT', 'ASSEMBLYITEM', 'BOM', 'CASHSALE', 'CLASSIFICATION', ...TRANSACTION_FORM_RECORD_TYPES,
] as const;
export const NOT_CSV_RECORD_TYPES = ['ITEMRECEIPT', 'ITEMFULFILLMENT', 'INVENTORYCOUNT', 'INVENTORYSTATUSCHANGE'] as const;

const COLUMN_REFERENCE: ElementSet = {
  name: 'columnreference',
  elements: {
    file: { type: STRING, required: true },
    column: { type: STRING, required: true },
    type: { type: enumOf('csvimport_referencetype', ['EXTERNAL_ID', 'INTERNAL_ID', 'NAME', 'SCRIPT_ID']) },
  },
};
const FIELD_MAPPING: ElementSet = {
  name: 'fieldmapping',
  elements: { field: { type: STRING, required: true }, value: { type: STRING }, columnreference: { children: COLUMN_REFERENCE } },
};
const RECORD_MAPPING: ElementSet = {
  name: 'recordmapping',
  elements: {
    record: { type: STRING, required: true },
    line: { type: { kind: 'int', min: 0 } },
    fieldmappings: { list: { item: 'fieldmapping', set: FIELD_MAPPING } },
  },
};

const SAVED_CSV_IMPORT: ElementSet = {
  name: 'savedcsvimport',
  elements: {
    recordtype: { type: STRING, required: true },
    importname: { type: TEXT(64), required: true },
    datahandling: { type: enumOf('csvimport_datahandling', ['ADD', 'ADDUPDATE', 'UPDATE']), required: true },
    decimaldelimiter: { type: enumOf('csvimport_decimaldelimiter', ['COMMA', 'PERIOD']), required: true },
    columndelimiter: { type: enumOf('csvimport_columndelimiter', ['COMMA', 'PIPE', 'SEMICOLON', 'SPACE', 'TAB']), required: true },
    entryform: { type: STRING },
    transactionform: { type: enumOf('csvimport_transactionform_standard', STANDARD_FORM_VALUES, { refs: true }) },
    customrecord: { type: { kind: 'ref' } },
    customtransaction: { type: { kind: 'ref' } },
    charencoding: { type: enumOf('csvimport_encoding', ['Big5', 'EUC_KR', 'GB18030', 'GBK', 'ISO_2022_KR', 'ISO_8859_1', 'MacRoman', 'SHIFT_JIS', 'UTF_8', 'windows-1252']) },
    logsystemnotescustfields: { type: BOOL },
    overwritemissingfields: { type: BOOL },
    validatemandatorycustfields: { type: BOOL },
    overwritesublists: { type: BOOL },
    ignorereadonly: { type: BOOL },
    preventduplicates: { type: BOOL },
    usemultithread: { type: BOOL },
    runserversuitescript: { type: BOOL },
    multiselectdelimiter: { type: TEXT(1) },
    description: { type: TEXT(499) },
    audience: {
      children: {
        name: 'audience',
        elements: { ispublic: { type: BOOL }, globaledit: { type: BOOL }, allemployees: { type: BOOL }, allpartners: { type: BOOL }, allroles: { type: BOOL }, roles: { type: ROLES } },
      },
    },
    filemappings: { list: { item: 'filemapping', set: { name: 'filemapping', elements: { file: { type: STRING, required: true }, primarykey: { type: STRING }, foreignkey: { type: STRING } } } } },
    recordmappings: { list: { item: 'recordmapping', set: RECORD_MAPPING } },
  },
};

const YES = (name: string): ElementRule => ({ type: BOOL, unverified: `${name}: default documented differently by Oracle and Salto (SDF-FIELDS.md §8)` });

const CUSTOM_RECORD_TYPE: ElementSet = {
  name: 'customrecordtype',
  elements: {
    recordname: { type: TEXT(40) },
    customsegment: { type: { kind: 'ref' }, feature: 'CUSTOMSEGMENTS' },
    accesstype: { type: enumOf('customrecordtype_accesstype', ['CUSTRECORDENTRYPERM', 'NONENEEDED', 'USEPERMISSIONLIST']) },
    ...flags(['allowattachments', 'allowinlineediting', 'allowinlinedeleting', 'allowmobileaccess', 'allownumberingoverride', 'allowquickadd', 'allowquicksearch', 'allowuiaccess']),
    allowinlinedetaching: YES('allowinlinedetaching'),
    description: { type: STRING },
    enabledle: flag('EXTREMELIST'),
    enablekeywords: { type: BOOL },
    enablemailmerge: flag('MAILMERGE'),
    enablenametranslation: flag('MULTILANGUAGE'),
    ...flags(['enablenumbering', 'enableoptimisticlocking', 'enablesystemnotes', 'hierarchical']),
    numberingprefix: { type: STRING },
    numberingsuffix: { type: STRING },
    numberingmindigits: { type: STRING },
    numberinginit: { type: STRING },
    icon: { type: STRING },
    iconbuiltin: { type: BOOL },
    iconindex: { type: { kind: 'int', min: 1, max: 70 } },
    ...flags(['includeinsearchmenu', 'includename', 'isinactive', 'isordered', 'showcreationdate', 'showcreationdateonlist', 'showid', 'showlastmodified', 'showlastmodifiedonlist', 'shownotes', 'showowner', 'showownerallowchange', 'showowneronlist']),
    customrecordcustomfields: { list: { item: 'customrecordcustomfield', set: RECORD_CUSTOM_FIELD } },
    instances: {
      list: {
        item: 'instance',
        set: { name: 'instance', scriptIdAttr: true, elements: { name: { type: TEXT() }, altname: { type: TEXT() }, isinactive: { type: BOOL }, parent: { type: STRING } } },
      },
    },
    links: {
      list: {
        item: 'link',
        set: { name: 'link', elements: { linkcategory: { type: STRING, required: true }, linktasktype: { type: enumOf('linktasktype', ['EDIT', 'LIST', 'SRCH']), required: true }, linklabel: { type: TEXT() } } },
      },
    },
    permissions: {
      list: {
        item: 'permission',
        set: {
          name: 'permission',
          elements: {
            permittedrole: { type: ROLE, required: true },
            permittedlevel: { type: enumOf('generic_permission_level', PERMISSION_LEVEL), required: true },
            restriction: { type: enumOf('role_restrict', ROLE_RESTRICT) },
          },
        },
      },
    },
    recordsublists: {
      list: {
        item: 'recordsublist',
        set: { name: 'recordsublist', scriptIdAttr: true, elements: { recordsearch: { type: STRING, required: true }, recorddescr: { type: TEXT(), required: true }, recordtab: { type: STRING }, recordfield: { type: STRING } } },
      },
    },
    subtabs: { list: { item: 'subtab', set: { name: 'subtab', scriptIdAttr: true, elements: { tabtitle: { type: TEXT(), required: true }, tabparent: { type: STRING } } } } },
  },
};

const CUSTOM_LIST: ElementSet = {
  name: 'customlist',
  elements: {
    name: { type: TEXT(30), required: true },
    description: { type: STRING },
    isinactive: { type: BOOL },
    ismatrixoption: flag('MATRIXITEMS'),
    isordered: { type: BOOL },
    customvalues: {
      list: {
        item: 'customvalue',
        set: { name: 'customvalue', scriptIdAttr: true, elements: { value: { type: TEXT(), required: true }, abbreviation: { type: STRING, feature: 'MATRIXITEMS' }, isinactive: { type: BOOL } } },
      },
    },
  },
};

const ROLE_OBJECT: ElementSet = {
  name: 'role',
  elements: {
    centertype: { type: STRING, required: true },
    name: { type: TEXT(), required: true },
    coreadminpermission: { type: BOOL },
    employeerestriction: { type: enumOf('role_employeerestriction', ['DEFAULTTOOWN', 'NONE', 'OWNONLY', 'UNASSIGNED']) },
    ...flags(['employeeviewingallowed', 'ispartnerrole', 'issalesrole', 'issupportrole', 'restricttimeandexpenses', 'employeeselectionunrestricted', 'isinactive', 'issinglesignononly', 'restrictbydevice']),
    issuerole: flag('ISSUEDB'),
    subsidiaryviewingallowed: flag('SUBSIDIARIES'),
    subsidiaryoption: { type: enumOf('role_subsidiaryoption', ['ALL', 'ALLACTIVE', 'OWN', 'SELECTED']), feature: 'SUBSIDIARIES' },
    accountingbooksoption: { type: enumOf('role_accountingbooksoption', ['PRIMARY', 'ALL', 'SELECTED']), feature: 'MULTIBOOK' },
    iswebserviceonlyrole: flag('WEBSERVICES'),
    restrictip: flag('IPADDRESSRULES'),
    tfarequired: { type: enumOf('role_tfarequired', ['OFF', 'SMS']) },
    tfaduration: { type: STRING },
    permissions: {
      list: {
        item: 'permission',
        set: {
          name: 'role permission',
          elements: { permkey: { type: STRING, required: true }, permlevel: { type: enumOf('generic_permission_level', PERMISSION_LEVEL), required: true }, restriction: { type: enumOf('role_restrict', ROLE_RESTRICT) } },
        },
      },
    },
    recordrestrictions: {
      list: {
        item: 'recordrestriction',
        set: {
          name: 'recordrestriction',
          elements: {
            segment: { type: enumOf('role_segment', ['CLASS', 'DEPARTMENT', 'LOCATION']), required: true },
            restriction: { type: enumOf('role_recordrestriction', ['DEFAULTTOOWN', 'OWNONLY', 'UNASSIGNED']), required: true },
            viewingallowed: { type: BOOL },
            itemsrestricted: { type: BOOL },
          },
        },
      },
    },
  },
};

/** The root element set of every object type the validator knows (§3, §7, §8, §9, §10, §11). */
/** §6: the run of extra elements transaction body, item, entity and other-record fields share, in Oracle's order. */
const DISPLAY_AND_SOURCING: Record<string, ElementRule> = {
  checkspelling: { type: BOOL },
  encryptatrest: { type: BOOL },
  globalsearch: { type: BOOL },
  showhierarchy: { type: BOOL },
  showinlist: { type: BOOL },
  ...SOURCING,
};

export const OBJECT_SETS: Readonly<Record<string, ElementSet>> = {
  ...Object.fromEntries(SCRIPT_TYPES.map((t) => [t, scriptSet(t)])),
  customrecordtype: CUSTOM_RECORD_TYPE,
  transactionbodycustomfield: fieldSet('transactionbodycustomfield', {
    ...DISPLAY_AND_SOURCING,
    ...PARENTING,
    ...BODY_FLAGS,
    fldsizelabel: { type: STRING, unverified: 'fldsizelabel is listed by Salto with no description (SDF-FIELDS.md §14.4)' },
  }),
  transactioncolumncustomfield: fieldSet('transactioncolumncustomfield', { encryptatrest: { type: BOOL }, showhierarchy: { type: BOOL }, ...SOURCING, ...COLUMN_FLAGS }),
  itemcustomfield: fieldSet('itemcustomfield', {
    ...DISPLAY_AND_SOURCING,
    ...PARENTING,
    ...ITEM_FLAGS,
  }),
  entitycustomfield: fieldSet('entitycustomfield', {
    ...DISPLAY_AND_SOURCING,
    ...PARENTING,
    ...ENTITY_FLAGS,
  }),
  othercustomfield: fieldSet('othercustomfield', {
    rectype: { type: STRING, required: true },
    ...DISPLAY_AND_SOURCING,
    applytoallforms: { type: BOOL },
    applytoselectedforms: { type: BOOL },
  }),
  customlist: CUSTOM_LIST,
  savedcsvimport: SAVED_CSV_IMPORT,
  role: ROLE_OBJECT,
  // §13: saved searches cannot be written by hand; the system-generated file holds only its definition.
  savedsearch: { name: 'savedsearch', elements: { definition: { type: STRING, required: true }, dependencies: { type: STRING } } },
};

/**
 * §12: selectrecordtype negative ids and the manifest feature each needs, as a REQUIRED feature because
 * selectrecordtype is a mandatory list field for SELECT and MULTISELECT (Oracle SDFxml_654195790). `null`: no feature.
 * Ids marked [U] in §12 are accepted with a warning.
 */
export const SELECT_RECORD_TYPE_FEATURES: Readonly<Record<string, string | null>> = {
  '-2': null, '-3': null, '-4': null, '-5': null, '-6': null, '-7': null, '-9': null, '-10': null, '-20': null, '-21': null, '-22': null,
  '-23': null, '-24': null, '-26': null, '-27': null, '-30': null, '-31': null, '-100': null, '-101': 'CLASSES', '-102': 'DEPARTMENTS',
  '-103': 'LOCATIONS', '-104': 'SFA', '-105': 'ACCOUNTINGPERIODS', '-108': 'SFA', '-109': null, '-110': 'ACCOUNTING', '-112': 'ACCOUNTING',
  '-113': 'ISSUEDB', '-114': 'ISSUEDB', '-115': 'ISSUEDB', '-116': 'ISSUEDB', '-117': 'SUBSIDIARIES', '-118': null, '-119': null, '-120': null,
  '-121': 'PROMOCODES', '-122': 'MULTICURRENCY', '-123': null, '-124': null, '-126': null, '-127': 'ADVTAXENGINE',
};

/** Field types for which selectrecordtype is mandatory (§6). */
export const SELECT_FIELD_TYPES: ReadonlySet<string> = new Set(['SELECT', 'MULTISELECT']);

/**
 * §13: manifest feature ids: Salto's configurable_features entries SDF-FIELDS.md names, the ones object pages reference
 * (SUBSIDIARIES, MULTIBOOK, WEBSERVICES, WEBSTORE, BUSINESS, SUBSIDIARIESANDMULTICURRENCY: "allow the union" [U]), and
 * every feature a flag or value above needs. Not Oracle's full list of 257: add an id here with its source.
 */
export const KNOWN_FEATURES: ReadonlySet<string> = new Set([
  'ACCOUNTING', 'ACCOUNTINGPERIODS', 'ADVRECEIVING', 'ADVINVENTORYMGMT', 'ASSEMBLIES', 'BINMANAGEMENT', 'CLASSES', 'CRM', 'CUSTOMRECORDS',
  'CUSTOMTRANSACTIONS', 'DEPARTMENTS', 'EXPREPORTS', 'INVENTORY', 'INVENTORYSTATUS', 'LOCATIONS', 'LOTNUMBEREDINVENTORY', 'MATRIXITEMS',
  'MULTICURRENCY', 'MULTILOCINVT', 'PICKPACKSHIP', 'SERIALIZEDINVENTORY', 'SERVERSIDESCRIPTING', 'SFA', 'WORKORDERS',
  'SUBSIDIARIES', 'MULTIBOOK', 'WEBSERVICES', 'WEBSTORE', 'BUSINESS', 'SUBSIDIARIESANDMULTICURRENCY',
  'EXTREMELIST', 'MAILMERGE', 'MULTILANGUAGE', 'CUSTOMSEGMENTS', 'ISSUEDB', 'ADVTAXENGINE', 'PROMOCODES', 'IPADDRESSRULES', 'ADVANCEDJOBS', 'JOBS',
  'CHARGEBASEDBILLING', 'MERCHANDISEHIERARCHY', 'SUITESIGNON', 'RECEIVABLES', 'PAYABLES', 'PAYCHECKJOURNAL', 'FULFILLMENTREQUEST', 'STOREPICKUP',
  'PERIODENDJOURNALENTRIES', 'OPPORTUNITIES', 'WEBSITE', 'TIMETRACKING', 'CREATESUITEBUNDLES', 'ADVANCEDPRINTING',
]);

/** Object-level features (§13): every script type needs SERVERSIDESCRIPTING, a custom record type CUSTOMRECORDS, both required. */
export const OBJECT_FEATURES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(SCRIPT_TYPES.map((t) => [t, 'SERVERSIDESCRIPTING'])),
  customrecordtype: 'CUSTOMRECORDS',
};
