/** Page query values arrive as they were put in the URL; pages put them there with encodeURIComponent. */
export function queryValue(query: Record<string, string | undefined>, key: string): string {
  const raw = query[key] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
