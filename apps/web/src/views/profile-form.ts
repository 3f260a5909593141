import type { ApiClient } from '../api-client';
import { h, say } from '../dom';
import { SessionExpiredError, WebError } from '../errors';
import type { Profile } from '../profile';
import {
  BIO_MAX_LENGTH,
  DISPLAY_NAME_MAX_LENGTH,
  bioError,
  characterCount,
  characterCountLabel,
  displayNameError,
} from '../profile-validation';

export interface ProfileFormOptions {
  profile: Profile;
  api: ApiClient;
  onSaved: (profile: Profile) => void;
  onSessionExpired: () => void;
}

interface Field {
  control: HTMLInputElement | HTMLTextAreaElement;
  count: HTMLElement;
  error: HTMLElement;
  max: number;
  check: (text: string) => string | null;
}

function field(
  id: string,
  label: string,
  control: HTMLInputElement | HTMLTextAreaElement,
  max: number,
  check: (text: string) => string | null,
): { row: HTMLElement; field: Field } {
  const count = h('span', { id: `${id}-count`, class: 'count', 'data-testid': `${id}-count` });
  const error = h('p', { id: `${id}-error`, class: 'error', role: 'alert', 'data-testid': `${id}-error` });
  control.id = id;
  control.setAttribute('aria-describedby', `${id}-count ${id}-error`);
  control.dataset['testid'] = `${id}-input`;
  const row = h('div', { class: 'field' }, h('div', { class: 'field__label' }, h('label', { for: id }, label), count), control, error);
  return { row, field: { control, count, error, max, check } };
}

/** Shows the live count and the inline error of a field; returns whether the value is valid. */
function refresh(target: Field): boolean {
  const text = target.control.value;
  const problem = target.check(text);
  say(target.count, characterCountLabel(text, target.max));
  target.count.classList.toggle('count--over', characterCount(text) > target.max);
  say(target.error, problem ?? '');
  target.control.setAttribute('aria-invalid', String(problem !== null));
  return problem === null;
}

/** The edit form of your own profile: display name and bio, checked as you type, saved with the API. */
export function profileForm(options: ProfileFormOptions): HTMLElement {
  const name = field(
    'display-name',
    'Display name',
    h('input', { type: 'text', name: 'display_name', autocomplete: 'nickname', required: true }),
    DISPLAY_NAME_MAX_LENGTH,
    displayNameError,
  );
  const bio = field('bio', 'Bio', h('textarea', { name: 'bio', rows: 3 }), BIO_MAX_LENGTH, bioError);
  name.field.control.value = options.profile.display_name;
  bio.field.control.value = options.profile.bio;
  const save = h('button', { type: 'submit', 'data-testid': 'profile-save' }, 'Save profile');
  const formError = h('p', { class: 'error', role: 'alert', 'data-testid': 'profile-form-error' });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-testid': 'profile-form-status' });
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'edit-heading', 'data-testid': 'profile-form' },
    h('h2', { id: 'edit-heading' }, 'Edit profile'),
    name.row,
    bio.row,
    h('div', { class: 'actions' }, save, status),
    formError,
  );

  for (const target of [name.field, bio.field]) {
    refresh(target);
    target.control.addEventListener('input', () => {
      refresh(target);
      say(status, '');
    });
  }
  // The API takes a one-line bio; Enter submits instead of adding a line break it would refuse.
  bio.field.control.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Enter') {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    say(formError, '');
    const valid = [name.field, bio.field].map(refresh);
    const firstInvalid = [name.field, bio.field].find((_, index) => !valid[index]);
    if (firstInvalid) {
      firstInvalid.control.focus();
      return;
    }
    save.disabled = true;
    say(status, 'Saving…');
    options.api
      .updateProfile({ display_name: name.field.control.value, bio: bio.field.control.value })
      .then((profile) => {
        say(status, 'Profile saved.');
        options.onSaved(profile);
      })
      .catch((error: unknown) => {
        say(status, '');
        if (error instanceof SessionExpiredError) return options.onSessionExpired();
        say(formError, error instanceof WebError ? error.message : 'Saving failed. Please try again.');
      })
      .finally(() => {
        save.disabled = false;
      });
  });
  return form;
}
