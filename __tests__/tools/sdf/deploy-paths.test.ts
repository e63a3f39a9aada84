import { isCovered, isExplicit, patternToRegExp } from '../../../tools/sdf/deploy-paths';

describe('deploy.xml path patterns', () => {
  it('lets * cover files in sub-folders', () => {
    expect(isCovered('Objects/variances/customscript_hwx_x.xml', [patternToRegExp('~/Objects/*')])).toBe(true);
    expect(isCovered('FileCabinet/SuiteScripts/hotwax_inventory/a/b.js', [patternToRegExp('~/FileCabinet/SuiteScripts/*')])).toBe(true);
  });

  it('matches explicit paths exactly and treats regex characters literally', () => {
    const pattern = patternToRegExp('~/FileCabinet/SuiteScripts/a.js');
    expect(isCovered('FileCabinet/SuiteScripts/a.js', [pattern])).toBe(true);
    expect(isCovered('FileCabinet/SuiteScripts/aXjs', [pattern])).toBe(false);
    expect(isExplicit('~/FileCabinet/SuiteScripts/a.js')).toBe(true);
    expect(isExplicit('~/Objects/*')).toBe(false);
  });

  it('does not cover files outside the pattern', () => {
    expect(isCovered('FileCabinet/Templates/x.html', [patternToRegExp('~/FileCabinet/SuiteScripts/*')])).toBe(false);
  });
});
