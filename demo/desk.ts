// The desk on a local environment: ns-local's Suitelet server over the environment's account (its SFTP
// server keeps running, so error reports can be read and failed files reprocessed).
import { startLocalServer, type LocalServer } from '../runtime/http/server';
import { suiteletPath } from '../runtime/http/urls';
import type { LocalEnvironment } from './environment';

export const DESK_PAGES = [
  { label: 'Variance review (accountants)', script: 'customscript_hwx_sl_variance_review', deploy: 'customdeploy_hwx_sl_variance_review' },
  { label: 'Integration health (admins)', script: 'customscript_hwx_sl_integration_health', deploy: 'customdeploy_hwx_sl_integration_health' },
  { label: 'Cycle counts', script: 'customscript_hwx_sl_cycle_counts', deploy: 'customdeploy_hwx_sl_cycle_counts' },
] as const;

export async function startDesk(env: LocalEnvironment, options: { role?: string; port?: number; onRequest?: Parameters<typeof startLocalServer>[0]['onRequest'] } = {}): Promise<LocalServer> {
  return startLocalServer({
    account: env.account(),
    projectFolder: env.projectFolder,
    objects: env.objects,
    role: options.role ?? 'administrator',
    port: options.port ?? 0,
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
  });
}

export function deskUrls(baseUrl: string): { label: string; url: string }[] {
  return DESK_PAGES.map((p) => ({ label: p.label, url: `${baseUrl}${suiteletPath(p.script, p.deploy)}` }));
}
