/**
 * Inline style for positions that only script knows (virtual lists' offsets and heights), set
 * through the CSSOM on every render. Lit's `styleMap` writes a `style` attribute on the first
 * render, which a page's `Content-Security-Policy: style-src 'self'` blocks (`style-src-attr`);
 * CSSOM property assignments are not inline style and are always allowed.
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/** CSS properties by their CSSOM names (`blockSize`, `paddingTop`…); undefined removes one. */
export type StyleProperties = Partial<Record<'blockSize' | 'insetBlockStart' | 'paddingTop' | 'paddingBottom', string>>;

class StylePropertiesDirective extends Directive {
  #set = new Set<keyof StyleProperties>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('styleProperties() belongs on an element: <div ${styleProperties({…})}>.');
  }

  render(_properties: StyleProperties) {
    return noChange;
  }

  override update(part: ElementPart, [properties]: [StyleProperties]) {
    const { style } = part.element as HTMLElement;
    for (const name of this.#set) {
      if (properties[name] === undefined) {
        style[name] = '';
        this.#set.delete(name);
      }
    }
    for (const [name, value] of Object.entries(properties) as [keyof StyleProperties, string | undefined][]) {
      if (value === undefined) continue;
      style[name] = value;
      this.#set.add(name);
    }
    return noChange;
  }
}

/** Sets these style properties on the element it is written on, through the CSSOM. */
export const styleProperties = directive(StylePropertiesDirective);
