/** What `<xmpp-chat>` knows of its lazily loaded panel: configuration in, a few commands out. */
export interface WidgetConfig {
  service?: string;
  domain?: string;
  jid?: string;
  password?: string;
  to?: string;
  anonymous: boolean;
  debug: boolean;
  mode: 'visitor' | 'full' | 'room';
  heading?: string;
  /** Room mode: the room's address (`room`). */
  room?: string;
  /** Room mode: the nickname the site gives the visitor (`nick`); without it the visitor is asked once. */
  nick?: string;
  /** Visitor mode: the panel's first line, shown at once. */
  welcome?: string;
  /** Visitor mode: shown while the peer is available. */
  greeting?: string;
  /** Visitor mode: shown while nobody is. */
  awayMessage?: string;
  /** Visitor mode: who the visitor is, as the page said (`identify()`). */
  visitor?: { name?: string; email?: string; userId?: string; signature?: string };
  /** Visitor mode: the fields of the pre-chat form, and those of them that are required. */
  prechat?: ('name' | 'email')[];
  prechatRequired?: ('name' | 'email')[];
  /** Chime for new messages (in one tab of the site). */
  sound?: boolean;
  /** Visitor mode: what the first message of a visit tells the desk: where the visitor is too, or only who. */
  context?: 'page' | 'identity';
  /** Visitor mode: the page address and referrer go with their query and fragment (by default without). */
  contextFullUrl?: boolean;
  /** Full mode: the agent's name, carried by every message it sends (`agent-name`). */
  agentName?: string;
  /** One-to-one messages are end-to-end encrypted (`encryption="omemo"`). */
  encryption?: 'omemo';
  /** With `encryption`: to someone without OMEMO, in plain text rather than not at all (`plaintext-fallback`). */
  plaintextFallback?: boolean;
}

export interface PanelElement extends HTMLElement {
  config: WidgetConfig;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  send(body: string, to?: string): Promise<void>;
  focusComposer(): Promise<void>;
  reset(): Promise<void>;
}
