import { h, say } from '../dom';
import { WebError } from '../errors';

export interface SignInOptions {
  signIn: (username: string, password: string) => Promise<void>;
}

/** The sign-in form; Cognito's refusals show as a message, the password is cleared after one. */
export function signInForm(options: SignInOptions): HTMLElement {
  const username = h('input', { id: 'username', name: 'username', type: 'text', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true, 'data-testid': 'sign-in-username' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'data-testid': 'sign-in-password' });
  const submit = h('button', { type: 'submit', 'data-testid': 'sign-in-submit' }, 'Sign in');
  const error = h('p', { id: 'sign-in-error', class: 'error', role: 'alert', 'data-testid': 'sign-in-error' });
  const form = h(
    'form',
    { class: 'card sign-in', 'aria-labelledby': 'sign-in-heading', 'aria-describedby': 'sign-in-error', 'data-testid': 'sign-in-form' },
    h('h1', { id: 'sign-in-heading', tabindex: -1 }, 'Sign in'),
    h('div', { class: 'field' }, h('label', { for: 'username' }, 'Username or email'), username),
    h('div', { class: 'field' }, h('label', { for: 'password' }, 'Password'), password),
    error,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    say(error, '');
    if (username.value.trim() === '' || password.value === '') {
      say(error, 'Enter your username and password.');
      (username.value.trim() === '' ? username : password).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    options
      .signIn(username.value.trim(), password.value)
      .catch((failure: unknown) => {
        say(error, failure instanceof WebError ? failure.message : 'Signing in failed. Please try again.');
        password.value = '';
        password.focus();
      })
      .finally(() => {
        submit.disabled = false;
        submit.textContent = 'Sign in';
      });
  });
  return form;
}
