import { type SessionTokens, refreshSession, revokeSession, signIn } from './cognito';
import type { CognitoConfig } from './config';
import type { FetchLike } from './fetch-like';

/** The part of `Storage` the session needs; `sessionStorage` in the page, a Map in tests. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const KEY = 'cruddur.session';

/** Keeps the tokens in session storage: they last for the tab, and sign out clears them. */
export class SessionStore {
  constructor(private readonly storage: KeyValueStorage) {}

  save(tokens: SessionTokens): void {
    this.storage.setItem(KEY, JSON.stringify(tokens));
  }

  /** The stored tokens, or `null` when there are none or they were tampered into another shape. */
  load(): SessionTokens | null {
    const raw = this.storage.getItem(KEY);
    if (raw === null) return null;
    try {
      const value = JSON.parse(raw) as Partial<SessionTokens>;
      if (typeof value.accessToken !== 'string' || typeof value.expiresAt !== 'number') return null;
      return {
        accessToken: value.accessToken,
        expiresAt: value.expiresAt,
        ...(typeof value.refreshToken === 'string' ? { refreshToken: value.refreshToken } : {}),
      };
    } catch {
      return null;
    }
  }

  clear(): void {
    this.storage.removeItem(KEY);
  }
}

/** True when the access token expires within `marginMs` (a minute by default, for clock skew). */
export function isExpired(tokens: SessionTokens, now: number, marginMs = 60_000): boolean {
  return tokens.expiresAt - marginMs <= now;
}

export interface SessionOptions {
  store: SessionStore;
  cognito: CognitoConfig;
  fetch: FetchLike;
  now?: () => number;
}

/**
 * The signed-in state of the tab: signs in and out with Cognito, and hands out an access token,
 * refreshing it first when it is about to expire.
 */
export class Session {
  private readonly now: () => number;
  private refreshing: Promise<string | null> | undefined;

  constructor(private readonly options: SessionOptions) {
    this.now = options.now ?? Date.now;
  }

  get signedIn(): boolean {
    return this.options.store.load() !== null;
  }

  /** Signs in and keeps the tokens; throws `CognitoError` or `NetworkError` with a message to show. */
  async signIn(username: string, password: string): Promise<void> {
    const tokens = await signIn(this.options.cognito, username, password, this.options.fetch, this.now);
    this.options.store.save(tokens);
  }

  /** Forgets the tokens at once, then asks Cognito to revoke the refresh token (best effort; without one there is nothing to revoke). */
  async signOut(): Promise<void> {
    const tokens = this.options.store.load();
    this.options.store.clear();
    if (tokens?.refreshToken) await revokeSession(this.options.cognito, tokens.refreshToken, this.options.fetch);
  }

  /** Forgets the tokens without calling Cognito: the API already refused them. */
  forget(): void {
    this.options.store.clear();
  }

  /** A usable access token, or `null` when signed out or the refresh failed (which signs out). */
  accessToken(): Promise<string | null> {
    const tokens = this.options.store.load();
    if (tokens === null) return Promise.resolve(null);
    if (!isExpired(tokens, this.now())) return Promise.resolve(tokens.accessToken);
    if (!tokens.refreshToken) {
      this.options.store.clear();
      return Promise.resolve(null);
    }
    // Concurrent callers share one refresh.
    this.refreshing ??= this.refresh(tokens.refreshToken).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refresh(refreshToken: string): Promise<string | null> {
    try {
      const fresh = await refreshSession(this.options.cognito, refreshToken, this.options.fetch, this.now);
      this.options.store.save(fresh);
      return fresh.accessToken;
    } catch {
      this.options.store.clear();
      return null;
    }
  }
}
