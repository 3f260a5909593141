import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, type ConsoleMessage, type Page, type Request, type Response, chromium } from 'playwright-core';
import sharp from 'sharp';
import { FACE_SEARCH_EDGE, type FaceDetector, createFaceDetector } from '@cruddur/media/faces';
import { API_ROUTES, type AvatarCrop, type FaceBox, faceFramedCrop } from '@cruddur/shared/contract';
import { FACE_SET_DIR, HALVES_RGB, faceSet, halvesJpeg, pdfNamedJpg, photoJpeg, textFileNamedJpg } from '@cruddur/testing/images';
import { EVENT_WAIT_MS, type SharedStack, sharedStack } from '../helpers/shared-stack';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the page's own refusal texts, which the browser test expects on screen
import { STILL_PROCESSING_MESSAGE, UPLOAD_REJECTION_MESSAGES } from '../../../web/src/upload-rejection';

// Debian's Chromium; CHROMIUM_PATH points elsewhere (e.g. a local Chrome) when needed.
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
// How long the page may take to show what a step leads to before it counts as stuck: a bound on a
// hang that a busy machine does not reach, not a guess of how fast the page is (the bench measures that).
const UI_WAIT_MS = 60_000;
const WORKSPACE = path.resolve(__dirname, '../../../..');
const SCREENSHOT = path.join(WORKSPACE, 'docs/profile.png');
const EDITOR_SCREENSHOT = path.join(WORKSPACE, 'docs/avatar-editor.png');
// One person facing the camera, 800×800, from the labelled face set (its README: source, licence), and the face's labelled box in it.
const PORTRAIT = path.join(FACE_SET_DIR, 'light-01.jpg');
const PORTRAIT_FACE: FaceBox = faceSet().find((photo) => photo.name === 'light-01.jpg')!.faces[0]!;
const BIO = 'Builds serverless avatars in TypeScript, usually at the cafe\u0301.';
// Without the background-networking flags Chromium phones home and its connections are refused here.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface AvatarImage {
  /** The rendition's own pixels; `naturalWidth` of a `srcset` image is scaled to the rendered size. */
  fileWidth: number;
  fileHeight: number;
  renderedWidth: number;
  currentSrc: string;
  version: string | null;
}

/** Waits until the avatar `<img>` has decoded, and measures the rendition the browser picked. */
async function renderedAvatar(page: Page): Promise<AvatarImage> {
  const image = page.getByTestId('avatar-image');
  await image.waitFor();
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('[data-testid="avatar-image"]');
    return img !== null && img.complete && img.naturalWidth > 0;
  });
  return image.evaluate(async (img: HTMLImageElement) => {
    const file = new Image();
    file.src = img.currentSrc;
    await file.decode();
    return {
      fileWidth: file.naturalWidth,
      fileHeight: file.naturalHeight,
      renderedWidth: img.getBoundingClientRect().width,
      currentSrc: img.currentSrc,
      version: img.closest('picture')?.getAttribute('data-avatar-version') ?? null,
    };
  });
}

/** Waits until the crop editor shows the chosen file (a blob URL), decoded at `width` pixels wide, with its square placed. */
async function editorShowing(page: Page, width: number): Promise<void> {
  await page.waitForFunction((expected) => {
    const image = document.querySelector<HTMLElement & { $image?: HTMLImageElement }>('[data-testid="avatar-editor"] cropper-image');
    const selection = document.querySelector<HTMLElement & { width?: number }>('[data-testid="avatar-crop-selection"]');
    return image?.$image !== undefined && image.getAttribute('src')?.startsWith('blob:') === true && image.$image.naturalWidth === expected && (selection?.width ?? 0) > 0;
  }, width);
}

/** The mean colour of the rendition at `url` (the one the page shows), read from its pixels. */
async function meanColourOf(url: string): Promise<{ r: number; g: number; b: number }> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const [r, g, b] = (await sharp(Buffer.from(await response.arrayBuffer())).stats()).channels.map((channel) => channel.mean);
  return { r: r!, g: g!, b: b! };
}

/** Clicks *Upload avatar* and waits for the new avatar; answers the presign request bodies the page sent meanwhile. */
async function uploadCapturingPresigns(tab: Page): Promise<unknown[]> {
  const presigns: unknown[] = [];
  const onRequest = (request: Request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === API_ROUTES.presignAvatarUpload.path) presigns.push(request.postDataJSON());
  };
  tab.on('request', onRequest);
  try {
    await tab.getByTestId('avatar-upload-submit').click();
    await tab.getByTestId('avatar-status').filter({ hasText: 'Your new avatar is ready.' }).waitFor({ timeout: EVENT_WAIT_MS });
  } finally {
    tab.off('request', onRequest);
  }
  return presigns;
}

