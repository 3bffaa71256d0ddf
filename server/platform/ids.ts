/** Ids for new documents: 32 hex characters, like CloudBase's own. Handlers make them and pass them to the domain. */
import { randomBytes } from 'node:crypto';

export const newId = (): string => randomBytes(16).toString('hex');
export const randomBytesFor = (n: number): Uint8Array => randomBytes(n);
