import './styles.css';
import { ApiClient, busyMessage } from './api-client';
import { say } from './dom';
import { App } from './app';
import { loadWebConfig } from './config';
import { WebError } from './errors';
import { Session, SessionStore } from './session';

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`index.html lacks #${id}`);
  return found;
}

async function main(): Promise<void> {
  const elements = { nav: element('nav'), view: element('view'), status: element('status'), error: element('page-error') };
  const fetchFn = (input: string, init?: RequestInit) => fetch(input, init);
  try {
    const config = await loadWebConfig(fetchFn, location.href);
    const session = new Session({ store: new SessionStore(sessionStorage), cognito: config.cognito, fetch: fetchFn });
    const api = new ApiClient({
      apiUrl: config.apiUrl,
      fetch: fetchFn,
      accessToken: () => session.accessToken(),
      // A throttled or busy API is retried (the contract's API_RETRY); the page says so meanwhile instead of failing.
      onRetry: ({ delayMs }) => say(elements.status, busyMessage(delayMs)),
      onRetried: () => say(elements.status, ''),
    });
    await new App(config, session, api, elements).start();
  } catch (failure) {
    elements.view.replaceChildren();
    elements.error.textContent = failure instanceof WebError ? failure.message : 'The page could not start. Please reload.';
  }
}

void main();
