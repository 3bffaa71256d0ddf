/**
 * The platform as CloudBase provides it, used exactly as documented. The same code runs deployed and
 * against the local emulator, which answers the SDK's own protocol.
 */
import cloud from 'wx-server-sdk';
import type { Database } from './database';
import type { Platform } from './router';

// The SDK's typings predate DYNAMIC_CURRENT_ENV being a symbol; at run time init accepts it.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export { cloud };
export const db = cloud.database() as unknown as Database;

export const cloudPlatform: Platform = {
  wxContext: () => cloud.getWXContext(),
  now: () => new Date(),
  log: (entry) => console.log(JSON.stringify(entry)),
};
