import type { ApiClient } from './api-client';
import type { WebConfig } from './config';
import { h, say } from './dom';
import { ProfileNotFoundError, SessionExpiredError, WebError } from './errors';
import type { Profile } from './profile';
import { profilePath, routeFor, sameHandle } from './routes';
import type { Session } from './session';
import { avatarRemoval } from './views/avatar-removal';
import { avatarUpload } from './views/avatar-upload';
import { profileCard } from './views/profile-card';
import { profileForm } from './views/profile-form';
import { signInForm } from './views/sign-in';

export interface AppElements {
  nav: HTMLElement;
  view: HTMLElement;
  status: HTMLElement;
  error: HTMLElement;
}

/** The single-page app: routes, the header's account links, and the views. */
export class App {
  /** Your own profile while signed in. */
  private me: Profile | null = null;
  /** Bumped on every render, so an answer for a page already left is dropped. */
  private renderId = 0;

  constructor(
    private readonly config: WebConfig,
    private readonly session: Session,
    private readonly api: ApiClient,
    private readonly elements: AppElements,
  ) {}

  async start(): Promise<void> {
    document.addEventListener('click', (event) => this.followLink(event));
    window.addEventListener('popstate', () => void this.render());
    await this.loadMe();
    await this.render();
  }

  navigate(path: string, { replace = false } = {}): Promise<void> {
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    return this.render();
  }

  private followLink(event: MouseEvent): void {
    const link = (event.target as Element | null)?.closest?.('a[data-link]');
    if (!(link instanceof HTMLAnchorElement) || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    void this.navigate(link.pathname);
  }

  private async loadMe(): Promise<void> {
    this.me = null;
    if (!this.session.signedIn) return this.renderNav();
    try {
      this.me = await this.api.ownProfile();
    } catch (failure) {
      if (failure instanceof SessionExpiredError) this.session.forget();
      else this.showError(failure);
    }
    this.renderNav();
  }

  private renderNav(): void {
    const { nav } = this.elements;
    if (this.me) {
      const signOut = h('button', { type: 'button', class: 'link-button', 'data-testid': 'sign-out' }, 'Sign out');
      signOut.addEventListener('click', () => void this.signOut());
      nav.replaceChildren(h('a', { href: profilePath(this.me.handle), 'data-link': true, 'data-testid': 'nav-me' }, `@${this.me.handle}`), signOut);
    } else {
      nav.replaceChildren(h('a', { href: '/sign-in', 'data-link': true, 'data-testid': 'nav-sign-in' }, 'Sign in'));
    }
  }

  private async signOut(): Promise<void> {
    await this.session.signOut();
    this.me = null;
    this.renderNav();
    await this.navigate('/sign-in');
    say(this.elements.status, 'You are signed out.');
  }

  private async sessionExpired(): Promise<void> {
    this.session.forget();
    this.me = null;
    this.renderNav();
    await this.navigate('/sign-in');
    say(this.elements.error, new SessionExpiredError().message);
  }

  private showError(failure: unknown): void {
    say(this.elements.error, failure instanceof WebError ? failure.message : 'Something went wrong. Please reload the page.');
  }

  private show(title: string, ...content: HTMLElement[]): void {
    document.title = `${title} · Cruddur`;
    this.elements.view.replaceChildren(...content);
    content[0]?.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }

  async render(): Promise<void> {
    const id = ++this.renderId;
    say(this.elements.status, '');
    say(this.elements.error, '');
    const route = routeFor(location.pathname);
    if ((route.kind === 'home' || route.kind === 'sign-in') && this.me) {
      return this.navigate(profilePath(this.me.handle), { replace: true });
    }
    if (route.kind === 'home' || route.kind === 'sign-in') {
      return this.show(
        'Sign in',
        signInForm({
          signIn: async (username, password) => {
            await this.session.signIn(username, password);
            await this.loadMe();
            if (this.me) await this.navigate(profilePath(this.me.handle), { replace: true });
          },
        }),
      );
    }
    if (route.kind === 'not-found') {
      return this.show('Not found', h('section', { class: 'card' }, h('h1', { tabindex: -1 }, 'Page not found'), h('p', {}, h('a', { href: '/', 'data-link': true }, 'Go to the start page'))));
    }

    const own = this.me !== null && sameHandle(this.me.handle, route.handle);
    this.elements.view.replaceChildren(h('p', { class: 'status', 'aria-busy': 'true' }, 'Loading profile…'));
    let profile: Profile;
    try {
      profile = own && this.me ? this.me : await this.api.profile(route.handle);
    } catch (failure) {
      if (id !== this.renderId) return;
      if (failure instanceof ProfileNotFoundError) {
        return this.show('Not found', h('section', { class: 'card', 'data-testid': 'profile-not-found' }, h('h1', { tabindex: -1 }, 'Profile not found'), h('p', {}, failure.message)));
      }
      this.elements.view.replaceChildren();
      return this.showError(failure);
    }
    if (id !== this.renderId) return;
    this.showProfile(profile, own);
  }

  private showProfile(profile: Profile, own: boolean): void {
    let card = profileCard(profile, this.config.assetsUrl);
    let removal: { show(next: Profile): void } | undefined;
    const update = (next: Profile) => {
      this.me = next;
      removal?.show(next);
      const fresh = profileCard(next, this.config.assetsUrl);
      card.replaceWith(fresh);
      card = fresh;
      document.title = `${next.display_name} (@${next.handle}) · Cruddur`;
    };
    const onSessionExpired = () => void this.sessionExpired();
    const parts: HTMLElement[] = [card];
    if (own) {
      const remover = avatarRemoval(profile, { api: this.api, onRemoved: update, onSessionExpired });
      removal = remover;
      parts.push(
        profileForm({ profile, api: this.api, onSaved: update, onSessionExpired }),
        avatarUpload({ api: this.api, onAvatar: update, onSessionExpired }),
        remover.element,
      );
    }
    this.show(`${profile.display_name} (@${profile.handle})`, ...parts);
  }
}
