import { expect } from '@esm-bundle/chai';
import { capsVerification } from '../stanza/disco.ts';
import { CLIENT_INFO, CLIENT_VER, OMEMO_CLIENT_INFO, OMEMO_CLIENT_VER } from './disco.ts';

describe('our own caps', () => {
  it('are the verification string of what we answer to disco#info', async () => {
    expect(CLIENT_VER, 'CLIENT_VER must be capsVerification(CLIENT_INFO)').to.equal(await capsVerification(CLIENT_INFO));
    expect(OMEMO_CLIENT_VER, 'OMEMO_CLIENT_VER must be capsVerification(OMEMO_CLIENT_INFO)').to.equal(
      await capsVerification(OMEMO_CLIENT_INFO),
    );
  });
});