/** A crop as the API takes it, from the presign request the page sent. */
function presignedCrop(presigns: unknown[]): AvatarCrop {
  expect(presigns).toHaveLength(1);
  return (presigns[0] as { crop: AvatarCrop }).crop;
}

/**
 * A wide photo with the face well off its centre: the portrait at 1000 px on the right half of a
 * 2000×1000 grey canvas, so today's centred square (800 px, x 600–1400) would cut the face in half.
 * Also the face's labelled box as fractions of the whole photo.
 */
async function offCentreFacePhoto(): Promise<{ jpeg: Buffer; face: AvatarCrop }> {
  const portrait = await sharp(readFileSync(PORTRAIT)).resize(1000, 1000).toBuffer();
  const jpeg = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: { r: 122, g: 138, b: 153 } } })
    .composite([{ input: portrait, left: 1000, top: 0 }])
    .jpeg({ quality: 88 })
    .toBuffer();
  const scale = 1000 / 800;
  const face = { left: (1000 + PORTRAIT_FACE.left * scale) / 2000, top: (PORTRAIT_FACE.top * scale) / 1000, width: (PORTRAIT_FACE.width * scale) / 2000, height: (PORTRAIT_FACE.height * scale) / 1000 };
  return { jpeg, face };
}

let nodeDetector: Promise<FaceDetector> | undefined;

