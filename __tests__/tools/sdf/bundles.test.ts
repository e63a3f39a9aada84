import { readHeader, scanBundle } from '../../../tools/sdf/bundles';

describe('scanBundle', () => {
  const source = `/**
 * @NApiVersion 2.1
 * @NScriptType ScheduledScript
 */
/* licence of a bundled library */
define(['N/search'], function (search) {
  // 'custbody_hwx_in_line_comment'
  /* "custbody_hwx_in_block_comment" */
  const quote = /'custbody_hwx_in_regex/;
  const a = "custbody_hwx_double";
  const b = \`custcol_hwx_template\`;
  const c = \`prefix \${a} custrecord_hwx_in_template_tail\`;
  const d = 'custbody_hwx_prefix_' + a;
  const e = '{custrecord_hwx_parent.custrecord_hwx_child}';
  return { execute: function () { return [quote, b, c, d, e, search.Type.INVENTORY_ADJUSTMENT]; } };
});
`;
  const scan = scanBundle(source);

  it('collects string literals and template chunks, not comments or regular expressions', () => {
    expect(scan.literals).toEqual(
      new Set(['N/search', 'custbody_hwx_double', 'custcol_hwx_template', 'prefix ', ' custrecord_hwx_in_template_tail', 'custbody_hwx_prefix_', '{custrecord_hwx_parent.custrecord_hwx_child}']),
    );
  });

  it('finds whole custom ids inside literals and skips prefixes being built', () => {
    expect([...scan.customIds].sort()).toEqual(['custbody_hwx_double', 'custcol_hwx_template', 'custrecord_hwx_child', 'custrecord_hwx_in_template_tail', 'custrecord_hwx_parent']);
  });

  it('collects identifiers such as enum members', () => {
    expect(scan.identifiers.has('INVENTORY_ADJUSTMENT')).toBe(true);
  });

  it('reads the header tags and sees define( after further comments', () => {
    expect(scan.header).toMatchObject({ tags: { NApiVersion: '2.1', NScriptType: 'ScheduledScript' }, isAmd: true });
  });
});

describe('readHeader', () => {
  it('reports code before any comment', () => {
    expect(readHeader('define([], function () {});')).toMatchObject({ comment: undefined, problem: 'it does not start with a /** ... */ SuiteScript header comment', isAmd: true });
  });

  it('reports an unterminated first comment', () => {
    expect(readHeader('/** @NApiVersion 2.1')).toMatchObject({ comment: undefined, problem: 'its first comment is never closed', isAmd: false });
  });

  it('accepts a byte order mark and leading blank lines', () => {
    expect(readHeader('\uFEFF\n\n/** @NApiVersion 2.1 @NScriptType Restlet */\ndefine([], () => ({}));')).toMatchObject({ tags: { NApiVersion: '2.1', NScriptType: 'Restlet' }, isAmd: true });
  });
});
