/**
 * @NApiVersion 2.1
 * @NScriptType Suitelet
 * @NModuleScope SameAccount
 */
// HotWax Variance Review (customscript_hwx_sl_variance_review): for accountants. See docs/desk.md.
import type { EntryPoints } from 'N/types';
import * as runtime from 'N/runtime';
import * as url from 'N/url';
import { renderDrill, renderReview, reviewCsv, drillCsv, type ReviewData } from '../core/desk/varianceReviewPage';
import { readFilters } from '../core/desk/varianceReview';
import * as reads from '../adapters/deskVariances';

const SCRIPT = 'customscript_hwx_sl_variance_review';
const DEPLOY = 'customdeploy_hwx_sl_variance_review';

export function onRequest(context: EntryPoints.Suitelet.onRequestContext): void {
  const params = context.request.parameters as Record<string, string | undefined>;
  const filters = readFilters(params, new Date());
  const script = runtime.getCurrentScript();
  const user = runtime.getCurrentUser();
  const self = (extra: Record<string, string>): string => url.resolveScript({ scriptId: SCRIPT, deploymentId: DEPLOY, params: { from: filters.from, to: filters.to, store: filters.store, reason: filters.reason, kind: filters.kind, measure: filters.measure, ...extra } });
  const vl = reads.varianceLocations();
  const locations = reads.locationNames();
  const csv = params.format === 'csv';
  const footer = (): string => `Governance: ${1000 - script.getRemainingUsage()} of 1,000 units used by this page.`;
  if (params.view === 'drill') {
    const rows = reads.drillTransactions(filters, vl);
    if (csv) {
      context.response.setHeader({ name: 'Content-Type', value: 'text/csv; charset=utf-8' });
      context.response.setHeader({ name: 'Content-Disposition', value: `attachment; filename="variance_transactions_${filters.from}_${filters.to}.csv"` });
      context.response.write({ output: drillCsv(rows) });
      return;
    }
    const html = renderDrill({ filters, rows, locations, user: user.name, role: user.roleId, self, recordUrl: (type, id) => url.resolveRecord({ recordType: type, recordId: id }) }, footer);
    context.response.write({ output: html });
    return;
  }
  const data: ReviewData = {
    filters,
    locations,
    varianceLocations: new Set(vl),
    adjustments: reads.adjustmentGroups(filters, vl),
    transfers: reads.transferGroups(filters, vl),
    weeks: csv ? [] : reads.weekGroups(filters, vl),
    items: csv ? [] : reads.itemGroups(filters, vl),
    onHand: reads.onHandByLocation(),
    user: user.name,
    role: user.roleId,
    self,
  };
  if (csv) {
    context.response.setHeader({ name: 'Content-Type', value: 'text/csv; charset=utf-8' });
    context.response.setHeader({ name: 'Content-Disposition', value: `attachment; filename="variances_${filters.from}_${filters.to}.csv"` });
    context.response.write({ output: reviewCsv(data) });
    return;
  }
  context.response.write({ output: renderReview(data, footer) });
}
