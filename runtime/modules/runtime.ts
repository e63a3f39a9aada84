// N/runtime (NETSUITE.md 7): the current script (id, deployment, parameters, remaining usage),
// the current user with preferences, execution context, features.
import type { ExecutionEnv } from '../context';

export const CONTEXT_TYPES = {
  SCHEDULED: 'SCHEDULED',
  MAP_REDUCE: 'MAPREDUCE',
  CSV_IMPORT: 'CSVIMPORT',
  RESTLET: 'RESTLET',
  SUITELET: 'SUITELET',
  USER_EVENT: 'USEREVENT',
  USER_INTERFACE: 'USERINTERFACE',
} as const;

/** The user scheduled scripts run as in the emulator: an administrator (NetSuite uses -4 for "System"). */
export const LOCAL_USER = { id: -4, name: 'System (ns-local)', email: 'admin@ns-local.invalid', role: 'administrator', roleId: 3, subsidiary: 1, location: 0, department: 0 };

export function createRuntimeModule(env: ExecutionEnv): Record<string, unknown> {
  const script = {
    get id(): string {
      return env.script.scriptId;
    },
    get deploymentId(): string {
      return env.script.deploymentId;
    },
    get logLevel(): string {
      return env.script.logLevel;
    },
    apiVersion: '2.1',
    bundleIds: [] as string[],
    percentComplete: 0,
    getRemainingUsage: (): number => env.meter().remaining(),
    getParameter(options: { name: string } | string): unknown {
      const name = typeof options === 'string' ? options : options?.name;
      const value = name === undefined ? undefined : env.script.params[name];
      return value === undefined ? null : value;
    },
  };
  // A RESTlet runs as the token's user and role (Oracle: User.role is the role's internal id, User.roleId its
  // script id); other runs as the local administrator.
  const who = env.user ? { ...LOCAL_USER, id: env.user.id, name: env.user.name, email: env.user.email, role: env.user.role, roleId: env.user.roleId } : LOCAL_USER;
  const user = {
    ...who,
    getPreference(options: { name: string } | string): unknown {
      const name = (typeof options === 'string' ? options : options.name).toUpperCase();
      if (name === 'DATEFORMAT') return env.account.settings.dateFormat;
      if (name === 'TIMEZONE') return env.account.settings.timezone;
      return null;
    },
    getPermission: (options: { name: string } | string): number => {
      if (!env.user?.permissions) return 4;
      const name = typeof options === 'string' ? options : options?.name;
      return (name === undefined ? undefined : env.user.permissions[name]) ?? 0;
    },
  };
  return {
    ContextType: CONTEXT_TYPES,
    EnvType: { SANDBOX: 'SANDBOX', PRODUCTION: 'PRODUCTION', BETA: 'BETA', INTERNAL: 'INTERNAL' },
    Permission: { NONE: 0, VIEW: 1, CREATE: 2, EDIT: 3, FULL: 4 },
    get executionContext(): string {
      return env.executionContext;
    },
    get envType(): string {
      return env.account.settings.envType;
    },
    get accountId(): string {
      return env.account.settings.accountId;
    },
    version: '2026.2',
    processorCount: 1,
    queueCount: 1,
    getCurrentScript: () => script,
    getCurrentUser: () => user,
    getCurrentSession: () => ({ get: (): null => null, set: (): void => undefined }),
    isFeatureInEffect(options: { feature: string }): boolean {
      return env.account.settings.features.includes(options.feature.toUpperCase());
    },
  };
}
