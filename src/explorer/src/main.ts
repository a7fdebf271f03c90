import './style.css';
import { ApiError } from './api';
import { h, replace } from './dom';
import { currentRoute, href, navigate } from './route';
import { isAdministrator, signOut, viewer } from './session';
import { coverageView } from './views/coverage';
import { editView } from './views/edit';
import { entityView } from './views/entity';
import { importView } from './views/import';
import { keysView } from './views/keys';
import { linkView } from './views/link';
import { organizationView } from './views/organization';
import { overlapView } from './views/overlap';
import { regionsView } from './views/regions';
import { searchView } from './views/search';
import { finishProviderSignIn, signInView } from './views/signin';
import { writerName, type View } from './views/shared';

const views: Record<string, { title: string; view: View; inMenu: boolean }> = {
  overlap: { title: 'Who works on the same things', view: overlapView, inMenu: true },
  coverage: { title: 'SDG coverage', view: coverageView, inMenu: true },
  regions: { title: 'Where', view: regionsView, inMenu: true },
  // Cytoscape.js is most of the page's weight: loaded when the network view is first opened, not before.
  network: { title: 'Network', view: async (...args) => (await import('./views/network')).networkView(...args), inMenu: true },
  search: { title: 'Search', view: searchView, inMenu: true },
  import: { title: 'Import', view: importView, inMenu: true },
  entity: { title: 'Entity', view: entityView, inMenu: false },
  edit: { title: 'Edit work', view: editView, inMenu: false },
  link: { title: 'Link to an SDG target', view: linkView, inMenu: false },
  organization: { title: 'Organisation', view: organizationView, inMenu: false },
  keys: { title: 'Editors’ keys', view: keysView, inMenu: false },
  signin: { title: 'Sign in', view: signInView, inMenu: false },
};

const main = document.getElementById('view')!;
const menu = document.getElementById('menu')!;
const session = document.getElementById('session')!;

/** Who is signed in, with what an editor may start from anywhere, or the way to sign in. */
function drawSession(): void {
  const who = viewer();
  replace(
    session,
    who
      ? [
          `Signed in as ${writerName(who.name)}`,
          ' · ',
          h('a', { href: href('edit') }, 'New work'),
          ' · ',
          h('a', { href: href('organization') }, 'New organisation'),
          ' · ',
          isAdministrator() ? [h('a', { href: href('keys') }, 'Keys'), ' · '] : null,
          h('button', { type: 'button', class: 'link', onclick: () => { signOut(); navigate('overlap', {}); } }, 'Sign out'),
        ]
      : h('a', { href: href('signin') }, 'Sign in to edit'),
  );
}
let current: AbortController | null = null;

async function render(): Promise<void> {
  const route = currentRoute();
  // An entity's page is #/entity/<id>: the id is part of the path, so the address reads as the thing it shows.
  const [name = '', ...rest] = route.view.split('/');
  const params = route.params;
  if (name === 'entity') {
    params.set('id', rest.join('/'));
  }
  const entry = views[name] ?? views.overlap!;

  current?.abort();
  const controller = new AbortController();
  current = controller;
  document.title = `${entry.title} · HealthGraph explorer`;
  replace(
    menu,
    Object.entries(views)
      .filter(([, v]) => v.inMenu)
      .map(([key, v]) => h('li', {}, h('a', { href: href(key), 'aria-current': key === name ? 'page' : null }, v.title))),
  );
  main.setAttribute('aria-busy', 'true');
  try {
    await entry.view(main, params, controller.signal);
  } catch (error) {
    if (controller.signal.aborted) {
      return;
    }
    const message = error instanceof ApiError ? error.message : 'Something went wrong while drawing this view.';
    replace(main, h('h1', {}, entry.title), h('p', { role: 'alert', class: 'error' }, message));
    if (!(error instanceof ApiError)) {
      console.error(error);
    }
  } finally {
    if (current === controller) {
      main.setAttribute('aria-busy', 'false');
      // Which address the settled view was drawn for: the view for a new address is drawn by the hashchange event,
      // a task queued after the address changes, so until then the previous view is settled under the new address.
      main.dataset.drawn = location.hash;
    }
  }
}

window.addEventListener('hashchange', () => void render());
window.addEventListener('healthgraph:session', drawSession);
drawSession();
// Back from the identity provider, the sign-in is finished (and its code taken out of the address) before any view draws.
void finishProviderSignIn().then(render);
