type Attribute = string | number | boolean | null | undefined;
type Child = Node | string | null | undefined | false;

/**
 * Creates an element: attributes (`true` sets an empty one, `false`/`null`/`undefined` none) and
 * children (strings become text nodes, so nothing is ever parsed as HTML).
 *
 * @example
 * h('label', { for: 'bio' }, 'Bio');
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, Attribute> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** Sets a message element's text; an empty message hides it (CSS `:empty`), so live regions stay in place. */
export function say(element: HTMLElement, message: string): void {
  element.textContent = message;
}
