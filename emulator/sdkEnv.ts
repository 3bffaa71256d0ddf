/**
 * The environment that points an unmodified `wx-server-sdk` (cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })) at the
 * emulator, the way CloudBase's own runtime configures a function:
 *
 * - TENCENTCLOUD_RUNENV=SCF: the SDK believes it runs in a cloud function, so it never probes the metadata service
 *   (http://metadata.tencentyun.com) to find out where it runs or to fetch credentials;
 * - TCB_CONTEXT_CNFG={"URL": "<emulator>/admin"}: @cloudbase/node-sdk sends every request there
 *   (utils/tcbapiendpoint.js buildUrl ← tcbcontext.getServerInjectUrl);
 * - TCB_ENV / SCF_NAMESPACE: what DYNAMIC_CURRENT_ENV resolves to; TENCENTCLOUD_REGION silences the SDK's
 *   "missing region" complaint;
 * - TENCENTCLOUD_SECRETID / SECRETKEY / SESSIONTOKEN: the SDK refuses to sign without them; the emulator ignores
 *   the signature.
 */

export const EMULATOR_ENV_ID = 'shouwang-local';
export const EMULATOR_REGION = 'ap-shanghai';

export function sdkEnvironment(url: string, extra: Record<string, string> = {}): Record<string, string> {
  const base = url.replace(/\/+$/, '');
  return {
    TENCENTCLOUD_RUNENV: 'SCF',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${base}/admin` }),
    TCB_ENV: EMULATOR_ENV_ID,
    SCF_NAMESPACE: EMULATOR_ENV_ID,
    TENCENTCLOUD_REGION: EMULATOR_REGION,
    TENCENTCLOUD_SECRETID: 'local-emulator-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-emulator-secret-key',
    TENCENTCLOUD_SESSIONTOKEN: 'local-emulator-session-token',
    ...extra,
  };
}

/**
 * For tests and scripts that use wx-server-sdk in their own process: sets the variables on process.env (the SDK reads
 * them on every request) and returns a function that restores the previous values.
 */
export function applySdkEnvironment(url: string, extra: Record<string, string> = {}): () => void {
  const vars = sdkEnvironment(url, extra);
  const previous = new Map(Object.keys(vars).map((key) => [key, process.env[key]]));
  Object.assign(process.env, vars);
  return () => {
    for (const [key, value] of previous) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
