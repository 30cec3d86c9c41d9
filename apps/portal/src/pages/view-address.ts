// PURE: the query string of a list page's view, so a view can be bookmarked and shared.

/** The most rows one CSV download of a list page's view holds; a bigger view is narrowed with the filters first. */
export const EXPORT_LIMIT = 10_000;

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

/** The pager every paged list shows: "Page 2 of 5" with the addresses of its neighbours (null at either end). */
export function pagerView(page: { page: number; pageSize: number; total: number }, addressOf: (page: number) => string) {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  return {
    pageNumber: page.page,
    pages,
    previous: page.page > 1 ? addressOf(page.page - 1) : null,
    next: page.page < pages ? addressOf(page.page + 1) : null,
  };
}
