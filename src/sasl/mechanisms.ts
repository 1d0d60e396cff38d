/**
 * The SASL mechanism registry that @xmpp/sasl takes (`use()`, `create()`, and the `_mechs` it
 * reads the names from), with PLAIN (RFC 4616) and ANONYMOUS (RFC 4505): what the saslmechanisms,
 * sasl-plain and sasl-anonymous packages give, as one ES module. Those are CommonJS, which the
 * bundler wraps in module objects and interop helpers that the WebSocket transport then carries.
 */

/** What @xmpp/sasl asks of a mechanism: one instance per exchange. */
export interface SaslMechanism {
  name: string;
  clientFirst: boolean;
  response(credentials: SaslCredentials): string | Promise<string>;
  challenge(challenge: string): unknown;
}

/** The credentials @xmpp/sasl passes to `response()`. */
export interface SaslCredentials {
  username?: string | null;
  password?: string | null;
  authzid?: string;
  /** ANONYMOUS: the trace information sent (RFC 4505 §2). */
  trace?: string;
}

type MechanismClass = new () => SaslMechanism;

/** The mechanisms a client offers, in order of preference (the first registered wins). */
export class MechanismFactory {
  readonly _mechs: { name: string; mech: MechanismClass }[] = [];

  /** Registers a mechanism, under its prototype's `name` unless given one. */
  use(name: string | MechanismClass, mech?: MechanismClass): this {
    if (typeof name === 'string') this._mechs.push({ name, mech: mech! });
    else this._mechs.push({ name: (name.prototype as SaslMechanism).name, mech: name });
    return this;
  }

  /** A new instance of the first registered mechanism among `names`, or null. */
  create(names: readonly string[]): SaslMechanism | null {
    for (const { name, mech } of this._mechs) if (names.includes(name)) return new mech();
    return null;
  }
}

/** PLAIN: authorization identity, username and password, each after a NUL but the first. */
export class PlainMechanism implements SaslMechanism {
  declare name: string;
  declare clientFirst: boolean;

  response({ authzid, username, password }: SaslCredentials): string {
    return `${authzid || ''}\0${username}\0${password}`;
  }

  challenge(): this {
    return this;
  }
}
Object.assign(PlainMechanism.prototype, { name: 'PLAIN', clientFirst: true });

/** ANONYMOUS: only an optional trace. */
export class AnonymousMechanism implements SaslMechanism {
  declare name: string;
  declare clientFirst: boolean;

  response({ trace }: SaslCredentials): string {
    return trace || '';
  }

  challenge(): void {}
}
Object.assign(AnonymousMechanism.prototype, { name: 'ANONYMOUS', clientFirst: true });
