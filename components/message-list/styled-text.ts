/**
 * A message body as Lit templates: its styling (XEP-0393, parsed by styling.ts) as `<strong>`,
 * `<em>`, `<s>`, `<code>`, `<pre>` and `<blockquote>` around text nodes, with links found in every
 * run of text. Never markup from the body: each piece of it is a text binding.
 */
import { html, type TemplateResult } from 'lit';
import { linkify } from '../linkify/linkify.ts';
import { parseStyling, type Block, type Span } from './styling.ts';

/** The body's blocks, lines separated by line breaks (the bubble keeps white space as written). */
export function styledText(body: string): TemplateResult {
  return blocks(parseStyling(body));
}

function blocks(list: Block[]): TemplateResult {
  return html`${list.map((block, i) => {
    // Quotations and preformatted blocks are boxes of their own; lines need a break between them.
    const lineAfterLine = block.type === 'line' && list[i - 1]?.type === 'line';
    if (block.type === 'preformatted') return html`<pre><code>${links(block.text)}</code></pre>`;
    if (block.type === 'quotation') return html`<blockquote>${blocks(block.blocks)}</blockquote>`;
    return html`${lineAfterLine ? '\n' : ''}${block.spans.map(span)}`;
  })}`;
}

function span(item: Span): unknown {
  if (typeof item === 'string') return links(item);
  // The directives stay in view, as the XEP recommends, but screen readers skip them.
  const mark = html`<span class="directive" aria-hidden="true">${item.directive}</span>`;
  const inner = html`${mark}${item.children.map(span)}${mark}`;
  switch (item.style) {
    case 'strong':
      return html`<strong>${inner}</strong>`;
    case 'emphasis':
      return html`<em>${inner}</em>`;
    case 'strike':
      return html`<s>${inner}</s>`;
    case 'preformatted':
      return html`<code>${inner}</code>`;
  }
}

/** Plain text with its links. */
function links(text: string): unknown[] {
  return linkify(text).map((part) =>
    'href' in part ? html`<a href=${part.href} target="_blank" rel="noopener noreferrer">${part.text}</a>` : part.text,
  );
}
