import type { ApiClient } from '../api-client';
import { h, say } from '../dom';
import { ApiError, SessionExpiredError, WebError } from '../errors';
import type { Profile } from '../profile';

export interface AvatarRemovalOptions {
  api: ApiClient;
  onRemoved: (profile: Profile) => void;
  onSessionExpired: () => void;
}

/** The removal control and a way to follow the profile as it changes (shown only while there is an avatar). */
export interface AvatarRemoval {
  element: HTMLElement;
  show(profile: Profile): void;
}

/**
 * "Remove avatar": one button whose label and hint say it cannot be undone. It deletes the avatar
 * and its images on the server; the profile then shows the initial again. A failure keeps the
 * button, so the user can try again (a repeat also finishes a removal whose images were not deleted).
 */
export function avatarRemoval(profile: Profile, options: AvatarRemovalOptions): AvatarRemoval {
  const button = h('button', { type: 'button', class: 'danger', 'aria-describedby': 'avatar-remove-hint', 'data-testid': 'avatar-remove' }, 'Remove avatar');
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-testid': 'avatar-remove-status' });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'avatar-remove-error' });
  const controls = h(
    'div',
    {},
    h('div', { class: 'actions' }, button),
    h('p', { id: 'avatar-remove-hint', class: 'hint' }, 'Deletes your avatar and its images. This cannot be undone.'),
  );
  const element = h('section', { class: 'card avatar-remove', 'aria-label': 'Remove avatar', 'data-testid': 'avatar-remove-section' }, controls, status, error);
  // The button only while there is an avatar; the section also while it says what just happened.
  const show = (next: Profile) => {
    if (next.avatar !== null) {
      say(status, '');
      say(error, '');
    }
    controls.hidden = next.avatar === null;
    element.hidden = next.avatar === null && status.textContent === '' && error.textContent === '';
  };
  show(profile);

  button.addEventListener('click', () => {
    button.disabled = true;
    say(error, '');
    say(status, 'Removing your avatar…');
    options.api
      .removeAvatar()
      .then(() => options.api.ownProfile())
      .then((next) => {
        say(status, 'Your avatar was removed.');
        options.onRemoved(next);
      })
      .catch((failure: unknown) => {
        say(status, '');
        if (failure instanceof SessionExpiredError) return options.onSessionExpired();
        say(error, failure instanceof WebError ? failure.message : 'The avatar could not be removed. Please try again.');
        // A 503 means removed but its images not deleted yet: show the profile as it is, keep the button for the retry.
        if (failure instanceof ApiError && failure.status === 503) {
          void options.api.ownProfile().then(options.onRemoved, () => undefined).finally(() => {
            controls.hidden = false;
          });
        }
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  return { element, show };
}
