/**
 * The performance targets, numbered as RESULTS.md lists them. A measurement names the goal it judges with
 * `goal`; a goal no measurement names is reported "not measured", never passed. A new target
 * (or a new case of one) is one entry here and a `goal` on its rows.
 */
export const GOALS = Object.freeze([
  { id: 'handler-ceiling', number: 1, title: 'Thumbnail handler ≥ 0.90 × its ceiling (bare sharp in memory + raw GET/PUT floor against this s3rver), per input' },
  { id: 'upload-visible', number: 2, title: 'Upload → visible on the local stack, 12 MP: p50 ≤ 1.3 × (PUT + handler time), same run' },
  { id: 'concurrent-uploads', number: 3, title: '20 concurrent 12 MP uploads on the local stack ≤ 1.3 × the same 20 through the handler in a loop' },
  { id: 'thumbnail-cold-start', number: 4, title: 'Thumbnail cold start (fresh process, bundle, first 2 MP image) ≤ 1.25 × fresh `require(\'sharp\')` + the same render' },
  { id: 'authorizer', number: 5, title: 'Authorizer handler ≥ 0.85 × `@cruddur/auth/jwt` verify alone; cold init ≤ 40 ms above the floor' },
  { id: 'bytes-per-avatar', number: 6, title: 'Bytes per avatar at equal SSIM: 512 WebP ≤ 0.60 ×, 512 JPEG ≤ 0.90 × the original app\'s JPEG q80' },
  { id: 'framing-heic', number: 7, title: 'Attention framing ≤ 1.15 × centre crop; 12 MP HEIC ≤ 25 × 12 MP JPEG, peak RSS ≤ 450 MB, bounded over 20 uploads' },
  { id: 'cost', number: 8, title: 'Thumbnail GB-seconds per 1M uploads at its configured memory; the memory size the peak RSS justifies' },
  { id: 'faces-held', number: 9, title: 'Face framing: ≥ 98 % of the labelled photos keep the whole face, ≥ 95 % per group; attention and the centre crop beside it' },
  { id: 'faces-off-centre', number: 10, title: 'Face framing: each photo placed in the left or right third of 16:9 and the lower third of 9:16: ≥ 98 %' },
  { id: 'faces-no-face', number: 11, title: 'No face: never a rejection; the fallback is attention' },
  { id: 'faces-cost', number: 12, title: 'Handler with face framing / with attention, 12 MP warm ≤ 1.25×; cold start with / without the detector ≤ 1.5×; peak RSS ≤ 450 MB; artifact size printed' },
  { id: 'faces-browser', number: 13, title: "Browser: the detector's download (gzip) and the time from opening the editor to the square on the face (Chromium, e2e)" },
  { id: 'budgets', number: undefined, title: 'Standing checks from earlier issues (bundle sizes, peak RSS, presign cold init, local-stack failures)' },
] as const);

export type GoalId = (typeof GOALS)[number]['id'];

/** A goal as recorded in results.json, so RESULTS.md can be rendered from that file alone. */
export interface GoalRecord {
  id: string;
  number?: number;
  title: string;
}

export type GoalStatus = 'pass' | 'MISS' | 'info' | 'not measured';

/**
 * A goal's verdict from the marks of its rows: any miss misses it, no rows at all is "not
 * measured", rows with no bound (figures printed for reading) are "info".
 *
 * @example
 * goalStatus(['pass', 'info']); // 'pass'
 * goalStatus([]); // 'not measured'
 */
export function goalStatus(marks: readonly ('pass' | 'MISS' | 'info')[]): GoalStatus {
  if (marks.length === 0) return 'not measured';
  if (marks.includes('MISS')) return 'MISS';
  return marks.includes('pass') ? 'pass' : 'info';
}
