// The framework declarations of the package, written beside dist/elements.d.ts (whose names they
// use) as dist/react.d.ts (`xmpp-chat/react`) and dist/vue.d.ts (`xmpp-chat/vue`). Kept as text
// here: they name `react` and `vue`, which the package's users have and the repository does not;
// test/package type-checks them in a React app (and the Vue one with vue's own types).

export const REACT = `/**
 * JSX for React 19 (\`xmpp-chat/react\`): React 19 sets a custom element's property when the element
 * has one of that name (an attribute otherwise) and listens to \`on<event-name>\` props, so these
 * types list each element's properties and its events by their exact names:
 *
 *   <xmpp-chat service="wss://…" mode="full" opened onxmpp-chat-message={(e) => e.detail.body} />
 *
 * An app loads them with one line in any of its TypeScript files: \`import type {} from 'xmpp-chat/react';\`
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { XmppChatElementEvents, XmppChatElementProps, XmppChatElements } from './elements.js';

type EventProps<Events> = { [K in keyof Events as \`on\${K & string}\`]?: (event: Events[K]) => void };

type ElementAttributes<Tag extends keyof XmppChatElements> = Omit<
  DetailedHTMLProps<HTMLAttributes<XmppChatElements[Tag]>, XmppChatElements[Tag]>,
  keyof XmppChatElementProps<XmppChatElements[Tag]>
> &
  XmppChatElementProps<XmppChatElements[Tag]> &
  EventProps<XmppChatElementEvents[Tag]>;

export type XmppChatIntrinsicElements = { [Tag in keyof XmppChatElements]: ElementAttributes<Tag> };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends XmppChatIntrinsicElements {}
  }
}
`;

export const VUE = `/**
 * The elements as Vue 3 global components (\`xmpp-chat/vue\`), for template type checking
 * (vue-tsc, Volar): properties by name, events as \`@xmpp-chat-message\` and so on. Vue must be told
 * the tags are custom elements (\`compilerOptions.isCustomElement: (tag) => tag.startsWith('xmpp-chat')\`).
 *
 * An app loads them with one line in any of its TypeScript files: \`import type {} from 'xmpp-chat/vue';\`
 */
import type { EmitFn, HTMLAttributes } from 'vue';
import type { XmppChatElementEvents, XmppChatElementProps, XmppChatElements } from './elements.js';

/** \`xmpp-chat-message\` → \`XmppChatMessage\`: how Vue names the handler of \`@xmpp-chat-message\`. */
type Pascal<S extends string> = S extends \`\${infer Head}-\${infer Tail}\` ? \`\${Capitalize<Head>}\${Pascal<Tail>}\` : Capitalize<S>;
type EventProps<Events> = { [K in keyof Events as \`on\${Pascal<K & string>}\`]?: (event: Events[K]) => void };

type DefineCustomElement<Tag extends keyof XmppChatElements> = new () => XmppChatElements[Tag] & {
  /** For template type checking only: not a property of the element. */
  $props: HTMLAttributes & XmppChatElementProps<XmppChatElements[Tag]> & EventProps<XmppChatElementEvents[Tag]>;
  /** For template type checking only: not a property of the element. */
  $emit: EmitFn<{ [K in keyof XmppChatElementEvents[Tag]]: (event: XmppChatElementEvents[Tag][K]) => void }>;
};

export type XmppChatGlobalComponents = { [Tag in keyof XmppChatElements]: DefineCustomElement<Tag> };

declare module 'vue' {
  interface GlobalComponents extends XmppChatGlobalComponents {}
}
`;
