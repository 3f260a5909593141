/** The part of `fetch` the page uses; tests pass a fake, the page passes `fetch.bind(window)`. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
