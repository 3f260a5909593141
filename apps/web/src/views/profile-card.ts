import { h } from '../dom';
import type { Profile } from '../profile';
import { avatarElement } from './avatar';

/** The public part of a profile page: avatar, display name, handle and bio. */
export function profileCard(profile: Profile, assetsUrl: string): HTMLElement {
  return h(
    'section',
    { class: 'card profile', 'data-testid': 'profile', 'aria-labelledby': 'profile-name' },
    avatarElement(profile, assetsUrl),
    h(
      'div',
      { class: 'profile__text' },
      h('h1', { id: 'profile-name', tabindex: -1, 'data-testid': 'profile-display-name' }, profile.display_name),
      h('p', { class: 'profile__handle', 'data-testid': 'profile-handle' }, `@${profile.handle}`),
      profile.bio
        ? h('p', { class: 'profile__bio', 'data-testid': 'profile-bio' }, profile.bio)
        : h('p', { class: 'profile__bio profile__bio--empty', 'data-testid': 'profile-bio' }, 'No bio yet.'),
    ),
  );
}
