import { expect } from '@esm-bundle/chai';
import { AnonymousMechanism, MechanismFactory, PlainMechanism, type SaslMechanism } from './mechanisms.ts';
import { scramMechanism } from './scram.ts';

describe('SASL mechanisms for @xmpp/sasl', () => {
  it('names each registered mechanism by its prototype, in order, and makes a new one per exchange', () => {
    const factory = new MechanismFactory().use(PlainMechanism).use(AnonymousMechanism).use(scramMechanism('SHA-256'));
    expect(factory._mechs.map((m) => m.name)).to.deep.equal(['PLAIN', 'ANONYMOUS', 'SCRAM-SHA-256']);
    const plain = factory.create(['ANONYMOUS', 'PLAIN']);
    expect(plain, 'the first registered among those asked').to.be.instanceOf(PlainMechanism);
    expect(factory.create(['PLAIN'])).not.to.equal(plain);
    expect(factory.create(['SCRAM-SHA-256'])?.name).to.equal('SCRAM-SHA-256');
    expect(factory.create(['DIGEST-MD5'])).to.equal(null);
    expect(new MechanismFactory().use('X-PLAIN', PlainMechanism).create(['X-PLAIN'])).to.be.instanceOf(PlainMechanism);
  });

  it('PLAIN sends authzid, username and password after NULs, client first', () => {
    const plain: SaslMechanism = new PlainMechanism();
    expect(plain).to.include({ name: 'PLAIN', clientFirst: true });
    expect(plain.response({ username: 'alice', password: 'pass' })).to.equal('\0alice\0pass');
    expect(plain.response({ authzid: 'admin', username: 'alice', password: 'pass' })).to.equal('admin\0alice\0pass');
    expect(plain.challenge('')).to.equal(plain);
  });

  it('ANONYMOUS sends its trace or nothing, client first', () => {
    const anonymous: SaslMechanism = new AnonymousMechanism();
    expect(anonymous).to.include({ name: 'ANONYMOUS', clientFirst: true });
    expect(anonymous.response({})).to.equal('');
    expect(anonymous.response({ trace: 'visitor' })).to.equal('visitor');
    expect(anonymous.challenge('')).to.equal(undefined);
  });
});
