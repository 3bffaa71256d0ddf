/**
 * Client request ids make creating actions idempotent (DESIGN.md "Writes are idempotent"): the function applies
 * a request id once, so a double tap or a retry on a bad network has exactly one effect.
 */
let counter = 0;

export function newRequestId(): string {
  counter = (counter + 1) % 1679616; // 36^4
  const random = Math.floor(Math.random() * 0x100000000).toString(36);
  return `${Date.now().toString(36)}-${counter.toString(36)}-${random}`;
}

/**
 * One thing the person means to submit once. Retrying after a failure reuses the id (the server may have applied
 * the first try before the network dropped); after a success, or when the person changes the form, call `renew()`.
 */
export interface SubmitKey {
  readonly requestId: string;
  renew(): void;
}

export function createSubmitKey(): SubmitKey {
  let current = newRequestId();
  return {
    get requestId() {
      return current;
    },
    renew() {
      current = newRequestId();
    },
  };
}
