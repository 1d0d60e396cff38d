/**
 * Service Discovery (XEP-0030) with extended information forms (XEP-0128), and the entity
 * capabilities verification string (XEP-0115 §5).
 */
import { childOf, childrenOf, textOf, xml, type XmlElement } from './element.ts';
import { newStanzaId } from './message.ts';

const NS_INFO = 'http://jabber.org/protocol/disco#info';
const NS_DATA = 'jabber:x:data';

/** What an entity says about itself in answer to a disco#info request. */
export interface DiscoInfo {
  identities: { category: string; type: string; name?: string; lang?: string }[];
  features: string[];
  /**
   * XEP-0128 forms. `type` is the form's FORM_TYPE (e.g. `urn:xmpp:dataforms:softwareinfo`),
   * and `fields` are its other fields; forms without a single hidden FORM_TYPE are left out.
   */
  forms: { type: string; fields: { var: string; values: string[] }[] }[];
}

/** Builds a disco#info request to `to`, for one of its nodes if given. */
export function buildDiscoInfoGet(to: string, node?: string): XmlElement {
  return xml('iq', { type: 'get', id: newStanzaId(), to }, xml('query', { xmlns: NS_INFO, node }));
}

/** A form's FORM_TYPE when it has exactly one, hidden, with one value (repeats of it allowed). */
function formType(x: XmlElement): string | undefined {
  const typeFields = childrenOf(x, 'field').filter((f) => f.attrs.var === 'FORM_TYPE');
  if (typeFields.length !== 1 || typeFields[0].attrs.type !== 'hidden') return undefined;
  const values = new Set(childrenOf(typeFields[0], 'value').map((v) => textOf(v)));
  const [value] = values;
  return values.size === 1 && value ? value : undefined;
}

function parseForm(x: XmlElement): DiscoInfo['forms'][number] | undefined {
  const type = formType(x);
  if (!type) return undefined;
  const fields = childrenOf(x, 'field')
    .filter((f) => f.attrs.var && f.attrs.var !== 'FORM_TYPE')
    .map((f) => ({ var: f.attrs.var, values: childrenOf(f, 'value').map((v) => textOf(v)) }));
  return { type, fields };
}

/**
 * Reads a disco#info answer: an iq result with a disco#info query. Identities without category
 * or type, features without var, and forms without a proper FORM_TYPE are left out; duplicates
 * are kept as sent (so that `capsVerification` can refuse them). Undefined for anything else.
 */
export function parseDiscoInfo(iq: XmlElement): DiscoInfo | undefined {
  const features = parseDiscoFeatures(iq);
  const query = features && childOf(iq, 'query', NS_INFO);
  if (!query) return undefined;
  const identities: DiscoInfo['identities'] = [];
  for (const el of childrenOf(query, 'identity')) {
    const { category, type, name } = el.attrs;
    const lang = el.attrs['xml:lang'];
    if (!category || !type) continue;
    identities.push({ category, type, ...(name !== undefined && { name }), ...(lang !== undefined && { lang }) });
  }
  const forms = childrenOf(query, 'x', NS_DATA)
    .map(parseForm)
    .filter((f) => f !== undefined);
  return { identities, features, forms };
}

/**
 * Only the features of a disco#info answer, as `parseDiscoInfo` reads them: what a client asks
 * of its server, without the code for the rest (every visitor's widget does). Undefined for
 * anything else.
 */
export function parseDiscoFeatures(iq: XmlElement): string[] | undefined {
  if (iq.name !== 'iq' || iq.attrs.type !== 'result') return undefined;
  const query = childOf(iq, 'query', NS_INFO);
  return query
    ? childrenOf(query, 'feature')
        .map((f) => f.attrs.var)
        .filter((v): v is string => !!v)
    : undefined;
}

/**
 * Answers a disco#info request (an iq get) with `info`: an iq result with the request's id,
 * addressed to its sender, echoing the requested node. The caller decides whether it knows the
 * node (our caps node is `node#ver`) and answers item-not-found otherwise.
 */
export function buildDiscoInfoResult(request: XmlElement, info: DiscoInfo): XmlElement {
  const node = childOf(request, 'query', NS_INFO)?.attrs.node;
  return xml(
    'iq',
    { type: 'result', id: request.attrs.id, to: request.attrs.from },
    xml(
      'query',
      { xmlns: NS_INFO, node },
      info.identities.map(({ category, type, name, lang }) => xml('identity', { category, type, name, 'xml:lang': lang })),
      info.features.map((feature) => xml('feature', { var: feature })),
      info.forms.map((form) =>
        xml(
          'x',
          { xmlns: NS_DATA, type: 'result' },
          xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, form.type)),
          form.fields
            .filter((f) => f.var !== 'FORM_TYPE')
            .map((f) =>
              xml(
                'field',
                { var: f.var },
                f.values.map((v) => xml('value', {}, v)),
              ),
            ),
        ),
      ),
    ),
  );
}

const encoder = new TextEncoder();

/** "i;octet" collation (RFC 4790 §9.3): compares the UTF-8 bytes, not UTF-16 code units. */
function octetCompare(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

const octetSort = (list: readonly string[]) => [...list].sort(octetCompare);
const hasDuplicates = (list: readonly string[]) => new Set(list).size !== list.length;

/**
 * The XEP-0115 verification string of `info`: SHA-1 (via `crypto.subtle`, which browsers only
 * offer in secure contexts) of identities, features and forms in i;octet order, base64-encoded.
 * Rejects, like any unusable hash, when the info is ill-formed (§5.4: repeated identities,
 * features or form types) or holds a `<` (the separator, which would let one list pass for
 * another): never cache such info for the `ver`.
 */
export async function capsVerification(info: DiscoInfo): Promise<string> {
  const identities = info.identities.map((i) => [i.category, i.type, i.lang ?? '', i.name ?? '']);
  identities.sort((a, b) => octetCompare(a[0], b[0]) || octetCompare(a[1], b[1]) || octetCompare(a[2], b[2]) || octetCompare(a[3], b[3]));
  const parts = identities.map((i) => i.join('/'));
  if (hasDuplicates(parts) || hasDuplicates(info.features) || hasDuplicates(info.forms.map((f) => f.type))) {
    throw new Error('Ill-formed service discovery information: repeated identity, feature or form.');
  }
  parts.push(...octetSort(info.features));
  const forms = [...info.forms].sort((a, b) => octetCompare(a.type, b.type));
  for (const form of forms) {
    parts.push(form.type);
    const fields = form.fields.filter((f) => f.var !== 'FORM_TYPE').sort((a, b) => octetCompare(a.var, b.var));
    for (const f of fields) parts.push(f.var, ...octetSort(f.values));
  }
  if (parts.some((p) => p.includes('<'))) throw new Error('Service discovery information holds a "<".');
  const digest = await crypto.subtle.digest('SHA-1', encoder.encode(parts.map((p) => `${p}<`).join('')));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}
