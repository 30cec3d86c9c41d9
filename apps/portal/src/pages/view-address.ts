// PURE: the query string of a list page's view, so a view can be bookmarked and shared.

/**
 * The values in the order given, leaving out blanks (undefined, null, '', false) and values equal to
 * their default, so the address stays short: "?stage=to_accept&q=zebra".
 */
export function viewQueryString(values: Record<string, unknown>, defaults: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '' || value === false || defaults[name] === value) continue;
    params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
