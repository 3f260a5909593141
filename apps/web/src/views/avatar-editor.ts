// Defines the <cropper-*> custom elements (Cropper.js 2 is a set of web components).
import 'cropperjs';
import type { CropperImage, CropperSelection } from 'cropperjs';
import type { AvatarCrop } from '@cruddur/shared/contract';
import { type Box, cropFractions, sameBox, squareInside } from '../crop-geometry';
import { h, say } from '../dom';
import { FACE_FRAMING_HINTS, type FaceFraming, type FoundFaces, afterDetection, isSquarePhoto, openingSquare } from '../face-start';
/** One arrow press moves the square by this share of the photo's shorter side (Shift: five times it). */
const KEY_STEP = 0.02;
/** One + or − press zooms by this factor. */
const ZOOM_STEP = 0.1;
/** The round preview's canvas edge in pixels: 96 CSS pixels at 2x. */
const PREVIEW_PIXELS = 192;

export interface AvatarEditor {
  element: HTMLElement;
  /**
   * The chosen square as fractions of the upright photo; `undefined` until the photo is laid out,
   * and while the face detector was unavailable and the user left the square (the thumbnail frames it).
   */
  crop(): AvatarCrop | undefined;
  /** Resolves once the face search has ended (bounded by the finder's own time limit): wait for it before `crop()`. */
  settled(): Promise<void>;
  /** Resolves once the photo is drawn and the first square placed. */
  ready: Promise<void>;
  /** Where the square stands: on the whole (square) photo, centred while faces are looked for, on the face, … */
  framing(): FaceFraming;
}

export interface AvatarEditorOptions {
  /**
   * Looks for faces in the photo (the page: `findFaces(file)`, in a worker); `undefined` when it
   * cannot tell. Without it the editor keeps the centred square.
   */
  findFaces?: () => Promise<FoundFaces | undefined>;
}

