#!/usr/bin/env node
/**
 * `npm run trigger -- <function> [<trigger>]`: fires a timer trigger of the running local cloud now, whatever its
 * schedule. `--url http://127.0.0.1:8787` points at another emulator (default: $SHOUWANG_URL or port 8787).
 */
const args = process.argv.slice(2);
let url = process.env.SHOUWANG_URL || 'http://127.0.0.1:8787';
const i = args.indexOf('--url');
if (i >= 0) {
  url = args[i + 1];
  args.splice(i, 2);
}
const [fn, trigger] = args;
if (!fn) {
  console.error('usage: npm run trigger -- <function> [<trigger>] [--url http://127.0.0.1:8787]');
  process.exit(2);
}

(async () => {
  const target = `${url}/triggers/${encodeURIComponent(fn)}${trigger ? `/${encodeURIComponent(trigger)}` : ''}`;
  let res;
  try {
    res = await fetch(target, { method: 'POST' });
  } catch {
    console.error(`cannot reach the local cloud at ${url}: is npm start running?`);
    process.exit(1);
  }
  const body = await res.json();
  if (!res.ok) {
    console.error(body.error || JSON.stringify(body));
    process.exit(1);
  }
  console.log(`${body.functionName}.${body.triggerName} fired at ${body.at}: ${body.ok ? 'ok' : `failed: ${body.error}`}`);
  process.exit(body.ok ? 0 : 1);
})();