/** The faces in an image, found by the same detector as the page's, run here in Node (model from disk, WASM from node_modules). */
async function facesIn(image: Buffer, longSide?: number): Promise<{ faces: FaceBox[]; width: number; height: number }> {
  nodeDetector ??= (() => {
    const weights = readFileSync(path.join(WORKSPACE, 'libs/media/faces/model/blazeface.bin'));
    return createFaceDetector(
      { model: JSON.parse(readFileSync(path.join(WORKSPACE, 'libs/media/faces/model/blazeface.json'), 'utf8')), weights: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer },
      { wasmPaths: `${path.join(WORKSPACE, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/` },
    );
  })();
  const resized = longSide === undefined ? sharp(image) : sharp(image).resize(longSide, longSide, { fit: 'inside' });
  const { data, info } = await resized.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const faces = await (await nodeDetector).detect({ data, width: info.width, height: info.height, channels: 4 });
  return { faces, width: info.width, height: info.height };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

describe('the profile page in Chromium, against the local stack', () => {
  let workDir: string;
  let stack: SharedStack;
  let browser: Browser;
  let page: Page;
  // The face-framing tests' own browser context: a cold HTTP cache and a new face worker, as a first visit has.
  let faceContext: BrowserContext | undefined;
  let facePage: Page;
  let facePhoto: { file: string; face: AvatarCrop };
  let faceCrop: AvatarCrop;
  let andrew: SharedStack['demoUsers'][number];
  let firstAvatarVersion: string | null = null;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`The browser test needs Chromium at ${CHROMIUM}: run \`apt-get install -y chromium\` (Debian/Ubuntu).`);
    }
    workDir = mkdtempSync(path.join(tmpdir(), 'cruddur-web-e2e-'));
    // The shared stack serves the built page (the e2e target builds it first; tests/setup checks).
    stack = sharedStack('browser');
    andrew = stack.demoUsers[0]!;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    page = await browser.newPage({ viewport: { width: 900, height: 1100 } });
    page.setDefaultTimeout(UI_WAIT_MS);
  });

  afterAll(async () => {
    await faceContext?.close();
    await browser?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });


  it('refuses a wrong password with a clear message', async () => {
    await page.goto(stack.webUrl);
    await page.getByLabel('Username or email').fill(andrew.username);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('sign-in-error').filter({ hasText: 'Incorrect username or password.' }).waitFor();
  });

  it('signs in with Cognito and lands on your own profile page', async () => {
    await page.getByLabel('Password').fill(andrew.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('profile-form').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/@[a-z0-9_]+$/);
    await expect(page.getByTestId('nav-me').textContent()).resolves.toBe(new URL(page.url()).pathname.slice(1));
    const stored = await page.evaluate(() => sessionStorage.getItem('cruddur.session'));
    expect(JSON.parse(stored!)).toMatchObject({ accessToken: expect.any(String) });
  });

  it('edits display name and bio, showing inline errors first', async () => {
    const name = page.getByTestId('display-name-input');
    const bio = page.getByTestId('bio-input');
    await name.fill('   ');
    await expect(page.getByTestId('display-name-error').textContent()).resolves.toBe('Display name must show at least one character.');
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
    await bio.fill('b'.repeat(161));
    await expect(page.getByTestId('bio-count').textContent()).resolves.toBe('161 / 160');
    await expect(page.getByTestId('bio-error').textContent()).resolves.toBe('Bio must be at most 160 characters (1 too many).');
    // Saving an invalid form does not reach the API: the page still shows the old name.
    const before = await page.getByTestId('profile-display-name').textContent();
    await page.getByTestId('profile-save').click();
    await expect(page.getByTestId('profile-display-name').textContent()).resolves.toBe(before);

    await name.fill('Andrew the Tester');
    // "é" typed as e + combining accent: two code points, one character, as the API counts.
    await bio.fill(BIO);
    await expect(page.getByTestId('display-name-error').textContent()).resolves.toBe('');
    await expect(page.getByTestId('bio-count').textContent()).resolves.toBe('61 / 160');
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-form-status').filter({ hasText: 'Profile saved.' }).waitFor();
    await expect(page.getByTestId('profile-display-name').textContent()).resolves.toBe('Andrew the Tester');
    await expect(page.getByTestId('profile-bio').textContent()).resolves.toBe(BIO);
  });

  it('checks the chosen file before asking for an upload URL', async () => {
    await page.getByTestId('avatar-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.getByTestId('avatar-error').filter({ hasText: 'is not a supported image' }).waitFor();
    await expect(page.getByTestId('avatar-upload-submit').isDisabled()).resolves.toBe(true);

    await page
      .getByTestId('avatar-file')
      .setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0xff) });
    await page.getByTestId('avatar-error').filter({ hasText: 'is too large (10 MB)' }).waitFor();
    await expect(page.getByTestId('avatar-upload-submit').isDisabled()).resolves.toBe(true);
  });

  it('uploads a photo with progress and shows the new avatar without a reload', async () => {
    const photo = path.join(workDir, 'holiday.jpg');
    writeFileSync(photo, await photoJpeg({ width: 1600, height: 1200, exif: true }));
    const before = await page.evaluate(() => document.querySelector('[data-testid="avatar-image"]') === null);
    expect(before).toBe(true);

    await page.getByTestId('avatar-file').setInputFiles(photo);
    await editorShowing(page, 1600);
    await page.getByTestId('avatar-upload-submit').click();
    await page.getByTestId('avatar-status').filter({ hasText: 'Your new avatar is ready.' }).waitFor({ timeout: EVENT_WAIT_MS });
    await expect(page.getByTestId('avatar-progress').isHidden()).resolves.toBe(true);

    const avatar = await renderedAvatar(page);
    expect([128, 512]).toContain(avatar.fileWidth);
    expect(avatar.fileHeight).toBe(avatar.fileWidth);
    expect(avatar.renderedWidth).toBe(160);
    expect(avatar.currentSrc).toMatch(/\.webp$/);
    expect(avatar.currentSrc.startsWith(stack.assetsUrl)).toBe(true);
    firstAvatarVersion = avatar.version;
    expect(firstAvatarVersion).toMatch(/^\d{13}-[0-9a-f]{16}$/);

    if (process.env['UPDATE_SCREENSHOT'] === '1') {
      mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    }
  });

  it('still shows the avatar and the edits after a reload', async () => {
    await page.reload();
    await page.getByTestId('profile-form').waitFor();
    await expect(page.getByTestId('profile-display-name').textContent()).resolves.toBe('Andrew the Tester');
    const avatar = await renderedAvatar(page);
    expect(avatar.version).toBe(firstAvatarVersion);
    expect([128, 512]).toContain(avatar.fileWidth);
  });

  it('paints the placeholder before the rendition has loaded, then swaps in the WebP the <picture> chose', async () => {
    const isRendition = (url: URL) => url.href.startsWith(stack.assetsUrl) && /\/(128|512)\.(webp|jpg)$/.test(url.pathname);
    const requested: string[] = [];
    let release: (() => void) | undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Routing also turns off the HTTP cache, so the reload asks for the rendition again.
    await page.route(isRendition, async (route) => {
      requested.push(route.request().url());
      await held;
      await route.continue();
    });
    const picture = page.getByTestId('avatar');
    let placeholderShot: Buffer;
    try {
      const asked = page.waitForRequest((request) => isRendition(new URL(request.url())));
      await page.reload({ waitUntil: 'domcontentloaded' });
      await asked;
      // The rendition is on its way and held: what the circle shows now is the placeholder alone.
      await expect(picture.getAttribute('data-avatar-state')).resolves.toBe('placeholder');
      await expect(picture.evaluate((el) => getComputedStyle(el).backgroundImage)).resolves.toMatch(/^url\("data:image\/png;base64,/);
      await expect(page.getByTestId('avatar-image').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).resolves.toBe(false);
      placeholderShot = await picture.screenshot({ animations: 'disabled' });
    } finally {
      release?.();
    }
    await page.waitForFunction(() => document.querySelector('[data-testid="avatar"]')?.getAttribute('data-avatar-state') === 'loaded');
    const avatar = await renderedAvatar(page);
    await page.unroute(isRendition);
    expect(avatar.version).toBe(firstAvatarVersion);
    expect(avatar.currentSrc).toMatch(/\/512\.webp$/);
    expect(requested.every((url) => url.endsWith('.webp'))).toBe(true);
    await expect(picture.evaluate((el) => getComputedStyle(el).backgroundImage)).resolves.toBe('none');

    // The placeholder was roughly the avatar: their mean colours on screen are close.
    const renditionShot = await picture.screenshot({ animations: 'disabled' });
    const means = async (png: Buffer) => (await sharp(png).stats()).channels.slice(0, 3).map((channel) => channel.mean);
    const [before, after] = [await means(placeholderShot), await means(renditionShot)];
    for (const [i, channel] of after.entries()) expect(Math.abs(channel - before[i]!)).toBeLessThan(30);
  });

  it.each([
    ['a narrow screen at 1x', { width: 400, height: 800 }, 1, '128.webp'],
    ['a narrow screen at 2x', { width: 400, height: 800 }, 2, '512.webp'],
    ['a wide screen at 1x', { width: 900, height: 800 }, 1, '512.webp'],
  ])('picks the rendition for the displayed size and density: %s', async (_, viewport, deviceScaleFactor, file) => {
    const context = await browser.newContext({ viewport, deviceScaleFactor });
    try {
      const visitor = await context.newPage();
      await visitor.goto(`${stack.webUrl}${new URL(page.url()).pathname}`);
      const avatar = await renderedAvatar(visitor);
      expect(avatar.currentSrc.endsWith(`/${file}`)).toBe(true);
      expect(avatar.renderedWidth).toBe(viewport.width < 640 ? 112 : 160);
    } finally {
      await context.close();
    }
  });

  it("says it couldn't process a text file named .jpg, and keeps the avatar", async () => {
    const fake = path.join(workDir, 'avatar.jpg');
    writeFileSync(fake, textFileNamedJpg());
    await page.getByTestId('avatar-file').setInputFiles(fake);
    await page.getByTestId('avatar-preview-note').filter({ hasText: 'No preview' }).waitFor();
    await page.getByTestId('avatar-upload-submit').click();
    await page.getByTestId('avatar-error').filter({ hasText: "We couldn't process that image" }).waitFor({ timeout: EVENT_WAIT_MS });
    const avatar = await renderedAvatar(page);
    expect(avatar.version).toBe(firstAvatarVersion);
  });

  it('shows why a PDF renamed .jpg was refused as soon as the server decides, and resets the progress bar', async () => {
    const statusPolls: string[] = [];
    const statusPath = new RegExp(`^${API_ROUTES.getAvatarUploadStatus.path.replace('{uploadId}', '[^/]+')}$`);
    const onRequest = (request: Request) => {
      if (request.method() === 'GET' && statusPath.test(new URL(request.url()).pathname)) statusPolls.push(request.url());
    };
    page.on('request', onRequest);
    try {
      const pdf = path.join(workDir, 'scan.jpg');
      writeFileSync(pdf, pdfNamedJpg());
      await page.getByTestId('avatar-file').setInputFiles(pdf);
      await page.getByTestId('avatar-preview-note').filter({ hasText: 'No preview' }).waitFor();
      await page.getByTestId('avatar-upload-submit').click();
      const error = page.getByTestId('avatar-error').filter({ hasText: UPLOAD_REJECTION_MESSAGES['unsupported-type'] });
      await error.waitFor({ timeout: EVENT_WAIT_MS });
    } finally {
      page.off('request', onRequest);
    }
    // The outcome came from the status route, not the page's timeout: a handful of polls, the last one answered "rejected".
    expect(statusPolls.length).toBeGreaterThanOrEqual(1);
    expect(statusPolls.length).toBeLessThan(15);
    expect(new Set(statusPolls).size).toBe(1);
    await expect(page.getByTestId('avatar-error').textContent()).resolves.toBe(UPLOAD_REJECTION_MESSAGES['unsupported-type']);
    await expect(page.getByTestId('avatar-error').textContent()).resolves.not.toBe(STILL_PROCESSING_MESSAGE);
    await expect(page.getByTestId('avatar-progress').isHidden()).resolves.toBe(true);
    await expect(page.getByTestId('avatar-status').textContent()).resolves.toBe('');
    expect((await renderedAvatar(page)).version).toBe(firstAvatarVersion);
  });

  it('signs out, and the profile stays public', async () => {
    const ownPage = new URL(page.url()).pathname;
    const { refreshToken } = JSON.parse((await page.evaluate(() => sessionStorage.getItem('cruddur.session')))!) as { refreshToken: string };
    // Every failed request and console error while signing out: there must be none (GlobalSignOut was a 500 locally).
    const failures: string[] = [];
    const onResponse = (response: Response) => {
      if (response.status() >= 400) failures.push(`${response.status()} ${response.request().headers()['x-amz-target'] ?? response.url()}`);
    };
    const onRequestFailed = (request: Request) => failures.push(`failed ${request.url()}`);
    const onConsole = (message: ConsoleMessage) => {
      if (message.type() === 'error') failures.push(`console: ${message.text()}`);
    };
    page.on('response', onResponse);
    page.on('requestfailed', onRequestFailed);
    page.on('console', onConsole);
    const revoked = page.waitForResponse((response) => response.request().headers()['x-amz-target'] === 'AWSCognitoIdentityProviderService.RevokeToken');
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-form').waitFor();
    await page.getByTestId('status').filter({ hasText: 'You are signed out.' }).waitFor();
    await expect(page.evaluate(() => sessionStorage.getItem('cruddur.session'))).resolves.toBeNull();
    expect((await revoked).status()).toBe(200);
    page.off('response', onResponse);
    page.off('requestfailed', onRequestFailed);
    page.off('console', onConsole);
    expect(failures).toEqual([]);
    // The old refresh token no longer works.
    const refresh = await fetch(stack.cognito.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
      body: JSON.stringify({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: stack.cognito.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } }),
    });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toMatchObject({ __type: 'NotAuthorizedException' });

    await page.goto(`${stack.webUrl}${ownPage}`);
    await page.getByTestId('profile').waitFor();
    await expect(page.getByTestId('profile-display-name').textContent()).resolves.toBe('Andrew the Tester');
    await expect(page.getByTestId('profile-form').count()).resolves.toBe(0);
    await expect(page.getByTestId('nav-sign-in').isVisible()).resolves.toBe(true);
    expect((await renderedAvatar(page)).version).toBe(firstAvatarVersion);
  });

  it('signs in with the e-mail address in "Username or email", as the deployed pool allows', async () => {
    await page.goto(stack.webUrl);
    await page.getByLabel('Username or email').fill(andrew.email.toUpperCase());
    await page.getByLabel('Password').fill(andrew.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('profile-form').waitFor();
    await expect(page.getByTestId('nav-me').textContent()).resolves.toBe(new URL(page.url()).pathname.slice(1));
    await expect(page.getByTestId('profile-display-name').textContent()).resolves.toBe('Andrew the Tester');
  });

  it('crops in the editor: the square moved by keyboard onto the blue half of a sideways photo makes a blue avatar', async () => {
    const photo = path.join(workDir, 'halves.jpg');
    // Stored sideways (EXIF orientation 6): upright it is 1200×800, red on the left, blue on the right.
    writeFileSync(photo, await halvesJpeg({ width: 1200, height: 800, orientation: 6 }));
    await page.getByTestId('avatar-file').setInputFiles(photo);
    await editorShowing(page, 1200);
    await expect(page.getByRole('group', { name: 'Choose the part of the photo for your avatar' }).isVisible()).resolves.toBe(true);
    // Two flat halves hold no face: the square stays centred and the page says so.
    await page.getByTestId('avatar-face-hint').filter({ hasText: 'No face found: drag the square to choose.' }).waitFor();
    await expect(page.getByRole('img', { name: 'Preview of your avatar' }).isVisible()).resolves.toBe(true);

    const selection = page.getByTestId('avatar-crop-selection');
    const square = async () => selection.evaluate((el: HTMLElement & { x?: number; width?: number }) => ({ x: el.x!, width: el.width! }));
    const start = await square();
    await page.getByTestId('avatar-editor').focus();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    const zoomed = await square();
    expect(zoomed.width).toBeLessThan(start.width);
    for (let i = 0; i < 12; i += 1) await page.keyboard.press('Shift+ArrowRight');
    const moved = await square();
    expect(moved.x).toBeGreaterThan(zoomed.x);
    // The live round preview follows: its centre is now blue (the canvas draws a same-origin blob, so it can be read).
    await page.waitForFunction(() => {
      const preview = document.querySelector<HTMLCanvasElement>('[data-testid="avatar-crop-preview"]');
      const [r = 255, , b = 0] = preview?.getContext('2d')?.getImageData(preview.width / 2, preview.height / 2, 1, 1).data ?? [];
      return r < 40 && b > 215;
    });

    const presigns = await uploadCapturingPresigns(page);
    const { crop } = presigns[0] as { crop: { left: number; top: number; width: number; height: number } };
    // The square was pushed against the right edge of the upright picture: all of it on the blue half.
    expect(crop.left).toBeGreaterThan(0.5);
    expect(crop.left + crop.width).toBeCloseTo(1, 3);

    const avatar = await renderedAvatar(page);
    expect(avatar.version).not.toBe(firstAvatarVersion);
    const colour = await meanColourOf(avatar.currentSrc);
    expect(Math.max(Math.abs(colour.r - HALVES_RGB.right.r), Math.abs(colour.g - HALVES_RGB.right.g), Math.abs(colour.b - HALVES_RGB.right.b))).toBeLessThan(25);
  });

  it('frames the face: a photo with the face off-centre, touched nowhere, uploads an avatar showing the face', async () => {
    const { jpeg, face } = await offCentreFacePhoto();
    facePhoto = { file: path.join(workDir, 'off-centre-face.jpg'), face };
    writeFileSync(facePhoto.file, jpeg);

    // A first visit in a fresh context (same session): the detector's files come over the network, uncached.
    const session = await page.evaluate(() => sessionStorage.getItem('cruddur.session'));
    faceContext = await browser.newContext({ viewport: { width: 900, height: 1100 } });
    await faceContext.addInitScript((value) => {
      try {
        if (value && !sessionStorage.getItem('cruddur.session')) sessionStorage.setItem('cruddur.session', value);
      } catch {
        // about:blank has no storage.
      }
    }, session);
    const detectorFiles = new Map<string, Buffer>();
    const pending: Promise<void>[] = [];
    faceContext.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (/^\/face-worker-[^/]+\.js$|^\/face-model\//.test(pathname) && response.status() === 200) {
        pending.push(response.body().then((body) => void detectorFiles.set(pathname, body), () => undefined));
      }
    });
    facePage = await faceContext.newPage();
    facePage.setDefaultTimeout(UI_WAIT_MS);
    const warnings: string[] = [];
    facePage.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
    });
    await facePage.goto(`${stack.webUrl}${new URL(page.url()).pathname}`);
    await facePage.getByTestId('profile-form').waitFor();
    // The profile page alone loads no part of the detector.
    await facePage.waitForLoadState('networkidle');
    expect([...detectorFiles.keys()]).toEqual([]);

    const opened = Date.now();
    await facePage.getByTestId('avatar-file').setInputFiles(facePhoto.file);
    await editorShowing(facePage, 2000);
    const shown = Date.now();
    await facePage.getByTestId('avatar-face-hint').filter({ hasText: 'Framed on your face. Drag to change.' }).waitFor();
    const framed = Date.now();
    await expect(facePage.getByTestId('avatar-editor').getAttribute('data-face-framing')).resolves.toBe('framed');
    await Promise.all(pending);
    const files = [...detectorFiles.entries()].sort(([a], [b]) => a.localeCompare(b));
    const raw = files.reduce((sum, [, body]) => sum + body.length, 0);
    const gzip = files.reduce((sum, [, body]) => sum + gzipSync(body).length, 0);
    console.log(`face detector download (cold): ${kB(gzip)} gzip, ${kB(raw)} raw: ${files.map(([file, body]) => `${file} ${kB(gzipSync(body).length)}`).join(', ')}`);
    console.log(`editor → square on the face (cold, first visit): ${framed - opened} ms (editor shown after ${shown - opened} ms)`);
    expect(files.map(([file]) => file)).toEqual(expect.arrayContaining(['/face-model/blazeface.bin', '/face-model/blazeface.json', expect.stringMatching(/^\/face-worker-/)]));
    expect(warnings.filter((text) => text.includes('Face detection'))).toEqual([]);

    // The live preview draws the square that will be sent: the face is in the middle of the round preview.
    const previewUrl = await facePage.getByTestId('avatar-crop-preview').evaluate((canvas: HTMLCanvasElement) => canvas.toDataURL('image/png'));
    const previewFaces = await facesIn(Buffer.from(previewUrl.split(',')[1]!, 'base64'));
    expect(previewFaces.faces.length).toBeGreaterThanOrEqual(1);
    const [inPreview] = previewFaces.faces;
    expect(Math.abs(inPreview!.left + inPreview!.width / 2 - previewFaces.width / 2)).toBeLessThan(previewFaces.width / 4);

    if (process.env['UPDATE_SCREENSHOT'] === '1') {
      mkdirSync(path.dirname(EDITOR_SCREENSHOT), { recursive: true });
      await facePage.getByTestId('avatar-form').screenshot({ path: EDITOR_SCREENSHOT });
    }

    const presigns = await uploadCapturingPresigns(facePage);
    faceCrop = presignedCrop(presigns);
    // The square holds the whole labelled face…
    expect(faceCrop.left).toBeLessThanOrEqual(face.left);
    expect(faceCrop.top).toBeLessThanOrEqual(face.top);
    expect(faceCrop.left + faceCrop.width).toBeGreaterThanOrEqual(face.left + face.width);
    expect(faceCrop.top + faceCrop.height).toBeGreaterThanOrEqual(face.top + face.height);
    // …and is the shared rule's square on the detector's face (run here on the photo at the worker's size).
    const inNode = await facesIn(jpeg, FACE_SEARCH_EDGE);
    const expected = faceFramedCrop(inNode.faces, inNode.width, inNode.height)!;
    for (const side of ['left', 'top', 'width', 'height'] as const) expect(Math.abs(faceCrop[side] - expected[side])).toBeLessThan(0.02);

    // The avatar shows the face, near its middle.
    const avatar = await renderedAvatar(facePage);
    const large = avatar.currentSrc.replace(/\/(128|512)\.(webp|jpg)$/, '/512.webp');
    const response = await fetch(large);
    expect(response.status).toBe(200);
    const rendition = Buffer.from(await response.arrayBuffer());
    const inAvatar = await facesIn(rendition);
    expect(inAvatar.width).toBe(512);
    expect(inAvatar.faces.length).toBeGreaterThanOrEqual(1);
    const [top] = inAvatar.faces;
    const centre = { x: top!.left + top!.width / 2, y: top!.top + top!.height / 2 };
    for (const value of [centre.x, centre.y]) {
      expect(value).toBeGreaterThanOrEqual(128);
      expect(value).toBeLessThanOrEqual(384);
    }
  });

  it('moving the square still wins: moved after the face framing, the moved square is sent', async () => {
    const opened = Date.now();
    await facePage.getByTestId('avatar-file').setInputFiles(facePhoto.file);
    await editorShowing(facePage, 2000);
    await facePage.getByTestId('avatar-face-hint').filter({ hasText: 'Framed on your face.' }).waitFor();
    console.log(`editor → square on the face (warm, second photo): ${Date.now() - opened} ms`);
    await facePage.getByTestId('avatar-editor').focus();
    // One arrow press moves 2 % of the photo's shorter side: 1 % of this 2:1 photo's width.
    for (let i = 0; i < 3; i += 1) await facePage.keyboard.press('ArrowLeft');
    await expect(facePage.getByTestId('avatar-editor').getAttribute('data-face-framing')).resolves.toBe('moved');

    const presigns = await uploadCapturingPresigns(facePage);
    const moved = presignedCrop(presigns);
    expect(Math.abs(moved.left - (faceCrop.left - 0.03))).toBeLessThan(0.002);
    expect(Math.abs(moved.top - faceCrop.top)).toBeLessThan(0.002);
    expect(Math.abs(moved.width - faceCrop.width)).toBeLessThan(0.002);
  });

  it('without the detector (its model refused), the upload carries no crop and the thumbnail frames the face', async () => {
    const tab = await faceContext!.newPage();
    tab.setDefaultTimeout(UI_WAIT_MS);
    await faceContext!.route('**/face-model/blazeface.bin', (route) => route.fulfill({ status: 404, body: 'gone' }));
    try {
      await tab.goto(facePage.url());
      await tab.getByTestId('profile-form').waitFor();
      await tab.getByTestId('avatar-file').setInputFiles(facePhoto.file);
      await editorShowing(tab, 2000);
      await tab.getByTestId('avatar-face-hint').filter({ hasText: "Couldn't look for faces here" }).waitFor();
      await expect(tab.getByTestId('avatar-editor').getAttribute('data-face-framing')).resolves.toBe('unavailable');
      const presigns = await uploadCapturingPresigns(tab);
      expect(presigns).toHaveLength(1);
      expect(presigns[0]).not.toHaveProperty('crop');
      // The thumbnail looked for the face itself: it is in the middle of the avatar.
      const avatar = await renderedAvatar(tab);
      const rendition = Buffer.from(await (await fetch(avatar.currentSrc.replace(/\/(128|512)\.(webp|jpg)$/, '/512.webp'))).arrayBuffer());
      const [face] = (await facesIn(rendition)).faces;
      expect(face).toBeDefined();
      expect(Math.abs(face!.left + face!.width / 2 - 256)).toBeLessThan(128);
    } finally {
      await faceContext!.unroute('**/face-model/blazeface.bin');
      await tab.close();
    }
  });

  it('moving the square still wins: moved while the face is still being looked for, detection leaves it where the user put it', async () => {
    // A new tab starts a new face worker; its model weights are held back until the square has been moved.
    const tab = await faceContext!.newPage();
    tab.setDefaultTimeout(UI_WAIT_MS);
    let release: (() => void) | undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await faceContext!.route('**/face-model/blazeface.bin', async (route) => {
      await held;
      await route.continue();
    });
    try {
      await tab.goto(facePage.url());
      await tab.getByTestId('profile-form').waitFor();
      await tab.getByTestId('avatar-file').setInputFiles(facePhoto.file);
      await editorShowing(tab, 2000);
      await tab.getByTestId('avatar-face-hint').filter({ hasText: 'Looking for your face…' }).waitFor();
      const selection = tab.getByTestId('avatar-crop-selection');
      const square = async () => selection.evaluate((el: HTMLElement & { x?: number; y?: number; width?: number }) => ({ x: el.x!, y: el.y!, width: el.width! }));
      const centred = await square();
      await tab.getByTestId('avatar-editor').focus();
      await tab.keyboard.press('ArrowUp');
      const moved = await square();
      expect(moved.y).toBeLessThan(centred.y);
      await expect(tab.getByTestId('avatar-editor').getAttribute('data-face-framing')).resolves.toBe('moved');
      await expect(tab.getByTestId('avatar-face-hint').textContent()).resolves.toBe('');
      release?.();
      await tab.waitForFunction(() => document.querySelector('[data-testid="avatar-editor"]')?.getAttribute('data-face-search') === 'done');
      await expect(square()).resolves.toEqual(moved);
      await expect(tab.getByTestId('avatar-face-hint').textContent()).resolves.toBe('');
    } finally {
      release?.();
      await faceContext!.unroute('**/face-model/blazeface.bin');
      await tab.close();
    }

    await faceContext?.close();
    faceContext = undefined;
    // The main page shows the newest avatar again for the removal test.
    await page.reload();
    await page.getByTestId('profile-form').waitFor();
  });

  // Last: the tests before it need the avatar.
  it('removes the avatar: the initial shows again, the rendition URL answers 404, and it stays removed after a reload', async () => {
    const shown = await renderedAvatar(page);
    expect((await fetch(shown.currentSrc)).status).toBe(200);
    await expect(page.getByTestId('avatar-remove').textContent()).resolves.toBe('Remove avatar');
    await page.getByTestId('avatar-remove').click();
    await page.getByTestId('avatar-remove-status').filter({ hasText: 'Your avatar was removed.' }).waitFor();
    await page.getByTestId('avatar-placeholder').waitFor();
    await expect(page.getByTestId('avatar-placeholder').textContent()).resolves.toBe('A');
    expect(await page.evaluate(() => document.querySelector('[data-testid="avatar-image"]') === null)).toBe(true);
    // Nothing left to remove: the button goes, the confirmation stays until the page changes.
    await expect(page.getByTestId('avatar-remove').isHidden()).resolves.toBe(true);
    expect((await fetch(shown.currentSrc)).status).toBe(404);

    await page.reload();
    await page.getByTestId('avatar-placeholder').waitFor();
    await expect(page.getByTestId('avatar-remove-section').isHidden()).resolves.toBe(true);
  });
});
