/**
 * The page's state lives in the address (#/view?key=value&...), so any view can be shared, bookmarked and opened on
 * another machine exactly as it was.
 */
export interface Route {
  view: string;
  params: URLSearchParams;
}

export function currentRoute(): Route {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = hash.split('?', 2);
  return { view: decodeURIComponent(path), params: new URLSearchParams(query) };
}

/** The address of a view with these parameters (empty values are left out). */
export function href(view: string, params: Record<string, string | number | null | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') {
      query.set(key, String(value));
    }
  }
  const text = query.toString();
  return `#/${view.split('/').map(encodeURIComponent).join('/')}${text ? `?${text}` : ''}`;
}

/** The address of an entity's page. */
export function entityHref(id: string): string {
  return href(`entity/${id}`);
}

/** Goes to a view; with replace, the browser's Back skips the current state (for small changes like a switch). */
export function navigate(view: string, params: Record<string, string | number | null | undefined>, replace = false): void {
  const target = href(view, params);
  if (replace) {
    history.replaceState(null, '', target);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = target;
  }
}
