import { expect } from '@esm-bundle/chai';
import { ConnectionError } from './errors.ts';
import type { ScramKeyring } from './sasl/scram.ts';
import { keepableAccount } from './visitor-keys.ts';

const account = { jid: 'visitor-abc@example.org', password: 'random-password' };
const endpoint = { service: 'wss://example.org/ws', domain: 'example.org' };

describe('keepableAccount', () => {
  it('keeps keys for each mechanism with a stable salt, and not the password', async () => {
    const salts = async () => ({ 'SCRAM-SHA-1': { salt: 'QSXCR+Q6sek8bf92', iterations: 4096 } });
    const kept = await keepableAccount(account, endpoint, salts);
    expect(kept).to.have.keys('jid', 'scramKeys');
    expect((kept as { scramKeys: ScramKeyring }).scramKeys['SCRAM-SHA-1']).to.include({ salt: 'QSXCR+Q6sek8bf92', iterations: 4096 });
    expect(JSON.stringify(kept)).to.not.contain(account.password);
  });

  it('keeps the password, marked keyless, when no SCRAM salt is stable or SCRAM is not offered (PLAIN only)', async () => {
    expect(await keepableAccount(account, endpoint, async () => ({}))).to.deep.equal({ ...account, keyless: true });
  });

  it('keeps the password unmarked when the server cannot be reached, so keys replace it next time', async () => {
    const unreachable = async () => {
      throw new ConnectionError('unreachable', 'down');
    };
    expect(await keepableAccount(account, endpoint, unreachable)).to.deep.equal(account);
  });

  it("asks for the salts of the account's local part", async () => {
    let asked = '';
    await keepableAccount(account, endpoint, async (_endpoint, username) => {
      asked = username;
      return {};
    });
    expect(asked).to.equal('visitor-abc');
  });
});
