import type { ApiClient } from '../api-client';
import { AVATAR_ACCEPT, AVATAR_TYPES_LABEL, MAX_AVATAR_BYTES, type AvatarUploadPlan, planAvatarUpload, ticketRefusal } from '../avatar-file';
import { waitForUploadOutcome } from '../avatar-poll';
import { h, say } from '../dom';
import { ApiError, AvatarUploadError, type AvatarUploadFailure, SessionExpiredError, WebError } from '../errors';
import type { Profile } from '../profile';
import { uploadToS3 } from '../s3-upload';
import { findFaces } from '../face-finder';
import { type AvatarEditor, avatarEditor } from './avatar-editor';

const FINAL_FAILURES: ReadonlySet<AvatarUploadFailure> = new Set(['empty', 'too-large', 'wrong-type', 'not-processed', 'still-processing']);

export interface AvatarUploadOptions {
  api: ApiClient;
  onAvatar: (profile: Profile) => void;
  onSessionExpired: () => void;
}

/** What the page says when the browser cannot draw the file (HEIC in Chromium, TIFF, a fake). */
const NO_EDITOR_NOTE = 'No preview for this file, so it cannot be cropped here: the server will check it and frame it by what is in it.';

/**
 * Avatar upload: pick a file, choose the square in the editor, upload it straight to S3 with a
 * progress bar (the crop bound into the signed upload), then poll the upload's status until the
 * thumbnail function decides: the new avatar, or why the file was refused. A file the browser
 * cannot draw skips the editor and is uploaded without a crop.
 */
export function avatarUpload(options: AvatarUploadOptions): HTMLElement {
  const input = h('input', { type: 'file', id: 'avatar-file', name: 'avatar', accept: AVATAR_ACCEPT, 'aria-describedby': 'avatar-hint', 'data-testid': 'avatar-file' });
  const editorSlot = h('div', { class: 'editor-slot', 'data-testid': 'avatar-editor-slot' });
  const previewNote = h('p', { class: 'hint', 'data-testid': 'avatar-preview-note' });
  const submit = h('button', { type: 'submit', disabled: true, 'data-testid': 'avatar-upload-submit' }, 'Upload avatar');
  const progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': 'Upload progress', 'data-testid': 'avatar-progress' });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-testid': 'avatar-status' });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'avatar-error' });
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'avatar-heading', 'data-testid': 'avatar-form' },
    h('h2', { id: 'avatar-heading' }, 'Avatar'),
    h('div', { class: 'field' }, h('label', { for: 'avatar-file' }, 'Choose a photo'), input),
    h('p', { id: 'avatar-hint', class: 'hint' }, `${AVATAR_TYPES_LABEL}, up to ${MAX_AVATAR_BYTES / (1024 * 1024)} MB.`),
    h('div', { class: 'upload' }, editorSlot, previewNote),
    h('div', { class: 'actions' }, submit, progress),
    status,
    error,
  );

  let chosen: { file: File; plan: AvatarUploadPlan; editor?: AvatarEditor } | undefined;
  let previewUrl: string | undefined;

  const clearPreview = () => {
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = undefined;
    editorSlot.replaceChildren();
    say(previewNote, '');
  };
  // The browser cannot draw every type we take (TIFF, HEIC outside Safari), nor a file that only claims to be an image.
  const openEditor = (url: string, file: File) => {
    const probe = new Image();
    probe.src = url;
    probe.decode().then(
      () => {
        if (previewUrl !== url || !chosen) return;
        // The face detector (a worker, tfjs and its model) loads now, never with the page.
        const editor = avatarEditor(url, { findFaces: () => findFaces(file) });
        chosen.editor = editor;
        editorSlot.replaceChildren(editor.element);
      },
      () => {
        if (previewUrl === url) say(previewNote, NO_EDITOR_NOTE);
      },
    );
  };

  input.addEventListener('change', () => {
    chosen = undefined;
    submit.disabled = true;
    clearPreview();
    say(error, '');
    say(status, '');
    progress.hidden = true;
    const file = input.files?.[0];
    if (!file) return;
    try {
      chosen = { file, plan: planAvatarUpload(file) };
    } catch (failure) {
      say(error, failure instanceof WebError ? failure.message : 'That file cannot be used.');
      return;
    }
    previewUrl = URL.createObjectURL(file);
    openEditor(previewUrl, file);
    submit.disabled = false;
  });

  const upload = async ({ file, plan, editor }: { file: File; plan: AvatarUploadPlan; editor?: AvatarEditor }) => {
    let ticket;
    try {
      // An Upload clicked while faces are still looked for sends the square the search ends on (the user's, if they moved it).
      if (editor) await editor.settled().catch(() => undefined);
      ticket = await options.api.avatarUploadTicket(plan.contentType, plan.contentLength, editor?.crop());
    } catch (failure) {
      if (failure instanceof ApiError && failure.status < 500) throw ticketRefusal(failure.status, failure.message);
      throw failure;
    }
    progress.hidden = false;
    progress.value = 0;
    say(status, 'Uploading your photo…');
    await uploadToS3(ticket, file, (fraction) => (progress.value = Math.round(fraction * 100)), () => new XMLHttpRequest());
    say(status, 'Uploaded. Making your avatar…');
    await waitForUploadOutcome({ loadStatus: () => options.api.uploadStatus(ticket.uploadId) });
    // The profile, not the upload: a newer avatar may have been recorded meanwhile.
    const profile = await options.api.ownProfile();
    say(status, 'Your new avatar is ready.');
    options.onAvatar(profile);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!chosen) return;
    const current = chosen;
    say(error, '');
    submit.disabled = true;
    input.disabled = true;
    upload(current)
      .then(() => {
        chosen = undefined;
        input.value = '';
        clearPreview();
        progress.hidden = true;
      })
      .catch((failure: unknown) => {
        say(status, '');
        // A full bar beside an error reads as "it worked": the bar goes with the attempt.
        progress.hidden = true;
        progress.value = 0;
        if (failure instanceof SessionExpiredError) return options.onSessionExpired();
        say(error, failure instanceof WebError ? failure.message : 'The upload failed. Please try again.');
        // Retrying the same file makes sense after a network hiccup, not after its contents were refused.
        submit.disabled = failure instanceof AvatarUploadError && FINAL_FAILURES.has(failure.reason);
      })
      .finally(() => {
        input.disabled = false;
        if (!chosen) submit.disabled = true;
      });
  });
  return form;
}