function cropperElement<T extends HTMLElement>(tag: string, attributes: Record<string, string> = {}, ...children: HTMLElement[]): T {
  const element = document.createElement(tag) as T;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

function boxWithin(element: Element, container: Element): Box {
  const inner = element.getBoundingClientRect();
  const outer = container.getBoundingClientRect();
  return { x: inner.left - outer.left, y: inner.top - outer.top, width: inner.width, height: inner.height };
}

const selectionBox = (selection: CropperSelection): Box => ({ x: selection.x, y: selection.y, width: selection.width, height: selection.height });

/**
 * The avatar editor: the photo upright (the browser applies EXIF orientation), a square to drag,
 * resize from its corners, or move with the arrow keys and zoom with + and −, and a live round
 * preview of the avatar it makes. The square never leaves the photo; `crop()` is what `POST /avatars/key_upload` takes.
 * The caller checks first that the browser can decode the photo (`HTMLImageElement.decode()`).
 *
 * Face first: a square photo opens whole; any other opens on the centred square while `findFaces`
 * looks, then moves onto the face (the shared rule, `frameAvatarSquare`) with a hint saying so, or
 * stays and says no face was found. Once the user moves or resizes the square, detection never moves it.
 *
 * @example
 * const editor = avatarEditor(URL.createObjectURL(file), { findFaces: () => findFaces(file) });
 * slot.replaceChildren(editor.element);
 * await api.avatarUploadTicket(type, size, editor.crop());
 */
export function avatarEditor(photoUrl: string, options: AvatarEditorOptions = {}): AvatarEditor {
  const image = cropperElement<CropperImage>('cropper-image', { src: photoUrl, alt: 'Your photo', 'initial-fit': 'contain' });
  const corners = ['nw-resize', 'ne-resize', 'sw-resize', 'se-resize'].map((action) => cropperElement('cropper-handle', { action }));
  const selection = cropperElement<CropperSelection>(
    'cropper-selection',
    // `precise` keeps fractional positions: rounding would push a square clamped to the photo's edge past it.
    { 'aspect-ratio': '1', movable: '', resizable: '', zoomable: '', outlined: '', precise: '', 'data-testid': 'avatar-crop-selection' },
    cropperElement('cropper-grid', { covered: '' }),
    cropperElement('cropper-handle', { action: 'move', 'theme-color': 'rgba(255, 255, 255, 0.35)' }),
    ...corners,
  );
  const canvas = cropperElement('cropper-canvas', { background: '', class: 'editor__canvas', 'aria-hidden': 'true' }, image, cropperElement('cropper-shade', { hidden: '' }), selection);
  // Drawn from the decoded photo rather than by <cropper-viewer>, which follows the selection only over a movable image.
  const preview = h('canvas', { width: PREVIEW_PIXELS, height: PREVIEW_PIXELS, class: 'editor__preview', role: 'img', 'aria-label': 'Preview of your avatar', 'data-testid': 'avatar-crop-preview' });
  const photo = new Image();
  photo.src = photoUrl;

  const framingHint = h('p', { class: 'hint editor__framing', role: 'status', 'aria-live': 'polite', 'data-testid': 'avatar-face-hint' });
  const help = h('p', { id: 'avatar-editor-help', class: 'hint' }, 'Drag the square, or focus the photo and use the arrow keys to move it and + or − to zoom.');
  const element = h(
    'div',
    { class: 'editor', role: 'group', tabindex: 0, 'aria-label': 'Choose the part of the photo for your avatar', 'aria-describedby': 'avatar-editor-help', 'data-testid': 'avatar-editor' },
    canvas,
    h('figure', { class: 'editor__figure' }, preview, h('figcaption', { class: 'hint' }, 'Your avatar')),
    framingHint,
    help,
  );

  const photoBox = () => boxWithin(image, canvas);
  let laidOut = false;
  let adjusting = false;
  // Set while the editor itself places the square (opening, face framing): those changes are not the user's.
  let placing = false;
  let userMoved = false;
  let framing: FaceFraming = 'detecting';
  /** Ends when the face search has (or there was none). */
  let searched: Promise<void> = Promise.resolve();
  const setFraming = (next: FaceFraming) => {
    framing = next;
    element.dataset['faceFraming'] = next;
    say(framingHint, FACE_FRAMING_HINTS[next]);
  };
  const place = (square: Box) => {
    placing = true;
    try {
      selection.$change(square.x, square.y, square.width, square.height);
    } finally {
      placing = false;
    }
  };
  // The thumbnail frames the photo itself when the detector was unavailable and the user left the square.
  const crop = () => (laidOut && framing !== 'unavailable' ? cropFractions(selectionBox(selection), photoBox()) : undefined);

  let drawing = false;
  // Browsers draw an <img> upright (EXIF applied), so the fractions of the upright photo map straight onto it.
  const drawPreview = () => {
    if (drawing) return;
    drawing = true;
    requestAnimationFrame(() => {
      drawing = false;
      const chosen = laidOut ? cropFractions(selectionBox(selection), photoBox()) : undefined;
      const context = preview.getContext('2d');
      if (!chosen || !context || !photo.naturalWidth) return;
      const { naturalWidth: width, naturalHeight: height } = photo;
      context.clearRect(0, 0, PREVIEW_PIXELS, PREVIEW_PIXELS);
      context.drawImage(photo, chosen.left * width, chosen.top * height, chosen.width * width, chosen.height * height, 0, 0, PREVIEW_PIXELS, PREVIEW_PIXELS);
    });
  };

  // Every move, resize and zoom (pointer, wheel or key) is kept inside the photo.
  selection.addEventListener('change', (event) => {
    drawPreview();
    if (!laidOut || adjusting) return;
    const wanted = (event as CustomEvent<Box>).detail;
    // Cropper re-announces its square unchanged at times: only a different one is a move.
    if (!placing && !userMoved && !sameBox(wanted, selectionBox(selection))) {
      userMoved = true;
      setFraming('moved');
    }
    const inside = squareInside(wanted, photoBox());
    if (sameBox(inside, wanted)) return;
    event.preventDefault();
    adjusting = true;
    try {
      selection.$change(inside.x, inside.y, inside.width, inside.height);
    } finally {
      adjusting = false;
    }
  });

  element.addEventListener('keydown', (event) => {
    if (!laidOut) return;
    const photo = photoBox();
    const step = Math.max(1, Math.min(photo.width, photo.height) * KEY_STEP * (event.shiftKey ? 5 : 1));
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[event.key];
    if (move) selection.$move(...move);
    // Zooming in shows less of the photo: the square shrinks.
    else if (event.key === '+' || event.key === '=') selection.$zoom(-ZOOM_STEP);
    else if (event.key === '-' || event.key === '_') selection.$zoom(ZOOM_STEP);
    else return;
    event.preventDefault();
  });

  const decoded = photo.decode();
  // Detection starts as soon as the photo's size is known, while the canvas lays the photo out.
  const detection = decoded
    .then(() => (options.findFaces && !isSquarePhoto(photo.naturalWidth, photo.naturalHeight) ? options.findFaces() : undefined))
    .catch(() => undefined);
  const ready = Promise.all([image.$ready(), decoded]).then(
    () =>
      new Promise<void>((resolve) => {
        // The image centres itself on load; its box is known after the next frame.
        requestAnimationFrame(() => {
          const opening = openingSquare(photoBox(), { width: photo.naturalWidth, height: photo.naturalHeight });
          place(opening.square);
          laidOut = true;
          drawPreview();
          if (opening.framing === 'detecting' && !options.findFaces) setFraming('no-face');
          else setFraming(opening.framing);
          if (opening.framing === 'detecting' && options.findFaces) {
            // Whether the search has ended shows on the element even when it changes nothing (the user moved first).
            element.dataset['faceSearch'] = 'running';
            searched = detection.then((found) => {
              element.dataset['faceSearch'] = 'done';
              const next = afterDetection(found, photoBox(), userMoved);
              if (next.framing === 'moved') return;
              if (next.square) place(next.square);
              setFraming(next.framing);
              drawPreview();
            });
          }
          resolve();
        });
      }),
  );

  return {
    element,
    ready,
    crop,
    framing: () => framing,
    settled: async () => {
      await ready;
      await searched;
    },
  };
}
