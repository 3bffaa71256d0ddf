/**
 * Runtime configuration: where the mini program's calls go.
 *
 * - `local`: HTTP to the local CloudBase emulator (`npm start`), the default while developing in DevTools;
 * - `cloud`: `wx.cloud.callFunction` against CloudBase, always for trial and release versions.
 *
 * To try a develop build against a real CloudBase environment, set DEVELOP_MODE to 'cloud'
 * (and ENV_ID to that environment). Nothing else in the app knows which mode it runs in except the transport
 * and the demo-identity picker in 我的.
 */
export type TransportMode = 'local' | 'cloud';
export type EnvVersion = 'develop' | 'trial' | 'release';

export interface RuntimeConfig {
  mode: TransportMode;
  /** The local emulator's base URL (local mode only). */
  localUrl: string;
  /** The CloudBase environment id; '' = the default environment of the AppID (cloud mode only). */
  envId: string;
}

const DEVELOP_MODE: TransportMode = 'local';
const LOCAL_URL = 'http://127.0.0.1:8787';
const ENV_ID = '';

/** Pure: the configuration for a given version of the mini program. */
export function resolveConfig(envVersion: EnvVersion): RuntimeConfig {
  return {
    mode: envVersion === 'develop' ? DEVELOP_MODE : 'cloud',
    localUrl: LOCAL_URL,
    envId: ENV_ID,
  };
}

function currentEnvVersion(): EnvVersion {
  try {
    return wx.getAccountInfoSync().miniProgram.envVersion;
  } catch {
    return 'release'; // never send a production user to a developer's laptop
  }
}

export function getConfig(): RuntimeConfig {
  return resolveConfig(currentEnvVersion());
}
